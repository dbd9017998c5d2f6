package dev.facecast.tts;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.provider.ProviderMeters;

import java.util.function.BooleanSupplier;

/**
 * A text-to-speech engine that streams audio at the rate its consumer asks for.
 *
 * <p>Threading: {@link #synthesize} blocks until the text is spoken or cancelled; call it on a
 * conversation (virtual) thread, never on a media thread. Implementations are thread-safe.
 */
public interface SpeechSynthesizer extends AutoCloseable {

    /** A short name for logs and metrics, such as {@code freetts}. */
    String name();

    /** The format the engine makes without resampling. */
    AudioFormat nativeFormat();

    /** True when asking for {@code output} makes the engine resample. */
    default boolean resamplesFor(AudioFormat output) {
        return !nativeFormat().equals(output);
    }

    /**
     * Speaks {@code text}, delivering {@code output}-format chunks and phone timings to the sink
     * as they are made. Returns quietly when cancelled or when the synthesizer is closed meanwhile.
     *
     * @param cancelled polled between chunks and by a watchdog while the engine blocks, so it
     *                  must be safe to call from any thread; when it turns true, synthesis stops
     * @throws TtsException when the engine fails, with the {@link dev.facecast.provider.ErrorKind} of the failure
     */
    void synthesize(String text, AudioFormat output, SpeechSink sink, BooleanSupplier cancelled);

    /** Calls, failures and time to first audio; engines not built on {@link NativeRateSynthesizer} count nothing. */
    default ProviderMeters meters() {
        return new ProviderMeters(name());
    }

    /** Ends syntheses in progress (they return quietly), refuses new ones, releases the engine. Idempotent. */
    @Override
    void close();
}
