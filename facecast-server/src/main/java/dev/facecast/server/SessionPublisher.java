package dev.facecast.server;

import dev.facecast.media.MediaOutput;
import dev.facecast.webrtc.PublisherStats;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A session's sender, whichever engine runs it: its media output plus what the API and the sampler read of it. */
interface SessionPublisher extends MediaOutput, AutoCloseable {

    /** The receiver's connection as the API shows it: new, connected, disconnected, failed, closed. */
    String connectionState();

    /** What it has sent and what coding cost. */
    CompletableFuture<PublisherStats> stats();

    /** The engine's own counters (retransmissions, keyframe requests, the receiver's estimate); empty where it has none. */
    default Map<String, Object> engineCounters() {
        return Map.of();
    }

    @Override
    void close();
}
