package dev.facecast.stt;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.provider.ProviderMeters;

/**
 * A speech recogniser: one shared model, any number of streams. Thread-safe; each stream
 * is fed from one (conversation) thread.
 */
public interface SpeechToText extends AutoCloseable {

    /** A short name for logs and metrics, such as {@code vosk}. */
    String name();

    /** The format streams take; the session resamples to it where its audio differs. */
    AudioFormat inputFormat();

    /**
     * A new recognition stream, reporting to {@code listener}.
     *
     * @throws SttException when the stream cannot be opened, with the kind of the failure
     */
    Transcriber open(TranscriptListener listener);

    /** Streams opened, failures and time to first result; recognisers not built on {@link StreamingSpeechToText} count nothing. */
    default ProviderMeters meters() {
        return new ProviderMeters(name());
    }

    /** Closes every open stream (their listeners hear nothing more), refuses new ones, releases the model. Idempotent. */
    @Override
    void close();
}
