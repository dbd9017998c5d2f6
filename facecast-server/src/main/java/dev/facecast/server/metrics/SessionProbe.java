package dev.facecast.server.metrics;

import dev.facecast.session.SessionStats;
import dev.facecast.webrtc.PublisherStats;

import java.util.concurrent.CompletableFuture;

/** What the sampler reads of one session. */
public interface SessionProbe {

    String id();

    SessionStats stats();

    /** The publisher's sender statistics; {@link PublisherStats#NONE} before it connects. */
    CompletableFuture<PublisherStats> publisherStats();
}
