package dev.facecast.avatar.anam;

import dev.facecast.media.agent.MediaThreads;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Faces' network teardown (endsession, closing the peer connection), run off the media threads
 * that close faces, and awaited before the avatar is released: libwebrtc aborts the process when a
 * peer connection is closed after its factory is gone. Thread-safe.
 */
final class Teardowns {

    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    void start(String name, Runnable teardown) {
        Thread thread = MediaThreads.virtual(name).newThread(() -> {
            try {
                teardown.run();
            } finally {
                running.remove(Thread.currentThread());
            }
        });
        running.add(thread); // before it starts, so awaiting never misses it
        thread.start();
    }

    /** Waits for the teardowns under way, at most {@code timeoutMs} in all. */
    void await(long timeoutMs) throws InterruptedException {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (Thread thread : running) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
            if (leftMs <= 0 || !thread.join(java.time.Duration.ofMillis(leftMs))) {
                return;
            }
        }
    }
}
