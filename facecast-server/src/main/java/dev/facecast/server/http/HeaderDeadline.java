package dev.facecast.server.http;

import dev.facecast.media.agent.MediaThreads;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A new connection must finish its first request's headers within {@link #DEADLINE}, or it is
 * closed. Jetty 11's timeouts are per read: a client that sends a header byte every few seconds
 * (slowloris) would hold a connection, and its buffers, for as long as it likes. Connections
 * that finished a request are left to the idle timeout, as keep-alive needs.
 *
 * <p>How: a request customizer marks a connection once a request's headers are parsed, and a
 * sweep once a second closes the connectors' unmarked connections older than the deadline.
 */
final class HeaderDeadline implements HttpConfiguration.Customizer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);
    /** Generous for any real client, even on a slow mobile link: request headers are a few hundred bytes. */
    static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final long SWEEP_MS = 1_000;

    /** Connections that have had a request; weak, so a closed one is forgotten with its endpoint. */
    private final Set<EndPoint> served = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final LongAdder closed = new LongAdder();
    private final Duration deadline;
    private ScheduledExecutorService sweeper;

    HeaderDeadline(Duration deadline) {
        this.deadline = deadline;
    }

    @Override
    public void customize(Connector connector, HttpConfiguration configuration, Request request) {
        served.add(request.getHttpChannel().getEndPoint());
    }

    /** Starts sweeping {@code server}'s connectors. */
    void watch(Server server) {
        sweeper = Executors.newSingleThreadScheduledExecutor(MediaThreads.platform("facecast-http-deadline", Thread.NORM_PRIORITY));
        sweeper.scheduleAtFixedRate(() -> sweep(server), SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
    }

    /** Connections closed for not finishing their headers in time. */
    long closedCount() {
        return closed.sum();
    }

    private void sweep(Server server) {
        long oldestAllowedMs = System.currentTimeMillis() - deadline.toMillis();
        for (Connector connector : server.getConnectors()) {
            if (!(connector instanceof AbstractConnector abstractConnector)) {
                continue;
            }
            for (EndPoint endPoint : abstractConnector.getConnectedEndPoints()) {
                if (endPoint.isOpen() && endPoint.getCreatedTimeStamp() < oldestAllowedMs && !served.contains(endPoint)) {
                    log.debug("closing {}: no request headers within {} s", endPoint.getRemoteSocketAddress(), deadline.toSeconds());
                    endPoint.close();
                    closed.increment();
                }
            }
        }
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }
}
