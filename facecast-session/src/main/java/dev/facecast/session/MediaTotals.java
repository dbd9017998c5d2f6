package dev.facecast.session;

import java.util.concurrent.atomic.LongAdder;

/**
 * Process-wide media counters that outlive sessions, so exported counters never go backwards
 * when a session ends. Media threads add; metrics read at scrape time. Thread-safe.
 */
public final class MediaTotals {

    final LongAdder framesPushed = new LongAdder();
    final LongAdder framesRendered = new LongAdder();
    final LongAdder framesLate = new LongAdder();
    final LongAdder audioUnderruns = new LongAdder();
    final LongAdder renderNs = new LongAdder();
    final LongAdder audioNs = new LongAdder();
    final LongAdder videoHandoffNs = new LongAdder();
    final LongAdder speechQueueFullWaits = new LongAdder();
    final LongAdder repliesFailed = new LongAdder();
    final LongAdder micChunksDropped = new LongAdder();
    final LongAdder conversationEventsDropped = new LongAdder();

    public long framesPushed() {
        return framesPushed.sum();
    }

    /** Frames drawn; fewer than pushed when unchanged idle frames were sent again. */
    public long framesRendered() {
        return framesRendered.sum();
    }

    /** Frames pushed more than half a frame interval after their deadline. */
    public long framesLate() {
        return framesLate.sum();
    }

    public long audioUnderruns() {
        return audioUnderruns.sum();
    }

    /** Media-thread time spent drawing frames. */
    public long renderNs() {
        return renderNs.sum();
    }

    /** Media-thread time spent assembling and pushing 10 ms audio chunks. */
    public long audioNs() {
        return audioNs.sum();
    }

    /** Media-thread time spent handing frames to the encoder (copy into a native buffer). */
    public long videoHandoffNs() {
        return videoHandoffNs.sum();
    }

    /** Times a session's speech hand-off to its media thread was full and synthesis waited. */
    public long speechQueueFullWaits() {
        return speechQueueFullWaits.sum();
    }

    /** Replies whose synthesis failed. */
    public long repliesFailed() {
        return repliesFailed.sum();
    }

    /** Microphone chunks dropped because a conversation fell behind. */
    public long micChunksDropped() {
        return micChunksDropped.sum();
    }

    /** Conversation events other than microphone chunks that found no room: a stuck conversation. */
    public long conversationEventsDropped() {
        return conversationEventsDropped.sum();
    }
}
