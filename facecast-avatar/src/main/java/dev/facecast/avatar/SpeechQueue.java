package dev.facecast.avatar;

import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * The hand-off of speech from a session's speech thread to its media thread.
 *
 * <p>The speech side blocks when the queue is full (TTS runs far ahead of real time, so this
 * is back-pressure, and it happens on a virtual thread); each wait is reported. The media
 * side only polls.
 */
public final class SpeechQueue {

    /** Items, in the order they are played; each belongs to one reply. */
    public sealed interface Item permits ReplyStart, Phones, Audio, ReplyEnd {
        long replyId();
    }

    /** A new reply: phone times that follow count from here. */
    public record ReplyStart(long replyId) implements Item {
    }

    public record Phones(long replyId, List<PhoneTiming> phones) implements Item {
    }

    public record Audio(long replyId, PcmChunk chunk) implements Item {
    }

    public record ReplyEnd(long replyId) implements Item {
    }

    private final ArrayBlockingQueue<Item> items;
    private final Runnable onFullWait;
    /** Replies up to this number are cut; written by the conversation side only. */
    private volatile long cutThroughReplyId;

    /** @param onFullWait told each time the conversation side finds the queue full and waits */
    public SpeechQueue(int capacity, Runnable onFullWait) {
        this.items = new ArrayBlockingQueue<>(capacity);
        this.onFullWait = onFullWait;
    }

    /** Conversation side: enqueues, waiting while full. */
    public void put(Item item) throws InterruptedException {
        if (!items.offer(item)) {
            onFullWait.run();
            items.put(item);
        }
    }

    /** Media side: the next item, or null. Never blocks. */
    public Item poll() {
        return items.poll();
    }

    /** Conversation side: cuts every reply up to {@code replyId}; the media side acts on its next cycle. */
    public void cutThrough(long replyId) {
        cutThroughReplyId = Math.max(cutThroughReplyId, replyId);
    }

    /** Media side: replies up to this number are cut. */
    public long cutThroughReplyId() {
        return cutThroughReplyId;
    }

    /** Media side: drops the items at the head that belong to replies up to {@code replyId}. Never blocks. */
    public void dropThrough(long replyId) {
        for (Item head; (head = items.peek()) != null && head.replyId() <= replyId; ) {
            items.poll();
        }
    }

    public void clear() {
        items.clear();
    }
}
