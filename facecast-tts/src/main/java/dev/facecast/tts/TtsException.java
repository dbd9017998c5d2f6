package dev.facecast.tts;

import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderException;

/** A synthesis failed: the engine is missing, refused the text, timed out or broke while speaking. */
public class TtsException extends ProviderException {

    public TtsException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    /** A failure of our own making: {@link ErrorKind#INTERNAL}. */
    public TtsException(String message) {
        this(ErrorKind.INTERNAL, message, null);
    }

    /** A failure of our own making: {@link ErrorKind#INTERNAL}. */
    public TtsException(String message, Throwable cause) {
        this(ErrorKind.INTERNAL, message, cause);
    }
}
