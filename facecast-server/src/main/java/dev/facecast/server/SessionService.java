package dev.facecast.server;

import dev.facecast.media.agent.MediaThreads;
import dev.facecast.server.metrics.EncoderThreads;
import dev.facecast.server.metrics.SessionProbe;
import dev.facecast.session.AvatarSession;
import dev.facecast.session.SessionManager;
import dev.facecast.session.SessionStats;
import dev.facecast.session.VideoSettings;
import dev.facecast.webrtc.Publisher;
import dev.facecast.webrtc.PublisherSettings;
import dev.facecast.webrtc.PublisherStats;
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
    private final EncoderThreads encoderThreads = new EncoderThreads();

    SessionService(SessionManager sessions, WebRtcRuntime webrtc, PublisherSettings publisherSettings) {
        this.sessions = sessions;
        this.webrtc = webrtc;
        this.publisherSettings = publisherSettings;
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
        return sessions.create(video);
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
