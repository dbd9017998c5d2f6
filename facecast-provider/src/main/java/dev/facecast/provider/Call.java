package dev.facecast.provider;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One attempt of a provider call, handed to the vendor's method. It is the vendor's
 * "cancelled" flag ({@link #getAsBoolean()}: stop when true), its way to report progress
 * ({@link #connected()}, {@link #progress()}), and where it registers what must be closed to
 * unblock it ({@link #closeOnAbort}).
 *
 * <p>An attempt ends early (is aborted) when the caller cancels, the provider is closed, the
 * consumer throws, or a deadline passes. Deadlines are checked on the calling thread whenever
 * the vendor reports progress, and by the {@link Watchdog} while the vendor blocks. An abort
 * from the watchdog closes the registered resources and interrupts the calling thread, unless
 * that thread is inside the consumer: time spent there (a full queue downstream, the next
 * stage's own work) is back-pressure, not a stalled vendor, so no deadline runs then either.
 *
 * <p>Threading: the vendor's thread calls everything but {@link #closeOnAbort}'s closing, which
 * the aborting thread does; {@link #getAsBoolean()} may be called from any thread.
 */
public final class Call implements BooleanSupplier {

    /** Why an attempt ended early. */
    enum Ending {
        /** The caller's cancelled flag turned true. */
        CANCELLED,
        /** The provider was closed. */
        CLOSED,
        /** A deadline passed. */
        TIMEOUT,
        /** The consumer threw; its exception is rethrown as it is. */
        CONSUMER_FAILED
    }

    private static final long UNSET = Long.MIN_VALUE;

    private final ProviderPolicy policy;
    private final LongSupplier nanoClock;
    private final BooleanSupplier callerCancelled;
    private final ProviderMeters meters;
    private final long callStartNs;
    private final long attemptStartNs;
    private final Thread caller = Thread.currentThread();
    private final List<AutoCloseable> closeOnAbort = new CopyOnWriteArrayList<>();
    private volatile long connectedNs = UNSET;
    private volatile long lastOutputNs;
    private volatile boolean aborted;
    private volatile boolean delivered;

    // Guarded by this: an abort must see at once whether the caller is inside the consumer.
    private boolean delivering;
    private boolean finished;
    private boolean interruptedCaller;
    private Ending ending;
    private String endingDetail;
    private Throwable consumerFailure;

    /**
     * @param stepStart true for one blocking step of a stream (an audio chunk to a recogniser):
     *                  the between-outputs deadline applies from the start
     */
    Call(ProviderPolicy policy, LongSupplier nanoClock, BooleanSupplier callerCancelled, ProviderMeters meters,
         long callStartNs, boolean stepStart) {
        this.policy = policy;
        this.nanoClock = nanoClock;
        this.callerCancelled = callerCancelled;
        this.meters = meters;
        this.callStartNs = callStartNs;
        this.attemptStartNs = nanoClock.getAsLong();
        this.lastOutputNs = stepStart ? attemptStartNs : UNSET;
    }

    /** True when the vendor should stop: the call was cancelled, closed, failed or timed out. */
    @Override
    public boolean getAsBoolean() {
        return aborted || callerCancelled.getAsBoolean();
    }

    /** The vendor reached its engine (response headers came, a voice is free): the first-output deadline starts. */
    public void connected() {
        if (connectedNs == UNSET) {
            connectedNs = nanoClock.getAsLong();
        }
    }

    /**
     * The vendor received something (a token, a chunk not yet delivered), which restarts the
     * between-outputs deadline. False when the call is over and the vendor should stop.
     */
    public boolean progress() {
        long nowNs = nanoClock.getAsLong();
        if (!expireIfLate(nowNs)) {
            lastOutputNs = nowNs;
        }
        return !getAsBoolean();
    }

    /**
     * Hands {@code item} to the consumer with no deadline running, unless the call is over.
     * Bases call it for every output; the consumer's exceptions end the call and propagate.
     *
     * @return false when the call is over and the item was dropped
     */
    public <T> boolean deliver(Consumer<? super T> consumer, T item) {
        long nowNs = nanoClock.getAsLong();
        if (callerCancelled.getAsBoolean()) {
            abort(Ending.CANCELLED, "cancelled");
        }
        expireIfLate(nowNs);
        synchronized (this) {
            if (ending != null) {
                return false;
            }
            delivering = true;
        }
        if (!delivered) {
            delivered = true;
            meters.timeToFirstOutput().record(nowNs - callStartNs);
        }
        try {
            consumer.accept(item);
            return true;
        } catch (RuntimeException | Error failure) {
            synchronized (this) {
                consumerFailure = failure;
            }
            abort(Ending.CONSUMER_FAILED, "the consumer failed");
            throw failure;
        } finally {
            synchronized (this) {
                delivering = false;
            }
            lastOutputNs = nanoClock.getAsLong();
        }
    }

    /**
     * Registers a resource (a response stream, a socket) to close when the call is aborted, so
     * a vendor blocked reading it wakes up; closed at once if the call is already over.
     */
    public void closeOnAbort(AutoCloseable resource) {
        closeOnAbort.add(resource);
        if (aborted) {
            closeQuietly(resource);
        }
    }

    /** True once something reached the consumer: from then on the call is never retried. */
    public boolean delivered() {
        return delivered;
    }

    /** The watchdog's check: aborts the call when its caller cancelled or its deadline passed. */
    boolean check(long nowNs) {
        if (callerCancelled.getAsBoolean()) {
            return abort(Ending.CANCELLED, "cancelled");
        }
        return expireIfLate(nowNs);
    }

    /** Aborts on a passed deadline; true when this did. */
    boolean expireIfLate(long nowNs) {
        String missed;
        synchronized (this) {
            if (delivering || ending != null || finished) {
                return false;
            }
            missed = missedDeadline(nowNs);
        }
        return missed != null && abort(Ending.TIMEOUT, missed);
    }

    /**
     * Ends the call early. The caller is interrupted only from another thread and only outside
     * the consumer (an interrupt there would break the consumer's own wait, not the vendor's).
     */
    boolean abort(Ending reason, String detail) {
        synchronized (this) {
            if (finished || ending != null) {
                return false;
            }
            ending = reason;
            endingDetail = detail;
            aborted = true;
            if (!delivering && Thread.currentThread() != caller) {
                interruptedCaller = true;
                caller.interrupt();
            }
        }
        closeOnAbort.forEach(Call::closeQuietly);
        return true;
    }

    /** Called by the runner on the caller's thread once the vendor returned: clears an interrupt this call sent. */
    synchronized void finish() {
        finished = true;
        if (interruptedCaller) {
            Thread.interrupted();
        }
    }

    synchronized Ending ending() {
        return ending;
    }

    synchronized String endingDetail() {
        return endingDetail;
    }

    synchronized Throwable consumerFailure() {
        return consumerFailure;
    }

    Thread caller() {
        return caller;
    }

    private String missedDeadline(long nowNs) {
        long lastNs = lastOutputNs;
        if (lastNs != UNSET) {
            return due(nowNs, lastNs, policy.betweenOutputsTimeoutMs()) ? "no output for " + policy.betweenOutputsTimeoutMs() + " ms" : null;
        }
        long connected = connectedNs;
        if (connected != UNSET) {
            return due(nowNs, connected, policy.firstOutputTimeoutMs())
                    ? "no first output within " + policy.firstOutputTimeoutMs() + " ms of connecting" : null;
        }
        return due(nowNs, attemptStartNs, policy.connectTimeoutMs()) ? "not connected within " + policy.connectTimeoutMs() + " ms" : null;
    }

    private static boolean due(long nowNs, long sinceNs, long timeoutMs) {
        return nowNs - sinceNs >= timeoutMs * 1_000_000;
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception ignored) {
            // closing is how we unblock the vendor; its complaints about it change nothing
        }
    }
}
