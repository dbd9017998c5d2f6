package dev.facecast.tts.inworld;

import dev.facecast.provider.ErrorKind;

/**
 * What a non-zero {@code status.code} in an Inworld result means. Inworld's API is gRPC behind a
 * JSON gateway, so the codes are gRPC's (grpc.io "Status codes"): pipecat's client, for one,
 * treats 5 as "Context not found".
 */
final class GrpcStatus {

    private GrpcStatus() {
    }

    static ErrorKind kindOf(int code) {
        return switch (code) {
            case 3, 5, 6, 9, 11, 12 -> ErrorKind.BAD_REQUEST;   // invalid argument, not found, exists, precondition, range, unimplemented
            case 7, 16 -> ErrorKind.AUTH;                        // permission denied, unauthenticated
            case 8 -> ErrorKind.RATE_LIMITED;                    // resource exhausted: "max contexts limit reached", quotas
            case 4 -> ErrorKind.TIMEOUT;                         // deadline exceeded
            case 1 -> ErrorKind.PROTOCOL;                        // cancelled by the vendor
            default -> ErrorKind.UNAVAILABLE;                    // unavailable, internal, unknown, aborted, data loss
        };
    }
}
