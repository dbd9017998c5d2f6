package dev.facecast.server.cluster;

import java.net.URI;
import java.time.Duration;

/**
 * How a process joins a fleet. Without one, the process is a fleet of one: no Redis, no peers.
 *
 * @param redisUrl     the registry, {@code redis://host:port}
 * @param workerId     unique in the fleet (a pod's name)
 * @param advertiseUrl where the other workers reach this one's HTTP API; null: {@code http://host:port}
 *                     as it listens, which needs a concrete host (not {@code 0.0.0.0})
 * @param mediaAddress the address browsers send this worker's media to; null: the advertised URL's host
 * @param secret       shared by the fleet's workers: a request carrying it was forwarded by one of them
 * @param ttl          how long the fleet remembers a worker that stopped beating (it beats 3 times a TTL)
 */
public record ClusterConfig(URI redisUrl, String workerId, String advertiseUrl, String mediaAddress, String secret,
                            Duration ttl) {

    /** As short as the heartbeat allows, for a short blind spot after a worker dies. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(3);
    /** The secret is a credential between workers: as long as the shortest API key. */
    static final int MIN_SECRET_CHARS = 16;

    public ClusterConfig {
        if (redisUrl == null || !("redis".equals(redisUrl.getScheme()) || "rediss".equals(redisUrl.getScheme()))) {
            throw new IllegalArgumentException("--redis must be a redis:// or rediss:// URL, not " + redisUrl);
        }
        if (workerId == null || !workerId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("a worker id is 1..64 letters, digits, '.', '_' or '-', not " + workerId);
        }
        if (secret == null || secret.length() < MIN_SECRET_CHARS) {
            throw new IllegalArgumentException("a fleet needs a shared secret of at least " + MIN_SECRET_CHARS
                    + " characters in $FACECAST_CLUSTER_SECRET: workers trust requests that carry it");
        }
        if (ttl.toMillis() < 300) {
            throw new IllegalArgumentException("the registry TTL must be at least 300 ms, not " + ttl.toMillis());
        }
    }

    /** Where peers reach this worker, once it listens on {@code port}. */
    public String advertiseUrlFor(String host, int port) {
        if (advertiseUrl != null) {
            return advertiseUrl.replaceAll("/+$", "");
        }
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            throw new IllegalArgumentException("listening on " + host + ", a worker cannot tell its peers where it is: "
                    + "give --advertise-url (in Kubernetes, http://$(POD_IP):PORT)");
        }
        return "http://" + host + ":" + port;
    }

    /** This configuration with the media address the engine answers with (null keeps the URL's host). */
    public ClusterConfig withMediaAddress(String address) {
        return new ClusterConfig(redisUrl, workerId, advertiseUrl, address, secret, ttl);
    }

    public String mediaAddressFor(String advertisedUrl) {
        return mediaAddress != null ? mediaAddress : URI.create(advertisedUrl).getHost();
    }
}
