package dev.facecast.session;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for a condition on real threads, failing with a clear message at a deadline. */
final class Await {

    private static final long POLL_MS = 20;

    private Await() {
    }

    static void until(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadlineNs) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(POLL_MS); // polling real threads: there is nothing to be told by
        }
    }
}
