package dev.facecast.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.brain.Brain;
import dev.facecast.media.agent.MediaThreads;
import dev.facecast.server.http.ApiException;
import dev.facecast.server.metrics.EncoderThreads;
import dev.facecast.server.metrics.SessionProbe;
import dev.facecast.session.AvatarSession;
import dev.facecast.session.Conversation;
import dev.facecast.session.SessionManager;
import dev.facecast.session.SessionStats;
import dev.facecast.session.TranscriptTurn;
import dev.facecast.session.VideoSettings;
import dev.facecast.stt.SpeechToText;
import dev.facecast.webrtc.Publisher;
import dev.facecast.webrtc.PublisherSettings;
import dev.facecast.webrtc.PublisherStats;
import dev.facecast.webrtc.ReceiverRuntime;
import dev.facecast.webrtc.Subscriber;
import dev.facecast.webrtc.WebRtcRuntime;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

/**
 * Joins sessions to their WebRTC publishers: connects them, and tears both down in the
 * right order (media thread first, then libwebrtc), also when the peer vanishes.
 */
final class SessionService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final SessionManager sessions;
    private final WebRtcRuntime webrtc;
    private final PublisherSettings publisherSettings;
    private final Map<String, Publisher> publishers = new ConcurrentHashMap<>();
    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final Map<String, ExecutorService> eventSenders = new ConcurrentHashMap<>();
    private final EncoderThreads encoderThreads = new EncoderThreads();
    private final ReceiverRuntime receivers;
    private final Brain brain;
    private final SpeechToText stt;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param stt the recogniser for microphones, or null when sessions take typed text only
     */
    SessionService(SessionManager sessions, WebRtcRuntime webrtc, PublisherSettings publisherSettings,
                   ReceiverRuntime receivers, Brain brain, SpeechToText stt) {
        this.sessions = sessions;
        this.webrtc = webrtc;
        this.publisherSettings = publisherSettings;
        this.receivers = receivers;
        this.brain = brain;
        this.stt = stt;
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
                Publisher publisher = publishers.get(session.id());
                return publisher == null ? CompletableFuture.completedFuture(PublisherStats.NONE) : publisher.stats();
            }
        }).toList();
    }

    AvatarSession create(VideoSettings video) {
        AvatarSession session = sessions.create(video);
        Conversation conversation = new Conversation(session, brain, stt);
        conversations.put(session.id(), conversation);
        // Events go out on the session's own virtual thread: turns end on the media thread,
        // which must never wait on a data channel.
        ExecutorService events = Executors.newSingleThreadExecutor(MediaThreads.virtual("facecast-events-" + session.id()));
        eventSenders.put(session.id(), events);
        conversation.transcript().onTurn(turn -> events.execute(() -> send(session.id(), turnEvent(turn))));
        conversation.onStateChange(state -> events.execute(() -> send(session.id(), Map.of("type", "state", "state", state))));
        return session;
    }

    Optional<Conversation> conversation(String id) {
        return Optional.ofNullable(conversations.get(id));
    }

    boolean listens() {
        return stt != null;
    }

    /** Answers the browser's microphone offer (WHIP): its audio goes to the session's recogniser. */
    String listen(AvatarSession session, String offerSdp) throws TimeoutException, InterruptedException {
        if (stt == null) {
            throw new ApiException(501, "speech recognition is off in this process (started with --no-listen)");
        }
        Conversation conversation = conversations.get(session.id());
        Subscriber subscriber = new Subscriber(receivers, conversation::onMicrophone, state -> { });
        if (subscribers.putIfAbsent(session.id(), subscriber) != null) {
            subscriber.close();
            throw new IllegalStateException("session " + session.id() + " already has a microphone");
        }
        try {
            return subscriber.answer(offerSdp);
        } catch (RuntimeException | TimeoutException | InterruptedException e) {
            subscribers.remove(session.id(), subscriber);
            subscriber.close();
            throw e;
        }
    }

    Optional<AvatarSession> find(String id) {
        return sessions.find(id);
    }

    Optional<Publisher> publisher(String id) {
        return Optional.ofNullable(publishers.get(id));
    }

    int count() {
        return sessions.sessions().size();
    }

    SessionManager manager() {
        return sessions;
    }

    /** Answers the receiver's offer and starts the session's media towards it. */
    String connect(AvatarSession session, String offerSdp) throws TimeoutException, InterruptedException {
        Publisher publisher = new Publisher(webrtc, publisherSettings, session.id(), state -> onPeerState(session.id(), state));
        Set<Integer> encodersBefore = encoderThreads.snapshot();
        try {
            String answer = publisher.answer(offerSdp);
            publisher.onDataText(text -> onDataText(session.id(), text));
            session.start(publisher);
            publishers.put(session.id(), publisher);
            // libwebrtc starts this session's encoder threads while it answers
            encoderThreads.claimNew(session.id(), encodersBefore);
            return answer;
        } catch (RuntimeException | TimeoutException | InterruptedException e) {
            publisher.close();
            throw e;
        }
    }

    /** Closes the session, then its publisher: the media thread must stop pushing first. */
    boolean delete(String id) {
        Conversation conversation = conversations.remove(id);
        if (conversation != null) {
            conversation.close();
        }
        Subscriber subscriber = subscribers.remove(id);
        if (subscriber != null) {
            subscriber.close();
        }
        ExecutorService events = eventSenders.remove(id);
        if (events != null) {
            events.shutdownNow();
        }
        boolean existed = sessions.delete(id);
        Publisher publisher = publishers.remove(id);
        if (publisher != null) {
            publisher.close();
        }
        encoderThreads.release(id);
        return existed;
    }

    void closeAll() {
        sessions.sessions().forEach(session -> delete(session.id()));
    }

    /** A chat message from the page: {@code {"type":"text","text":"..."}}. Bad ones are ignored. */
    private void onDataText(String id, String message) {
        try {
            JsonNode event = json.readTree(message);
            String text = event.path("text").asText("").strip();
            if ("text".equals(event.path("type").asText()) && !text.isEmpty() && text.length() <= SessionRoutes.MAX_SAY_CHARS) {
                conversation(id).ifPresent(conversation -> conversation.onUserText(text));
            }
        } catch (Exception e) {
            log.debug("session {}: ignored a data channel message: {}", id, e.getMessage());
        }
    }

    private void send(String id, Map<String, Object> event) {
        Publisher publisher = publishers.get(id);
        if (publisher != null) {
            try {
                publisher.sendText(json.writeValueAsString(event));
            } catch (Exception e) {
                log.debug("session {}: could not send an event: {}", id, e.getMessage());
            }
        }
    }

    static Map<String, Object> turnEvent(TranscriptTurn turn) {
        Map<String, Object> event = new java.util.LinkedHashMap<>();
        event.put("type", "turn");
        event.put("role", turn.role());
        event.put("text", turn.text());
        event.put("startMs", turn.startMs());
        event.put("endMs", turn.endMs());
        event.put("interrupted", turn.interrupted());
        event.put("playedMs", turn.playedMs());
        return event;
    }

    private void onPeerState(String id, RTCPeerConnectionState state) {
        if (state == RTCPeerConnectionState.CONNECTED) {
            sessions.find(id).ifPresent(AvatarSession::wake);
        }
        if (state == RTCPeerConnectionState.FAILED || state == RTCPeerConnectionState.CLOSED) {
            // Called on a libwebrtc thread, which must not block or close its own connection.
            MediaThreads.virtual("facecast-reaper-" + id).newThread(() -> {
                if (publishers.containsKey(id)) {
                    log.info("session {}: peer connection {}, closing the session", id, state);
                    delete(id);
                }
            }).start();
        }
    }
}
