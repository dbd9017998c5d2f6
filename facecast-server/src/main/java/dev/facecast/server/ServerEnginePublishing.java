package dev.facecast.server;

import dev.facecast.engine.PeerState;
import dev.facecast.engine.PublisherCounters;
import dev.facecast.engine.ServerEngine;
import dev.facecast.engine.ServerPublisher;
import dev.facecast.session.Session;
import dev.facecast.webrtc.PublisherStats;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Sessions publish on the process's {@link ServerEngine}: one UDP port, no threads per session.
 * Each codes Opus at its own rate, its avatar's output (16, 24 or 48 kHz; the SDP's {@code opus/48000/2}
 * is Opus's RTP clock whatever the coded rate).
 */
final class ServerEnginePublishing implements PublisherEngine {

    private final ServerEngine engine;

    ServerEnginePublishing(ServerEngine engine) {
        this.engine = engine;
    }

    ServerEngine engine() {
        return engine;
    }

    @Override
    public Answered answer(Session session, String offerSdp, Consumer<PeerState> onState) {
        ServerPublisher publisher = engine.publisher(session.id(), session.audioFormat(), onState);
        try {
            String answer = publisher.answer(offerSdp);
            return new Answered(new Adapter(publisher), answer);
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return MediaEngineConfig.Kind.SERVER.wireName();
    }

    @Override
    public void close() {
        engine.close();
    }

    /** The publisher as the session and the API see it. */
    private static final class Adapter extends PublisherAdapter {
        private final ServerPublisher publisher;

        Adapter(ServerPublisher publisher) {
            super(publisher);
            this.publisher = publisher;
        }

        @Override
        public String connectionState() {
            PeerState state = publisher.state();
            return state == null ? "new" : state.name().toLowerCase(Locale.ROOT);
        }

        @Override
        public CompletableFuture<PublisherStats> stats() {
            PublisherCounters counters = publisher.counters();
            return CompletableFuture.completedFuture(new PublisherStats(counters.framesCoded(), counters.encodeSeconds(),
                    counters.videoBytesSent(), counters.audioBytesSent()));
        }

        @Override
        public Map<String, Object> engineCounters() {
            PublisherCounters counters = publisher.counters();
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("framesCoded", counters.framesCoded());
            view.put("framesUnchanged", counters.framesUnchanged());
            view.put("nacksAnswered", counters.nacksAnswered());
            view.put("keyframeRequests", counters.keyframeRequests());
            view.put("estimatedBitrateBps", counters.estimatedBitrateBps());
            view.put("packetsDropped", counters.packetsDropped());
            return view;
        }

        @Override
        public void close() {
            publisher.close();
        }
    }
}
