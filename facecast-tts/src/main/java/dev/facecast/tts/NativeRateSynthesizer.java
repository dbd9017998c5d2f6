package dev.facecast.tts;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.audio.Resampler;
import dev.facecast.media.speech.PhoneTiming;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Base for engines that make one native format: a plug-in implements
 * {@link #synthesizeNative}, and this class inserts a streaming resampler only when the
 * consumer asked for another rate, drains it at the end, and maps engine failures to
 * {@link TtsException}.
 */
public abstract class NativeRateSynthesizer implements SpeechSynthesizer {

    /** Speaks {@code text} in {@link #nativeFormat()}. */
    protected abstract void synthesizeNative(String text, SpeechSink sink, BooleanSupplier cancelled) throws Throwable;

    @Override
    public final void synthesize(String text, AudioFormat output, SpeechSink sink, BooleanSupplier cancelled) {
        if (text == null || text.isBlank()) {
            return;
        }
        Resampler resampler = Resampler.between(nativeFormat(), output);
        SpeechSink target = resampler.isPassThrough() ? sink : new ResamplingSink(resampler, sink);
        try {
            synthesizeNative(text, target, cancelled);
        } catch (TtsException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new TtsException(name() + " failed to speak: " + e.getMessage(), e);
        }
        PcmChunk tail = resampler.drain();
        if (!tail.isEmpty() && !cancelled.getAsBoolean()) {
            sink.onAudio(tail);
        }
    }

    private record ResamplingSink(Resampler resampler, SpeechSink sink) implements SpeechSink {
        @Override
        public void onAudio(PcmChunk chunk) {
            PcmChunk converted = resampler.process(chunk);
            if (!converted.isEmpty()) {
                sink.onAudio(converted);
            }
        }

        @Override
        public void onPhones(List<PhoneTiming> phones) {
            sink.onPhones(phones);
        }
    }
}
