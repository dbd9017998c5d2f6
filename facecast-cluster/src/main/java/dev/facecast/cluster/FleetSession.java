package dev.facecast.cluster;

/**
 * A session as the registry knows it.
 *
 * @param createdMs when it was created, ms since the epoch (its owner's clock)
 * @param state     its state as its owner last said ({@code created}, {@code streaming})
 */
public record FleetSession(String id, String ownerId, String ownerUrl, long createdMs, String state) {
}
