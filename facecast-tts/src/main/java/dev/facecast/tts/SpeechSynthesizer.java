package dev.facecast.tts;

import dev.facecast.media.audio.AudioFormat;

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
     * as they are made.
     *
     * @param cancelled polled between chunks; when it turns true, synthesis stops early
     * @throws TtsException when the engine fails
     */
    void synthesize(String text, AudioFormat output, SpeechSink sink, java.util.function.BooleanSupplier cancelled);

    @Override
    void close();
}
