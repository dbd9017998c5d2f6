package dev.facecast.server.cluster;

import dev.facecast.cluster.FleetRegistry;
import dev.facecast.cluster.FleetSession;
import dev.facecast.cluster.FleetWorker;
import dev.facecast.cluster.LocalSession;
import dev.facecast.cluster.Placement;
import dev.facecast.cluster.RegistryUnavailableException;
import dev.facecast.cluster.WorkerAdvert;
import dev.facecast.media.agent.MediaThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * This process as a worker of the fleet: it beats three times a TTL, and every registry call goes
 * through here, so one place knows whether Redis answers. While it does not, the process serves
 * its own sessions and places new ones on itself alone; the log, {@code /readyz} and
 * {@code facecast_cluster_registry_up} say so, and the first beat that gets through rejoins
 * (a beat writes the worker and all its sessions whole).
 *
 * <p>Thread-safe: the heartbeat thread and request threads call in at once.
 */
public final class ClusterNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    private final FleetRegistry registry;
    private final ClusterConfig config;
    private final String url;
    private final String mediaAddress;
    private final LocalWorker local;
    private final Duration beatPeriod;
    private final Thread heartbeat;
    /** Null until the first call: the first failure is logged whether or not one succeeded before. */
    private volatile Boolean registryUp;
    private volatile boolean closed;

    /** @param url where peers reach this worker (advertised) */
    public ClusterNode(ClusterConfig config, String url, LocalWorker local) {
        this.config = config;
        this.url = url;
        this.mediaAddress = config.mediaAddressFor(url);
        this.local = local;
        this.registry = new FleetRegistry(config.redisUrl(), "facecast:", config.ttl(), FleetRegistry.DEFAULT_RESERVATION_TTL);
        this.beatPeriod = config.ttl().dividedBy(3);
        this.heartbeat = MediaThreads.virtual("facecast-cluster-heartbeat").newThread(this::beatUntilClosed);
    }

    /** Beats once at once (the API listens already: peers may be sent here from now on), then on its own thread. */
    public void start() {
        beat();
        heartbeat.start();
    }

    public String workerId() {
        return config.workerId();
    }

    public String url() {
        return url;
    }

    public String mediaAddress() {
        return mediaAddress;
    }

    public String secret() {
        return config.secret();
    }

    public boolean registryUp() {
        return Boolean.TRUE.equals(registryUp);
    }

    /** Beats now rather than at the next period: draining must leave placement at once. */
    public void beat() {
        try {
            WorkerAdvert advert = new WorkerAdvert(config.workerId(), url, mediaAddress, local.capacitySessions(),
                    local.activeSessions(), local.draining());
            boolean joined = registry.heartbeat(advert, local.sessions());
            if (!registryUp() || joined) {
                log.info("registry {}: {} the fleet as worker {} at {} ({} sessions)", config.redisUrl(),
                        joined ? "joined" : "back in", config.workerId(), url, advert.activeSessions());
            }
            registryUp = true;
        } catch (RegistryUnavailableException e) {
            down(e);
        }
    }

    /** A slot on the least-loaded worker with room; empty when the fleet is full. */
    public Optional<Placement> place(Collection<String> excludedWorkerIds) {
        return call(() -> registry.place(config.workerId(), excludedWorkerIds));
    }

    public void release(Placement placement) {
        quietly(() -> registry.release(placement));
    }

    /** Records a session created here; a registry that does not answer learns of it at its next beat. */
    public void registered(LocalSession session, String reservationId) {
        quietly(() -> registry.registerSession(config.workerId(), session, reservationId == null ? "" : reservationId));
    }

    public void removed(String sessionId) {
        quietly(() -> registry.removeSession(config.workerId(), sessionId));
    }

    public Optional<FleetSession> session(String sessionId) {
        return call(() -> registry.session(sessionId));
    }

    public List<FleetSession> sessions() {
        return call(registry::sessions);
    }

    public List<FleetWorker> workers() {
        return call(registry::workers);
    }

    /**
     * While the registry is known to be away, requests do not wait on it (a Redis behind a dead
     * address costs a connect timeout per call): only the heartbeat asks, and brings it back.
     */
    private <T> T call(Supplier<T> registryCall) {
        if (Boolean.FALSE.equals(registryUp)) {
            throw new RegistryUnavailableException("registry " + config.redisUrl() + " away since the last beat");
        }
        try {
            return registryCall.get();
        } catch (RegistryUnavailableException e) {
            down(e);
            throw e;
        }
    }

    /** A write the next heartbeat makes anyway, if this one cannot. */
    private void quietly(Runnable registryCall) {
        if (Boolean.FALSE.equals(registryUp)) {
            return;
        }
        try {
            registryCall.run();
        } catch (RegistryUnavailableException e) {
            down(e);
        }
    }

    private void down(RegistryUnavailableException e) {
        if (!Boolean.FALSE.equals(registryUp)) {
            log.warn("registry {} unreachable ({}): serving this worker's sessions and placing new ones here alone "
                    + "until it answers", config.redisUrl(), e.getMessage());
        }
        registryUp = false;
    }

    /** Beats by deadline (start + n periods), so a slow beat does not push the next ones later. */
    private void beatUntilClosed() {
        long periodNs = beatPeriod.toNanos();
        long nextNs = System.nanoTime();
        while (!closed) {
            nextNs += periodNs;
            long waitNs = nextNs - System.nanoTime();
            if (waitNs < 0) {
                nextNs = System.nanoTime(); // a beat took a whole period (Redis timing out): no burst to catch up
            } else {
                try {
                    Thread.sleep(Duration.ofNanos(waitNs));
                } catch (InterruptedException e) {
                    return;
                }
            }
            beat();
        }
    }

    /** Leaves the fleet at once (its sessions with it), rather than at the end of the TTL. */
    @Override
    public void close() {
        closed = true;
        heartbeat.interrupt();
        try {
            heartbeat.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        quietly(() -> registry.leave(config.workerId()));
        registry.close();
    }
}
