package dev.facecast.server;

import dev.facecast.engine.PeerState;
import dev.facecast.session.Session;
import dev.facecast.webrtc.Publisher;
import dev.facecast.webrtc.PublisherSettings;
import dev.facecast.webrtc.PublisherStats;
import dev.facecast.webrtc.WebRtcRuntime;
import dev.onvoid.webrtc.RTCPeerConnectionState;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** Sessions publish on libwebrtc (webrtc-java): a browser's engine per session, kept for comparison. */
final class LibwebrtcPublishing implements PublisherEngine {

    private final WebRtcRuntime webrtc;
    private final PublisherSettings settings;

    LibwebrtcPublishing(WebRtcRuntime webrtc, PublisherSettings settings) {
        this.webrtc = webrtc;
        this.settings = settings;
    }

    @Override
    public Answered answer(Session session, String offerSdp, Consumer<PeerState> onState)
            throws TimeoutException, InterruptedException {
        Publisher publisher = new Publisher(webrtc, settings.withAudioFormat(session.audioFormat()), session.id(),
                state -> peerState(state, onState));
        try {
            return new Answered(new Adapter(publisher), publisher.answer(offerSdp));
        } catch (RuntimeException | TimeoutException | InterruptedException e) {
            publisher.close();
            throw e;
        }
    }

    private static void peerState(RTCPeerConnectionState state, Consumer<PeerState> onState) {
        switch (state) {
            case CONNECTED -> onState.accept(PeerState.CONNECTED);
            case DISCONNECTED -> onState.accept(PeerState.DISCONNECTED);
            case FAILED -> onState.accept(PeerState.FAILED);
            case CLOSED -> onState.accept(PeerState.CLOSED);
            default -> { }
        }
    }

    @Override
    public String name() {
        return MediaEngineConfig.Kind.LIBWEBRTC.wireName();
    }

    @Override
    public void close() {
        webrtc.close();
    }

    private static final class Adapter extends PublisherAdapter {
        private final Publisher publisher;

        Adapter(Publisher publisher) {
            super(publisher);
            this.publisher = publisher;
        }

        @Override
        public String connectionState() {
            return publisher.connectionState().name().toLowerCase(Locale.ROOT);
        }

        @Override
        public CompletableFuture<PublisherStats> stats() {
            return publisher.stats();
        }

        @Override
        public void close() {
            publisher.close();
        }
    }
}
