package dev.facecast.session;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions of this process, in one map: creates them up to a limit, finds them by id,
 * closes them. Thread-safe.
 */
public final class SessionManager implements AutoCloseable {

    private final SessionFactory factory;
    private final int maxSessions;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** @param maxSessions sessions beyond this are refused with {@link CapacityException} */
    public SessionManager(SessionFactory factory, int maxSessions) {
        this.factory = factory;
        this.maxSessions = maxSessions;
    }

    /** Thrown when the process has no room for another session. */
    public static final class CapacityException extends RuntimeException {
        public CapacityException(String message) {
            super(message);
        }
    }

    /** Assembles a session from a checked spec; it holds a slot until {@link #delete}. */
    public Session create(SessionSpec spec) {
        synchronized (sessions) {
            if (sessions.size() >= maxSessions) {
                throw new CapacityException("this process is full: " + maxSessions + " sessions");
            }
            String id = newId();
            Session session = factory.assemble(id, spec);
            sessions.put(id, session);
            return session;
        }
    }

    public Optional<Session> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** Closes and forgets the session; false when there was none with that id. */
    public boolean delete(String id) {
        Session session = sessions.remove(id);
        if (session == null) {
            return false;
        }
        session.close();
        return true;
    }

    public Collection<Session> sessions() {
        return List.copyOf(sessions.values());
    }

    public int count() {
        return sessions.size();
    }

    /** Counters over all sessions, past and present. */
    public MediaTotals totals() {
        return factory.totals();
    }

    public int maxSessions() {
        return maxSessions;
    }

    @Override
    public void close() {
        sessions.keySet().forEach(this::delete);
    }

    private String newId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
