package dev.facecast.stt;

/** One recognition stream: audio in, partial and final results out. Not thread-safe, except {@link #close()}. */
public interface Transcriber extends AutoCloseable {

    /**
     * Feeds audio in {@link SpeechToText#inputFormat()}; may call the listener. Blocking work
     * (decoding runs here): call it on a conversation thread, never a media thread.
     * Audio fed after {@link #close()} is ignored.
     *
     * @throws SttException when the recogniser fails on it
     */
    void accept(short[] samples, int frames);

    /** Ends the utterance in progress now, as if the speaker stopped: reports it as final if any. */
    void flush();

    /** Audio fed so far, in ms. */
    long audioMs();

    /** Ends the stream: the listener hears nothing after this returns. Idempotent; any thread. */
    @Override
    void close();
}
