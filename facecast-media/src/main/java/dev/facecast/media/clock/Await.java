package dev.facecast.media.clock;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits on real threads for a condition, up to a deadline. For tests and tools that watch a
 * running process from outside: code on a {@link NanoClock} advances the clock instead.
 * Call from any thread but a media thread (it sleeps).
 */
public final class Await {

    /** How often a condition is asked unless said otherwise. */
    public static final Duration POLL = Duration.ofMillis(20);

    private Await() {
    }

    /** Waits until {@code condition} holds; fails with an {@link AssertionError} naming {@code what} after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        until(what, timeout, POLL, condition);
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}, asking every {@code poll}. */
    public static void until(String what, Duration timeout, Duration poll, BooleanSupplier condition)
            throws InterruptedException {
        if (!within(timeout, poll, condition)) {
            throw new AssertionError(what + ": not within " + timeout.toMillis() + " ms");
        }
    }

    /** Waits until {@code condition} holds or {@code timeout} passes, asking every {@code poll}; returns whether it held. */
    public static boolean within(Duration timeout, Duration poll, BooleanSupplier condition) throws InterruptedException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNs > 0) {
                return false;
            }
            // Polling: the threads watched here have nothing that could tell us, and a short
            // sleep leaves them the CPU where spinning would take it.
            Thread.sleep(poll);
        }
        return true;
    }
}
