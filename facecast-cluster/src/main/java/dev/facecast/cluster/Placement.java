package dev.facecast.cluster;

/**
 * A slot reserved on a worker for a session about to be created there. The reservation ends when
 * the session is registered with it, when it is released, or by itself after the reservation TTL.
 */
public record Placement(String workerId, String workerUrl, String reservationId) {
}
