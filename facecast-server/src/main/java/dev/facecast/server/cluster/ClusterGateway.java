package dev.facecast.server.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facecast.cluster.FleetSession;
import dev.facecast.cluster.LocalSession;
import dev.facecast.cluster.Placement;
import dev.facecast.cluster.RegistryUnavailableException;
import dev.facecast.server.access.PeerRequests;
import dev.facecast.server.http.ApiException;
import dev.facecast.server.metrics.FacecastMetrics;
import dev.facecast.session.SessionManager;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes any worker an entry to the whole fleet. {@code POST /v1/sessions} is placed on the
 * least-loaded worker with room (a slot reserved there atomically) and created there; every later
 * call about a session another worker owns is carried there ({@link PeerProxy} says why a proxy).
 * Requests a peer forwarded are never forwarded again.
 *
 * <p>Runs as a before handler after the {@code AccessGuard}, and as after handlers that keep the
 * registry in step with the sessions created and deleted here. Thread-safe.
 */
public final class ClusterGateway implements PeerRequests {

    private static final Logger log = LoggerFactory.getLogger(ClusterGateway.class);
    /** On a forwarded {@code POST /v1/sessions}: the slot reserved for it on this worker. */
    static final String RESERVATION_HEADER = "Facecast-Reservation";
    private static final String RESERVATION = "facecast.cluster.reservation";
    private static final String FORWARDED = "facecast.cluster.forwarded";
    private static final String OWNER = "facecast.cluster.owner";
    private static final Pattern SESSION_PATH = Pattern.compile("^/v1/sessions/([^/]+)(/.*)?$");
    /** A placed worker that does not answer is skipped; after three, the fleet is in trouble and the client is told. */
    private static final int PLACEMENT_ATTEMPTS = 3;

    private final ClusterNode node;
    private final LocalWorker local;
    private final FacecastMetrics metrics;
    private final ObjectMapper json;
    private final PeerProxy proxy;
    private final byte[] secret;

    public ClusterGateway(ClusterNode node, LocalWorker local, FacecastMetrics metrics, ObjectMapper json) {
        this.node = node;
        this.local = local;
        this.metrics = metrics;
        this.json = json;
        this.proxy = new PeerProxy(node.secret());
        this.secret = node.secret().getBytes(StandardCharsets.UTF_8);
    }

    /** Install after the access guard: its before handler must run first. */
    public void install(Javalin app) {
        app.before(this::route);
        app.after("/v1/sessions", this::afterCreate);
        app.after("/v1/sessions/*", this::afterSessionCall);
        // Draining leaves placement at once, not at the next beat.
        app.after("/v1/admin/drain", ctx -> node.beat());
        app.get("/v1/fleet", this::fleet);
    }

    @Override
    public boolean forwardedByPeer(Context ctx) {
        String presented = ctx.header(PeerProxy.SECRET_HEADER);
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), secret);
    }

    @Override
    public boolean forAnotherWorker(Context ctx) {
        return owner(ctx).isPresent();
    }

    private void route(Context ctx) throws Exception {
        if (forwardedByPeer(ctx)) {
            String reservation = ctx.header(RESERVATION_HEADER);
            if (reservation != null) {
                ctx.attribute(RESERVATION, reservation);
            }
            return;
        }
        if (ctx.method() == HandlerType.POST && ctx.path().equals("/v1/sessions")) {
            place(ctx);
            return;
        }
        Optional<FleetSession> owner = owner(ctx);
        if (owner.isPresent() && ctx.method() == HandlerType.GET && ctx.path().endsWith("/events")) {
            try {
                proxy.stream(ctx, owner.get().ownerUrl());
                ctx.attribute(FORWARDED, true);
                ctx.skipRemainingHandlers();
                metrics.countProxied();
            } catch (IOException unreachable) {
                throw new ApiException(502, "session " + owner.get().id() + " is on worker " + owner.get().ownerId()
                        + ", which does not answer; if it died, the session ended with it");
            }
        } else if (owner.isPresent()) {
            try {
                answered(ctx, proxy.send(ctx, PeerProxy.body(ctx), owner.get().ownerUrl(), Map.of()));
                metrics.countProxied();
            } catch (IOException unreachable) {
                throw new ApiException(502, "session " + owner.get().id() + " is on worker " + owner.get().ownerId()
                        + ", which does not answer; if it died, the session ended with it");
            }
        }
    }

    /**
     * Places a new session. A worker that turns out to have no room (its own admission is a beat
     * ahead of the registry), or does not answer, gives its slot back and is skipped for the next
     * attempt; the last refusal is what the client gets.
     */
    private void place(Context ctx) throws Exception {
        long startNs = System.nanoTime();
        Set<String> skipped = new HashSet<>();
        byte[] body = null;
        PeerProxy.Answer refusal = null;
        boolean unanswered = false;
        for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
            Optional<Placement> placed;
            try {
                placed = node.place(skipped);
            } catch (RegistryUnavailableException e) {
                metrics.countPlacement("alone"); // this process's own admission decides
                return;
            }
            metrics.recordPlacement(System.nanoTime() - startNs);
            if (placed.isEmpty()) {
                break;
            }
            Placement placement = placed.get();
            if (placement.workerId().equals(node.workerId())) {
                if (local.hasRoom()) {
                    ctx.attribute(RESERVATION, placement.reservationId());
                    metrics.countPlacement("here");
                    return;
                }
                node.release(placement);
                skipped.add(placement.workerId());
                continue;
            }
            try {
                body = body != null ? body : PeerProxy.body(ctx);
                PeerProxy.Answer answer = proxy.send(ctx, body, placement.workerUrl(),
                        Map.of(RESERVATION_HEADER, placement.reservationId()));
                if (answer.status() == 429 || answer.status() == 503) {
                    refusal = answer; // the peer gave its slot back as it refused
                    skipped.add(placement.workerId());
                    continue;
                }
                answered(ctx, answer);
                metrics.countPlacement("peer");
                return;
            } catch (IOException e) {
                node.release(placement);
                skipped.add(placement.workerId());
                unanswered = true;
                log.warn("worker {} at {} did not answer a placement ({}); trying another", placement.workerId(),
                        placement.workerUrl(), e.toString());
            }
        }
        metrics.countRejected();
        if (refusal != null) {
            answered(ctx, refusal);
            return;
        }
        if (unanswered) {
            throw new ApiException(503, "no worker of the fleet with room answered; try again");
        }
        throw new SessionManager.CapacityException("every worker of the fleet is at capacity; try again later");
    }

    /** Answers with a peer's answer; nothing else runs for this request here. */
    private static void answered(Context ctx, PeerProxy.Answer answer) {
        answer.applyTo(ctx);
        ctx.attribute(FORWARDED, true);
        ctx.skipRemainingHandlers();
    }

    /** A session created here enters the registry, ending its reservation; a refused one gives the slot back. */
    private void afterCreate(Context ctx) throws Exception {
        if (ctx.method() != HandlerType.POST || Boolean.TRUE.equals(ctx.attribute(FORWARDED))) {
            return;
        }
        String reservation = ctx.attribute(RESERVATION);
        String location = ctx.res().getHeader("Location");
        Optional<LocalSession> created = ctx.statusCode() == 201 && location != null
                ? local.session(location.substring(location.lastIndexOf('/') + 1)) : Optional.empty();
        if (created.isEmpty()) {
            if (reservation != null) {
                node.release(new Placement(node.workerId(), node.url(), reservation));
            }
            return;
        }
        node.registered(created.get(), reservation);
        ObjectNode shown = (ObjectNode) json.readTree(ctx.result());
        shown.putObject("owner").put("worker", node.workerId()).put("url", node.url()).put("mediaAddress", node.mediaAddress());
        ctx.result(json.writeValueAsString(shown));
    }

    /** A session deleted here leaves the registry at once (one closed any other way leaves within the TTL). */
    private void afterSessionCall(Context ctx) {
        if (Boolean.TRUE.equals(ctx.attribute(FORWARDED)) || ctx.statusCode() >= 300) {
            return;
        }
        Matcher path = SESSION_PATH.matcher(ctx.path());
        boolean ending = ctx.method() == HandlerType.DELETE || ctx.path().endsWith("/close");
        if (ending && path.matches() && local.session(path.group(1)).isEmpty()) {
            node.removed(path.group(1));
        }
    }

    private void fleet(Context ctx) {
        try {
            ctx.json(Map.of("worker", node.workerId(), "workers", node.workers(), "sessions", node.sessions()));
        } catch (RegistryUnavailableException e) {
            throw new ApiException(503, "the fleet's registry does not answer; this worker serves its own sessions");
        }
    }

    /** The session's owner when it is another worker; looked up once per request. */
    private Optional<FleetSession> owner(Context ctx) {
        Optional<FleetSession> cached = ctx.attribute(OWNER);
        if (cached != null) {
            return cached;
        }
        Optional<FleetSession> owner = Optional.empty();
        Matcher path = SESSION_PATH.matcher(ctx.path());
        if (!forwardedByPeer(ctx) && path.matches() && local.session(path.group(1)).isEmpty()) {
            try {
                owner = node.session(path.group(1)).filter(session -> !session.ownerId().equals(node.workerId()));
            } catch (RegistryUnavailableException e) {
                owner = Optional.empty(); // alone: only this worker's sessions are known
            }
        }
        ctx.attribute(OWNER, owner);
        return owner;
    }
}
