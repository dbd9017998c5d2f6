package dev.facecast.tts;

/** A synthesis failed: the engine is missing, refused the text, or broke while speaking. */
public class TtsException extends RuntimeException {

    public TtsException(String message) {
        super(message);
    }

    public TtsException(String message, Throwable cause) {
        super(message, cause);
    }
}
