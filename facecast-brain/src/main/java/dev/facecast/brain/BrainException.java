package dev.facecast.brain;

import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderException;

/** A reply could not be made: the endpoint failed, timed out or answered nonsense. */
public class BrainException extends ProviderException {

    public BrainException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    /** A failure of our own making: {@link ErrorKind#INTERNAL}. */
    public BrainException(String message) {
        this(ErrorKind.INTERNAL, message, null);
    }

    /** A failure of our own making: {@link ErrorKind#INTERNAL}. */
    public BrainException(String message, Throwable cause) {
        this(ErrorKind.INTERNAL, message, cause);
    }
}
