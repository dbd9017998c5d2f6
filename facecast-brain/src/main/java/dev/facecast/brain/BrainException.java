package dev.facecast.brain;

/** A reply could not be made: the endpoint failed, timed out or answered nonsense. */
public class BrainException extends RuntimeException {

    public BrainException(String message) {
        super(message);
    }

    public BrainException(String message, Throwable cause) {
        super(message, cause);
    }
}
