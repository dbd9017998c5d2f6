package dev.facecast.server;

import dev.facecast.media.agent.MediaThreads;
import dev.facecast.server.access.SessionTokens;
import dev.facecast.server.http.ApiException;
import dev.facecast.server.metrics.EncoderThreads;
import dev.facecast.server.metrics.SessionProbe;
import dev.facecast.session.Session;
import dev.facecast.session.SessionManager;
import dev.facecast.session.SessionSpec;
import dev.facecast.session.SessionStats;
import dev.facecast.session.TranscriptTurn;
import dev.facecast.engine.PeerState;
import dev.facecast.webrtc.PublisherStats;
import dev.facecast.webrtc.ReceiverRuntime;
import dev.facecast.webrtc.Subscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The WebRTC glue of sessions: connects a session to its publisher (WHEP, on the chosen
 * {@link PublisherEngine}) and microphone (WHIP), publishes its events to the page
 * ({@link SessionEvents}), and closes it when its peer goes away.
 * The sessions themselves, and their teardown order, are {@link Session}'s.
 */
final class SessionService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final SessionManager sessions;
    private final PublisherEngine publishing;
    private final SessionEvents events = new SessionEvents();
    private final ReceiverRuntime receivers;
    private final boolean listens;
    private final EncoderThreads encoderThreads = new EncoderThreads();
    private final SessionTokens tokens;
    private final Consumer<CloseReason> onClosed;

    /**
     * @param listens  whether sessions have a recogniser for a microphone
     * @param onClosed told why each session closed (a metric)
     */
    SessionService(SessionManager sessions, PublisherEngine publishing, ReceiverRuntime receivers, boolean listens,
                   SessionTokens tokens, Consumer<CloseReason> onClosed) {
        this.tokens = tokens;
        this.onClosed = onClosed;
        this.sessions = sessions;
        this.publishing = publishing;
        this.receivers = receivers;
        this.listens = listens;
    }

    EncoderThreads encoderThreads() {
        return encoderThreads;
    }

    /** What the resource sampler reads of each session. */
    List<SessionProbe> probes() {
        return sessions.sessions().stream().<SessionProbe>map(session -> new SessionProbe() {
            @Override
            public String id() {
                return session.id();
            }

            @Override
            public SessionStats stats() {
                return session.stats();
            }

            @Override
            public CompletableFuture<PublisherStats> publisherStats() {
                return publisher(session).map(SessionPublisher::stats)
                        .orElse(CompletableFuture.completedFuture(PublisherStats.NONE));
            }
        }).toList();
    }

    /** A new session, and the token that grants its media and messages (returned once, never kept in clear). */
    record Created(Session session, String token) {
    }

    Created create(SessionSpec spec) {
        Session session = sessions.create(spec);
        // Both run on the conversation thread; publishing an event queues it, it does not block.
        session.conversation().transcript().onTurn(turn -> events.publish(session.id(), turnEvent(turn)));
        session.conversation().onStateChange(state -> events.publish(session.id(), Map.of("type", "state", "state", state.wireName())));
        return new Created(session, tokens.issue(session.id()));
    }

    boolean listens() {
        return listens;
    }

    /** Answers the browser's microphone offer (WHIP): its audio goes to the session's recogniser. */
    String listen(Session session, String offerSdp) throws TimeoutException, InterruptedException {
        if (!listens) {
            throw new ApiException(501, "speech recognition is off in this process (started with --no-listen)");
        }
        Subscriber subscriber = new Subscriber(receivers, session.microphone(), state -> { });
        try {
            String answer = subscriber.answer(offerSdp);
            session.attachMicrophone(subscriber);
            session.liveness().touch();
            return answer;
        } catch (RuntimeException | TimeoutException | InterruptedException e) {
            subscriber.close();
            throw e;
        }
    }

    Optional<Session> find(String id) {
        return sessions.find(id);
    }

    static Optional<SessionPublisher> publisher(Session session) {
        return session.output().filter(SessionPublisher.class::isInstance).map(SessionPublisher.class::cast);
    }

    /** The publisher engine's name: server or libwebrtc. */
    String mediaEngine() {
        return publishing.name();
    }

    SessionEvents events() {
        return events;
    }

    int count() {
        return sessions.count();
    }

    SessionManager manager() {
        return sessions;
    }

    /** Answers the receiver's offer and starts the session's media towards it. */
    String connect(Session session, String offerSdp) throws TimeoutException, InterruptedException {
        if (session.state() != Session.State.CREATED) {
            throw new IllegalStateException("session " + session.id() + " is " + session.state().wireName() + ", not new");
        }
        var attached = new java.util.concurrent.atomic.AtomicBoolean();
        Set<Integer> encodersBefore = encoderThreads.snapshot();
        PublisherEngine.Answered answered = publishing.answer(session, offerSdp, state -> {
            // A publisher that never became the session's output (its offer failed) closes without closing the session.
            if (attached.get()) {
                onPeerState(session, state);
            }
        });
        try {
            session.attachOutput(answered.publisher(), answered.publisher());
        } catch (RuntimeException e) {
            answered.publisher().close();
            throw e;
        }
        attached.set(true);
        // libwebrtc starts this session's encoder threads while it answers (the server engine starts none)
        encoderThreads.claimNew(session.id(), encodersBefore);
        return answered.answerSdp();
    }

    /** Closes the session (everything it owns, in order) and forgets it; false when there was none. */
    boolean delete(String id, CloseReason reason) {
        boolean existed = sessions.delete(id);
        events.closeAll(id, reason.label());
        encoderThreads.release(id);
        tokens.revoke(id);
        if (existed) {
            onClosed.accept(reason);
        }
        return existed;
    }

    /** DELETE from a client. */
    boolean delete(String id) {
        return delete(id, CloseReason.DELETED);
    }

    void closeAll() {
        sessions.sessions().forEach(session -> delete(session.id(), CloseReason.SHUTDOWN));
    }

    static Map<String, Object> turnEvent(TranscriptTurn turn) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "turn");
        event.put("role", turn.role());
        event.put("text", turn.text());
        event.put("startMs", turn.startMs());
        event.put("endMs", turn.endMs());
        event.put("interrupted", turn.interrupted());
        event.put("playedMs", turn.playedMs());
        return event;
    }

    private void onPeerState(Session session, PeerState state) {
        switch (state) {
            case CONNECTED -> {
                session.liveness().peerConnected();
                session.wake();
            }
            // Quiet for about 2.5 s: the reaper closes it if it stays so (Lifetimes.peerGoneAfter).
            case DISCONNECTED -> session.liveness().peerLost();
            // Called on an engine thread, which must not block or close its own connection.
            case FAILED, CLOSED -> MediaThreads.virtual("facecast-closer-" + session.id()).newThread(() -> {
                if (session.state() != Session.State.CLOSED) {
                    log.info("session {}: peer connection {}, closing the session", session.id(), state);
                    delete(session.id(), CloseReason.PEER_FAILED);
                }
            }).start();
            default -> { }
        }
    }
}
