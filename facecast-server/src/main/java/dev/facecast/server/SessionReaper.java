package dev.facecast.server;

import dev.facecast.media.agent.MediaThreads;
import dev.facecast.media.clock.NanoClock;
import dev.facecast.session.Session;
import dev.facecast.session.SessionLiveness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Closes sessions nobody uses, by the {@link Lifetimes}: checked four times a second on its own
 * virtual thread, or by hand ({@link #check}) in tests on a manual clock.
 */
final class SessionReaper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionReaper.class);
    /** Often enough that a limit is acted on within a quarter second; a pass over the sessions is cheap. */
    private static final Duration PERIOD = Duration.ofMillis(250);

    private final Lifetimes lifetimes;
    private final NanoClock clock;
    private final Supplier<Collection<Session>> sessions;
    private final BiConsumer<Session, CloseReason> close;
    private volatile Thread thread;

    /** @param close closes a session for a reason (off the reaper's thread is not needed: it may block briefly) */
    SessionReaper(Lifetimes lifetimes, NanoClock clock, Supplier<Collection<Session>> sessions,
                  BiConsumer<Session, CloseReason> close) {
        this.lifetimes = lifetimes;
        this.clock = clock;
        this.sessions = sessions;
        this.close = close;
    }

    void start() {
        thread = MediaThreads.virtual("facecast-reaper").newThread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(PERIOD);
                    check();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        thread.start();
    }

    /** Closes every session whose time is up. */
    void check() {
        long nowNs = clock.nanoTime();
        for (Session session : sessions.get()) {
            String avatarEnded = session.avatarEndedBecause();
            Optional<CloseReason> due = avatarEnded != null ? Optional.of(CloseReason.AVATAR_ENDED) : expired(session.liveness(), nowNs);
            due.ifPresent(reason -> {
                log.info("session {}: closing, {}{}", session.id(), reason.label(), avatarEnded != null ? " (" + avatarEnded + ")" : "");
                try {
                    close.accept(session, reason);
                } catch (RuntimeException e) {
                    log.warn("session {}: closing failed", session.id(), e);
                }
            });
        }
    }

    /** The first limit this session is past, if any. */
    Optional<CloseReason> expired(SessionLiveness liveness, long nowNs) {
        if (liveness.peerConnectedAtNs() == 0 && past(liveness.createdAtNs(), lifetimes.connectTimeout(), nowNs)) {
            return Optional.of(CloseReason.NEVER_CONNECTED);
        }
        if (liveness.peerLostAtNs() != 0 && past(liveness.peerLostAtNs(), lifetimes.peerGoneAfter(), nowNs)) {
            return Optional.of(CloseReason.PEER_GONE);
        }
        if (past(liveness.lastActivityNs(), lifetimes.idleTimeout(), nowNs)) {
            return Optional.of(CloseReason.IDLE);
        }
        if (past(liveness.createdAtNs(), lifetimes.maxDuration(), nowNs)) {
            return Optional.of(CloseReason.MAX_DURATION);
        }
        return Optional.empty();
    }

    private static boolean past(long sinceNs, Duration limit, long nowNs) {
        return nowNs - sinceNs >= limit.toNanos();
    }

    @Override
    public void close() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }
}
