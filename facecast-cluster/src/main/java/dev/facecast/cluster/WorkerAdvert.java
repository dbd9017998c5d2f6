package dev.facecast.cluster;

/**
 * What a worker says of itself at each heartbeat.
 *
 * @param id               unique in the fleet (a pod's name, or a random id)
 * @param url              where the other workers reach its HTTP API, such as {@code http://10.0.0.7:8080}
 * @param mediaAddress     the address browsers send media to (WebRTC's UDP goes there directly, never
 *                         through another worker)
 * @param capacitySessions sessions it can hold now, from its measured CPU per session
 * @param activeSessions   sessions it holds now
 * @param draining         it takes no new sessions
 */
public record WorkerAdvert(String id, String url, String mediaAddress, int capacitySessions, int activeSessions,
                           boolean draining) {
}
