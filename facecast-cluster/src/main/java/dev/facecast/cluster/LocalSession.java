package dev.facecast.cluster;

/** One of a worker's own sessions, as its heartbeat records it. */
public record LocalSession(String id, long createdMs, String state) {
}
