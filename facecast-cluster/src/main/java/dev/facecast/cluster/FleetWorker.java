package dev.facecast.cluster;

/**
 * A live worker as the registry sees it.
 *
 * @param sessions what placement counts: sessions recorded in the registry for it
 * @param reserved slots reserved for sessions being created there
 * @param beatMs   Redis's time of its last heartbeat, ms since the epoch
 */
public record FleetWorker(String id, String url, String mediaAddress, int capacitySessions, int activeSessions,
                          boolean draining, int sessions, int reserved, long beatMs) {
}
