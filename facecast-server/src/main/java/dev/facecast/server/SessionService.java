package dev.facecast.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.facecast.webrtc.Publisher;
import dev.facecast.webrtc.PublisherSettings;
import dev.facecast.webrtc.PublisherStats;
import dev.facecast.webrtc.ReceiverRuntime;
import dev.facecast.webrtc.Subscriber;
import dev.facecast.webrtc.WebRtcRuntime;
import dev.onvoid.webrtc.RTCPeerConnectionState;
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
 * The WebRTC glue of sessions: connects a session to its publisher (WHEP) and microphone
 * (WHIP), carries its events on the data channel, and closes it when its peer goes away.
 * The sessions themselves, and their teardown order, are {@link Session}'s.
 */
final class SessionService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final SessionManager sessions;
    private final WebRtcRuntime webrtc;
    private final PublisherSettings publisherSettings;
    private final ReceiverRuntime receivers;
    private final boolean listens;
    private final EncoderThreads encoderThreads = new EncoderThreads();
    private final ObjectMapper json = new ObjectMapper();
    private final SessionTokens tokens;
    private final Consumer<CloseReason> onClosed;

    /**
     * @param listens  whether sessions have a recogniser for a microphone
     * @param onClosed told why each session closed (a metric)
     */
    SessionService(SessionManager sessions, WebRtcRuntime webrtc, PublisherSettings publisherSettings,
                   ReceiverRuntime receivers, boolean listens, SessionTokens tokens, Consumer<CloseReason> onClosed) {
        this.tokens = tokens;
        this.onClosed = onClosed;
        this.sessions = sessions;
        this.webrtc = webrtc;
        this.publisherSettings = publisherSettings;
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
                return publisher(session).map(Publisher::stats)
                        .orElse(CompletableFuture.completedFuture(PublisherStats.NONE));
            }
        }).toList();
    }

    /** A new session, and the token that grants its media and messages (returned once, never kept in clear). */
    record Created(Session session, String token) {
    }

    Created create(SessionSpec spec) {
        Session session = sessions.create(spec);
        // Both run on the conversation thread; a data channel send does not block.
        session.conversation().transcript().onTurn(turn -> send(session, turnEvent(turn)));
        session.conversation().onStateChange(state -> send(session, Map.of("type", "state", "state", state.wireName())));
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

    static Optional<Publisher> publisher(Session session) {
        return session.output().filter(Publisher.class::isInstance).map(Publisher.class::cast);
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
        Publisher publisher = new Publisher(webrtc, publisherSettings, session.id(), state -> {
            // A publisher that never became the session's output (its offer failed) closes without closing the session.
            if (attached.get()) {
                onPeerState(session, state);
            }
        });
        Set<Integer> encodersBefore = encoderThreads.snapshot();
        try {
            String answer = publisher.answer(offerSdp);
            publisher.onDataText(text -> onDataText(session, text));
            session.attachOutput(publisher, publisher);
            attached.set(true);
            // libwebrtc starts this session's encoder threads while it answers
            encoderThreads.claimNew(session.id(), encodersBefore);
            return answer;
        } catch (RuntimeException | TimeoutException | InterruptedException e) {
            publisher.close();
            throw e;
        }
    }

    /** Closes the session (everything it owns, in order) and forgets it; false when there was none. */
    boolean delete(String id, CloseReason reason) {
        boolean existed = sessions.delete(id);
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

    /** A chat message from the page: {@code {"type":"text","text":"..."}}. Bad ones are ignored. */
    private void onDataText(Session session, String message) {
        try {
            JsonNode event = json.readTree(message);
            String text = event.path("text").asText("").strip();
            if ("text".equals(event.path("type").asText()) && !text.isEmpty() && text.length() <= SessionRoutes.MAX_SAY_CHARS) {
                session.conversation().onUserText(text);
            }
        } catch (Exception e) {
            log.debug("session {}: ignored a data channel message: {}", session.id(), e.getMessage());
        }
    }

    private void send(Session session, Map<String, Object> event) {
        publisher(session).ifPresent(publisher -> {
            try {
                publisher.sendText(json.writeValueAsString(event));
            } catch (Exception e) {
                log.debug("session {}: could not send an event: {}", session.id(), e.getMessage());
            }
        });
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

    private void onPeerState(Session session, RTCPeerConnectionState state) {
        switch (state) {
            case CONNECTED -> {
                session.liveness().peerConnected();
                session.wake();
            }
            // Quiet for about 2.5 s: the reaper closes it if it stays so (Lifetimes.peerGoneAfter).
            case DISCONNECTED -> session.liveness().peerLost();
            // Called on a libwebrtc thread, which must not block or close its own connection.
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
