package dev.facecast.stt;

import dev.facecast.media.audio.AudioFormat;

/**
 * A speech recogniser: one shared model, any number of streams. Thread-safe; each stream
 * is fed from one (conversation) thread.
 */
public interface SpeechToText extends AutoCloseable {

    /** A short name for logs and metrics, such as {@code vosk}. */
    String name();

    /** The format streams take; the session resamples to it where its audio differs. */
    AudioFormat inputFormat();

    /** A new recognition stream, reporting to {@code listener}. */
    Transcriber open(TranscriptListener listener);

    @Override
    void close();
}
