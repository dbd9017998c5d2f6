package dev.facecast.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One session's counts of hand-offs between its threads that did not go as planned, each
 * also added to the process-wide {@link MediaTotals}, so exported counters survive the
 * session. Thread-safe.
 */
final class HandoffCounters {

    private final MediaTotals totals;
    private final AtomicLong speechQueueFullWaits = new AtomicLong();
    private final AtomicLong repliesFailed = new AtomicLong();
    private final AtomicLong micChunksDropped = new AtomicLong();
    private final AtomicLong conversationEventsDropped = new AtomicLong();

    HandoffCounters(MediaTotals totals) {
        this.totals = totals;
    }

    /** The speech queue was full and synthesis waited (back-pressure, not a fault). */
    void speechQueueFullWait() {
        speechQueueFullWaits.incrementAndGet();
        totals.speechQueueFullWaits.increment();
    }

    void replyFailed() {
        repliesFailed.incrementAndGet();
        totals.repliesFailed.increment();
    }

    /** A microphone chunk was dropped because the conversation thread fell behind. */
    void micChunkDropped() {
        micChunksDropped.incrementAndGet();
        totals.micChunksDropped.increment();
    }

    /** An event other than a microphone chunk found no room for seconds: the conversation is stuck. */
    void eventDropped() {
        conversationEventsDropped.incrementAndGet();
        totals.conversationEventsDropped.increment();
    }

    long speechQueueFullWaits() {
        return speechQueueFullWaits.get();
    }

    long repliesFailed() {
        return repliesFailed.get();
    }

    long micChunksDropped() {
        return micChunksDropped.get();
    }
}
