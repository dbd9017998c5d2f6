package dev.facecast.cluster;

/** Redis did not answer (down, restarting, unreachable): the caller falls back to what it knows alone. */
public final class RegistryUnavailableException extends RuntimeException {

    RegistryUnavailableException(String what, Throwable cause) {
        super(what + ": " + cause.getMessage(), cause);
    }

    /** Known to be away already: not asked again until a heartbeat gets through. */
    public RegistryUnavailableException(String message) {
        super(message);
    }
}
