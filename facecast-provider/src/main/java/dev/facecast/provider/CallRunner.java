package dev.facecast.provider;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Runs a provider's calls into its vendor: each attempt under the {@link ProviderPolicy}'s
 * deadlines, retries with backoff while nothing reached the consumer, failures mapped to an
 * {@link ErrorKind} and thrown as the provider kind's exception, everything counted in
 * {@link ProviderMeters}. The base class of each kind (TTS, STT, brain) owns one.
 *
 * <p>Threading: calls run on their caller's thread, any number at once; {@link #close()} may
 * come from any thread, including a consumer's callback.
 */
public final class CallRunner {

    /** The vendor's side of one attempt. */
    @FunctionalInterface
    public interface Body<T> {
        T run(Call call) throws Throwable;
    }

    /** Makes the provider kind's exception (TtsException, …). */
    @FunctionalInterface
    public interface Failures {
        ProviderException create(ErrorKind kind, String message, Throwable cause);
    }

    /** How long close waits for aborted calls to leave the vendor before its engine is released. */
    private static final long CLOSE_GRACE_MS = 2_000;
    /** Retry pauses are sliced so that close and cancel end them promptly. */
    private static final long PAUSE_SLICE_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private final String name;
    private final ProviderPolicy policy;
    private final Class<? extends ProviderException> type;
    private final Failures failures;
    private final Watchdog watchdog;
    private final LongSupplier nanoClock;
    private final ProviderMeters meters;
    private final Set<Call> live = new HashSet<>(); // guarded by itself: close waits on it
    private final AtomicBoolean closed = new AtomicBoolean();

    public CallRunner(String name, ProviderPolicy policy, Class<? extends ProviderException> type, Failures failures) {
        this(name, policy, type, failures, Watchdog.shared(), System::nanoTime);
    }

    CallRunner(String name, ProviderPolicy policy, Class<? extends ProviderException> type, Failures failures,
               Watchdog watchdog, LongSupplier nanoClock) {
        this.name = name;
        this.policy = policy;
        this.type = type;
        this.failures = failures;
        this.watchdog = watchdog;
        this.nanoClock = nanoClock;
        this.meters = new ProviderMeters(name);
    }

    public ProviderMeters meters() {
        return meters;
    }

    public ProviderPolicy policy() {
        return policy;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /**
     * One call: attempts {@code body} until it succeeds, fails for good, or is cancelled.
     *
     * @return what the body returned, or null when the call was cancelled or the provider closed
     * @throws ProviderException of the provider's type, when the call failed
     */
    public <T> T call(BooleanSupplier cancelled, Body<T> body) {
        return run(cancelled, body, false);
    }

    /**
     * One blocking step of a stream (audio into a recogniser): a single attempt under the
     * between-outputs deadline, failures mapped and counted, never retried (the stream has
     * moved on), not counted as a call.
     */
    public <T> T step(Body<T> body) {
        return run(() -> false, body, true);
    }

    /** The provider kind's exception; bases use it for their own refusals. */
    public ProviderException failure(ErrorKind kind, String message, Throwable cause) {
        return failures.create(kind, message, cause);
    }

    /**
     * Refuses new calls, aborts the live ones, and waits a little for them to leave the vendor
     * (except a call of this very thread, which closes from inside its consumer).
     *
     * @return true the first time, when the caller should release the engine
     */
    public boolean close() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        synchronized (live) {
            live.forEach(call -> call.abort(Call.Ending.CLOSED, "closed"));
            long untilNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_GRACE_MS);
            while (live.stream().anyMatch(call -> call.caller() != Thread.currentThread())) {
                long leftNs = untilNs - System.nanoTime();
                if (leftNs <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(live, leftNs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return true;
    }

    private <T> T run(BooleanSupplier cancelled, Body<T> body, boolean step) {
        if (closed.get()) {
            throw failures.create(ErrorKind.UNAVAILABLE, name + " is closed", null);
        }
        if (!step) {
            meters.recordStart();
        }
        long callStartNs = nanoClock.getAsLong();
        for (int attempt = 1; ; attempt++) {
            Call call = new Call(policy, nanoClock, cancelled, meters, callStartNs, step);
            T value = null;
            Throwable thrown = null;
            enter(call);
            try {
                value = body.run(call);
                call.expireIfLate(nanoClock.getAsLong()); // a stall just before the end is a stall too
            } catch (Throwable t) {
                thrown = t;
            } finally {
                leave(call);
            }
            ProviderException failure = outcome(call, thrown);
            if (failure == null) {
                if (call.ending() == null && !cancelled.getAsBoolean()) {
                    meters.recordCompletion();
                } else {
                    meters.recordCancellation();
                }
                return value;
            }
            if (!step && failure.retryable() && !call.delivered() && attempt < policy.maxAttempts()) {
                if (!pauseBeforeRetry(attempt, cancelled)) {
                    meters.recordCancellation();
                    return null;
                }
                meters.recordRetry();
                continue;
            }
            meters.recordFailure(failure.kind());
            throw failure;
        }
    }

    /** Null for success or cancellation; the failure otherwise. A consumer's own failure is rethrown as it is. */
    private ProviderException outcome(Call call, Throwable thrown) {
        Throwable consumerFailure = call.consumerFailure();
        if (consumerFailure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (consumerFailure instanceof Error error) {
            throw error;
        }
        Call.Ending ending = call.ending();
        if (ending == Call.Ending.CANCELLED || ending == Call.Ending.CLOSED) {
            return null;
        }
        if (ending == Call.Ending.TIMEOUT) {
            return failures.create(ErrorKind.TIMEOUT, name + ": " + call.endingDetail(), thrown);
        }
        if (thrown == null) {
            return null;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        if (thrown instanceof InterruptedException) {
            Thread.currentThread().interrupt(); // not ours (ours are cleared by finish): keep it for the caller
        }
        if (type.isInstance(thrown)) {
            return (ProviderException) thrown;
        }
        return failures.create(ErrorKind.of(thrown), name + " failed: " + thrown.getMessage(), thrown);
    }

    private void enter(Call call) {
        synchronized (live) {
            live.add(call);
        }
        watchdog.watch(call);
        if (closed.get()) {
            call.abort(Call.Ending.CLOSED, "closed"); // close ran between the check in run() and here
        }
    }

    private void leave(Call call) {
        watchdog.forget(call);
        call.finish();
        synchronized (live) {
            live.remove(call);
            live.notifyAll();
        }
    }

    /** False when cancel or close came during the pause. */
    private boolean pauseBeforeRetry(int failedAttempts, BooleanSupplier cancelled) {
        long untilNs = nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(policy.backoffMsAfter(failedAttempts));
        while (!closed.get() && !cancelled.getAsBoolean()) {
            long leftNs = untilNs - nanoClock.getAsLong();
            if (leftNs <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(leftNs, PAUSE_SLICE_NS));
        }
        return false;
    }
}
