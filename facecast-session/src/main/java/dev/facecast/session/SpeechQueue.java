package dev.facecast.session;

import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The hand-off of speech from a session's conversation thread to its media thread.
 *
 * <p>The conversation side blocks when the queue is full (TTS runs far ahead of real time,
 * so this is back-pressure, and it happens on a virtual thread); each wait is counted. The
 * media side only polls.
 */
final class SpeechQueue {

    /** Items, in the order they are played; each belongs to one reply. */
    sealed interface Item permits ReplyStart, Phones, Audio, ReplyEnd {
        long replyId();
    }

    /** A new reply: phone times that follow count from here. */
    record ReplyStart(long replyId) implements Item {
    }

    record Phones(long replyId, List<PhoneTiming> phones) implements Item {
    }

    record Audio(long replyId, PcmChunk chunk) implements Item {
    }

    record ReplyEnd(long replyId) implements Item {
    }

    private final ArrayBlockingQueue<Item> items;
    private final Runnable onFullWait;
    /** Replies up to this number are cut; written by the conversation side only. */
    private volatile long cutThroughReplyId;

    /** @param onFullWait told each time the conversation side finds the queue full and waits */
    SpeechQueue(int capacity, Runnable onFullWait) {
        this.items = new ArrayBlockingQueue<>(capacity);
        this.onFullWait = onFullWait;
    }

    /** Conversation side: enqueues, waiting while full. */
    void put(Item item) throws InterruptedException {
        if (!items.offer(item)) {
            onFullWait.run();
            items.put(item);
        }
    }

    /** Media side: the next item, or null. Never blocks. */
    Item poll() {
        return items.poll();
    }

    /** Conversation side: cuts every reply up to {@code replyId}; the media side acts on its next cycle. */
    void cutThrough(long replyId) {
        cutThroughReplyId = Math.max(cutThroughReplyId, replyId);
    }

    /** Media side: replies up to this number are cut. */
    long cutThroughReplyId() {
        return cutThroughReplyId;
    }

    /** Media side: drops the items at the head that belong to replies up to {@code replyId}. Never blocks. */
    void dropThrough(long replyId) {
        for (Item head; (head = items.peek()) != null && head.replyId() <= replyId; ) {
            items.poll();
        }
    }

    void clear() {
        items.clear();
    }
}
