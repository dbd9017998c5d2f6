package dev.facecast.server.cli;

import dev.facecast.server.cluster.ClusterConfig;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** How {@code serve} joins a fleet; without {@code --redis} it is a fleet of one, as ever. */
final class ClusterOptions {

    /** The fleet's shared secret: an environment variable (a Kubernetes Secret), never an argument others can read. */
    static final String SECRET_VARIABLE = "FACECAST_CLUSTER_SECRET";

    @Option(names = "--redis", description = "Join a fleet whose registry is this Redis (redis://host:port); needs "
            + "$" + SECRET_VARIABLE + ". Without it the process serves alone.")
    URI redisUrl;

    @Option(names = "--worker-id", description = "This worker's name in the fleet (default: a random one).")
    String workerId = "worker-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    @Option(names = "--advertise-url", description = "Where the fleet's other workers reach this one's HTTP API "
            + "(default: http://HOST:PORT as it listens).")
    String advertiseUrl;

    @Option(names = "--registry-ttl-ms", description = "How long the fleet remembers a worker that stopped answering; "
            + "it beats three times as often (default: ${DEFAULT-VALUE}).")
    long registryTtlMs = ClusterConfig.DEFAULT_TTL.toMillis();

    /** The fleet to join, or null without {@code --redis}. */
    ClusterConfig toClusterConfig() {
        if (redisUrl == null) {
            return null;
        }
        // The media address the fleet shows is the engine's first candidate (--media-address), filled in at start.
        return new ClusterConfig(redisUrl, workerId, advertiseUrl, null, System.getenv(SECRET_VARIABLE),
                Duration.ofMillis(registryTtlMs));
    }
}
