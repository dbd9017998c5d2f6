package dev.facecast.provider;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;

/** Why a provider call failed, and whether trying again can help. */
public enum ErrorKind {

    /** The vendor refused our credentials (HTTP 401, 403): the same key fails again. */
    AUTH(false),
    /** The vendor asked us to slow down (HTTP 429): worth another try after a pause. */
    RATE_LIMITED(true),
    /** A connect, first-output or between-outputs deadline passed (or the vendor said so: HTTP 408, 504). */
    TIMEOUT(true),
    /** The vendor could not be reached or failed on its side (refused connection, HTTP 5xx, a broken socket). */
    UNAVAILABLE(true),
    /** The vendor refused this request as it is (HTTP 400, 404, 422 …): the same request fails again. */
    BAD_REQUEST(false),
    /** The vendor answered something we cannot read: not JSON, a wrong audio format, an error event. */
    PROTOCOL(false),
    /** The provider's own code failed (a local engine's bug or missing piece): retrying repeats it. */
    INTERNAL(false);

    private final boolean retryable;

    ErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** True when another attempt of the same request may succeed. */
    public boolean retryable() {
        return retryable;
    }

    /** The kind an HTTP error status means; call it only for statuses that are errors. */
    public static ErrorKind ofHttpStatus(int status) {
        return switch (status) {
            case 401, 403 -> AUTH;
            case 429 -> RATE_LIMITED;
            case 408, 504 -> TIMEOUT;
            default -> status >= 500 ? UNAVAILABLE : BAD_REQUEST;
        };
    }

    /** The kind of a failure a vendor did not classify itself. */
    public static ErrorKind of(Throwable failure) {
        return switch (failure) {
            case ProviderException known -> known.kind();
            case HttpTimeoutException timeout -> TIMEOUT;
            case InterruptedIOException timeout -> TIMEOUT;
            case IOException io -> UNAVAILABLE;
            default -> INTERNAL;
        };
    }
}
