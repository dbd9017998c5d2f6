package dev.facecast.provider;

/**
 * A provider call failed, with the {@link ErrorKind} that says why. Each kind of provider
 * has its own subclass (TtsException, SttException, BrainException), so callers catch the one
 * they expect.
 */
public class ProviderException extends RuntimeException {

    private final ErrorKind kind;

    public ProviderException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** True when another attempt of the same request may succeed. */
    public boolean retryable() {
        return kind.retryable();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + kind + "]: " + getMessage();
    }
}
