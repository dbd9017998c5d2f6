package dev.facecast.tts;

import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.audio.Resampler;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.provider.Call;

import java.util.List;
import java.util.function.Consumer;

/**
 * What an engine writes into: converts its chunks to the requested rate (when it differs) and
 * hands everything to the consumer through the {@link Call}, which drops output once the call
 * is over and suspends deadlines while the consumer works. One synthesis attempt, one thread.
 */
final class DeliveringSink implements SpeechSink {

    private final Call call;
    private final Resampler resampler;
    private final Consumer<PcmChunk> audio;
    private final Consumer<List<PhoneTiming>> phones;

    DeliveringSink(Call call, Resampler resampler, SpeechSink consumer) {
        this.call = call;
        this.resampler = resampler;
        this.audio = consumer::onAudio;
        this.phones = consumer::onPhones;
    }

    @Override
    public void onAudio(PcmChunk chunk) {
        PcmChunk converted = resampler.process(chunk);
        if (converted.isEmpty()) {
            call.progress(); // the filter is still filling: the engine is alive all the same
        } else {
            call.deliver(audio, converted);
        }
    }

    @Override
    public void onPhones(List<PhoneTiming> timings) {
        call.deliver(phones, timings);
    }

    /** The filter's tail at the end of the text, unless the call was cut short. */
    void drain() {
        PcmChunk tail = resampler.drain();
        if (!tail.isEmpty() && !call.getAsBoolean()) {
            call.deliver(audio, tail);
        }
    }
}
