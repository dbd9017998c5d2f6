package dev.facecast.session;

import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.speech.PhoneTiming;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

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
    private final AtomicLong fullWaits = new AtomicLong();

    SpeechQueue(int capacity) {
        this.items = new ArrayBlockingQueue<>(capacity);
    }

    /** Conversation side: enqueues, waiting while full. */
    void put(Item item) throws InterruptedException {
        if (!items.offer(item)) {
            fullWaits.incrementAndGet();
            items.put(item);
        }
    }

    /** Media side: the next item, or null. Never blocks. */
    Item poll() {
        return items.poll();
    }

    void clear() {
        items.clear();
    }

    long fullWaits() {
        return fullWaits.get();
    }
}
