package dev.facecast.cluster;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The fleet in Redis: workers with their load (a hash each, with a TTL their heartbeat refreshes),
 * their sessions (a set per worker and a hash per session, with the same TTL), and the slots
 * reserved for sessions being placed (a sorted set per worker, scored by expiry).
 *
 * <p>Every operation is one Lua script, so each is atomic against every other worker's; expiry
 * is judged on Redis's clock ({@code TIME}), never on a worker's. Keys are all under one prefix on
 * one Redis (the scripts name keys they were not passed, which a Redis Cluster would refuse).
 *
 * <p>Thread-safe: Jedis lends each call a pooled connection. A call that cannot reach Redis
 * throws {@link RegistryUnavailableException} within the socket timeout; the next call tries a
 * fresh connection, so nothing has to be reset when Redis comes back.
 */
public final class FleetRegistry implements AutoCloseable {

    /** A worker that missed this many heartbeat periods is gone. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(3);
    /** Long enough to create a session on another worker (tens of ms), short enough that a lost one frees its slot soon. */
    public static final Duration DEFAULT_RESERVATION_TTL = Duration.ofSeconds(10);
    /** A loopback or LAN Redis answers in well under a millisecond; a request must not hang on a dead one. */
    static final int TIMEOUT_MS = 500;

    private static final LuaScript HEARTBEAT = LuaScript.load("heartbeat");
    private static final LuaScript PLACE = LuaScript.load("place");
    private static final LuaScript RELEASE = LuaScript.load("release");
    private static final LuaScript REGISTER_SESSION = LuaScript.load("register-session");
    private static final LuaScript REMOVE_SESSION = LuaScript.load("remove-session");
    private static final LuaScript LEAVE = LuaScript.load("leave");
    private static final LuaScript WORKERS = LuaScript.load("workers");
    private static final LuaScript SESSIONS = LuaScript.load("sessions");

    private final JedisPooled redis;
    private final String prefix;
    private final Duration ttl;
    private final Duration reservationTtl;

    /**
     * @param redisUrl       {@code redis://host:port[/db]}
     * @param prefix         every key's prefix ({@code facecast:}): fleets can share a Redis
     * @param ttl            how long a worker and its sessions outlive their last heartbeat
     * @param reservationTtl how long a reserved slot waits for its session
     */
    public FleetRegistry(URI redisUrl, String prefix, Duration ttl, Duration reservationTtl) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        // Requests place on virtual threads, many at once; each call holds a connection for well under a ms.
        pool.setMaxTotal(64);
        // Never wait on the pool longer than on Redis itself (its default waits forever).
        pool.setMaxWait(Duration.ofMillis(TIMEOUT_MS));
        // A connection left from before a Redis restart fails once and is dropped; the next call connects afresh.
        pool.setTestOnBorrow(false);
        this.redis = new JedisPooled(pool, redisUrl, TIMEOUT_MS, TIMEOUT_MS);
        this.prefix = prefix;
        this.ttl = ttl;
        this.reservationTtl = reservationTtl;
    }

    public FleetRegistry(URI redisUrl) {
        this(redisUrl, "facecast:", DEFAULT_TTL, DEFAULT_RESERVATION_TTL);
    }

    public Duration ttl() {
        return ttl;
    }

    /**
     * Records the worker and its sessions for one more TTL, and frees the slots of sessions it no
     * longer refreshes. Returns true when the registry did not know the worker before (its first
     * beat, or a Redis that restarted empty).
     */
    public boolean heartbeat(WorkerAdvert worker, Collection<LocalSession> sessions) {
        List<String> args = new ArrayList<>(List.of(prefix, worker.id(), millis(ttl), worker.url(), worker.mediaAddress(),
                Integer.toString(worker.capacitySessions()), Integer.toString(worker.activeSessions()),
                worker.draining() ? "1" : "0"));
        for (LocalSession session : sessions) {
            args.add(session.id());
            args.add(Long.toString(session.createdMs()));
            args.add(session.state());
        }
        return ((Long) run(HEARTBEAT, args)) == 1L;
    }

    /**
     * Reserves a slot on the least-loaded worker with room (relative to its capacity); a tie goes to
     * {@code preferredWorkerId}. Empty when no worker has room.
     *
     * @param excludedWorkerIds workers not to pick (one that just failed to answer)
     */
    public Optional<Placement> place(String preferredWorkerId, Collection<String> excludedWorkerIds) {
        String reservationId = UUID.randomUUID().toString();
        List<String> args = new ArrayList<>(List.of(prefix, reservationId, millis(reservationTtl), preferredWorkerId));
        args.addAll(excludedWorkerIds);
        Object reply = run(PLACE, args);
        if (reply == null) {
            return Optional.empty();
        }
        List<?> chosen = (List<?>) reply;
        return Optional.of(new Placement((String) chosen.get(0), (String) chosen.get(1), reservationId));
    }

    /** Gives a reserved slot back (its session was not created). */
    public void release(Placement placement) {
        run(RELEASE, List.of(prefix, placement.workerId(), placement.reservationId()));
    }

    /**
     * Records a session its worker just created, ending the reservation it was placed with (empty
     * when it was placed without the registry) in the same step.
     */
    public void registerSession(String workerId, LocalSession session, String reservationId) {
        run(REGISTER_SESSION, List.of(prefix, workerId, session.id(), Long.toString(session.createdMs()), session.state(),
                millis(ttl), reservationId));
    }

    public void removeSession(String workerId, String sessionId) {
        run(REMOVE_SESSION, List.of(prefix, workerId, sessionId));
    }

    /** The worker stops: its record and its sessions' go at once. */
    public void leave(String workerId) {
        run(LEAVE, List.of(prefix, workerId));
    }

    public List<FleetWorker> workers() {
        List<FleetWorker> workers = new ArrayList<>();
        for (Object row : (List<?>) run(WORKERS, List.of(prefix))) {
            List<?> f = (List<?>) row;
            workers.add(new FleetWorker(text(f, 0), text(f, 1), text(f, 2), integer(f, 3), integer(f, 4), "1".equals(text(f, 5)),
                    integer(f, 6), integer(f, 7), Long.parseLong(text(f, 8))));
        }
        return workers;
    }

    public List<FleetSession> sessions() {
        return sessionRows("");
    }

    public Optional<FleetSession> session(String sessionId) {
        return sessionRows(sessionId).stream().findFirst();
    }

    private List<FleetSession> sessionRows(String only) {
        List<FleetSession> sessions = new ArrayList<>();
        for (Object row : (List<?>) run(SESSIONS, List.of(prefix, only))) {
            List<?> f = (List<?>) row;
            sessions.add(new FleetSession(text(f, 0), text(f, 1), text(f, 2), Long.parseLong(text(f, 3)), text(f, 4)));
        }
        return sessions;
    }

    private Object run(LuaScript script, List<String> args) {
        try {
            return redis.eval(script.text(), List.of(), args);
        } catch (JedisDataException e) {
            // Redis answered with an error: a script's fault, not Redis's absence.
            throw new IllegalStateException("registry script " + script.name() + " failed: " + e.getMessage(), e);
        } catch (JedisException e) {
            throw new RegistryUnavailableException("registry " + script.name(), e);
        }
    }

    private static String text(List<?> fields, int index) {
        return (String) fields.get(index);
    }

    private static int integer(List<?> fields, int index) {
        return Integer.parseInt(text(fields, index));
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }

    @Override
    public void close() {
        redis.close();
    }
}
