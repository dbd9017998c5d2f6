package dev.facecast.provider;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Enforces the deadlines of calls whose vendor is blocked (reading a socket, waiting for an
 * engine) and so cannot check them itself, and notices cancellation meanwhile.
 *
 * <p>One watchdog serves the process: a duty cycle ({@link #doWork}) reads the clock once and
 * aborts the calls that are due, run every {@value #TICK_MS} ms by one daemon thread while
 * calls are live, parked otherwise. A thread per call would cost more than the calls it
 * guards; a timer task per deadline would have to be re-armed at every output. Tests create
 * their own watchdog and drive {@link #doWork} with a fake clock.
 */
public final class Watchdog {

    /** Deadline resolution: small against the seconds deadlines are set in. */
    static final long TICK_MS = 10;

    private static final Watchdog SHARED = new Watchdog(System::nanoTime).start("facecast-provider-watchdog");

    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    private final LongSupplier nanoClock;
    private volatile Thread thread;

    Watchdog(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public static Watchdog shared() {
        return SHARED;
    }

    void watch(Call call) {
        calls.add(call);
        Thread runner = thread;
        if (runner != null) {
            LockSupport.unpark(runner); // it parks without a timeout while nothing is watched
        }
    }

    void forget(Call call) {
        calls.remove(call);
    }

    /** One duty cycle: aborts the watched calls that were cancelled or missed a deadline; returns how many. */
    int doWork(long nowNs) {
        int aborted = 0;
        for (Call call : calls) {
            if (call.check(nowNs)) {
                aborted++;
            }
        }
        return aborted;
    }

    private Watchdog start(String threadName) {
        thread = Thread.ofPlatform().name(threadName).daemon().start(this::run);
        return this;
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            if (calls.isEmpty()) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(TICK_MS));
            }
            doWork(nanoClock.getAsLong());
        }
    }
}
