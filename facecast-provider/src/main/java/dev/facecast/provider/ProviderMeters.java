package dev.facecast.provider;

import java.util.concurrent.atomic.LongAdder;

/**
 * One provider's counters, kept without a metrics library so the API modules stay
 * dependency-free; the server exports them (Micrometer) under the provider's {@link #name()}.
 * Thread-safe; recording never blocks or allocates.
 *
 * <p>A call is one logical request (a synthesis, a reply, a recognition stream's open or audio
 * step), however many attempts it took.
 */
public final class ProviderMeters {

    private final String name;
    private final LongAdder calls = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder[] failures = new LongAdder[ErrorKind.values().length];
    private final LatencyRecorder timeToFirstOutput = new LatencyRecorder();

    public ProviderMeters(String name) {
        this.name = name;
        for (int i = 0; i < failures.length; i++) {
            failures[i] = new LongAdder();
        }
    }

    /** The provider's name, such as {@code freetts}: the tag to export under. */
    public String name() {
        return name;
    }

    /** Calls started. */
    public long calls() {
        return calls.sum();
    }

    /** Calls that ended normally. */
    public long completed() {
        return completed.sum();
    }

    /** Calls that ended early because the caller cancelled or the provider was closed. */
    public long cancelled() {
        return cancelled.sum();
    }

    /** Attempts made again after a retryable failure before any output. */
    public long retries() {
        return retries.sum();
    }

    /** Calls that failed, after their retries, with this kind. */
    public long failures(ErrorKind kind) {
        return failures[kind.ordinal()].sum();
    }

    /** Calls that failed, of every kind. */
    public long failures() {
        long total = 0;
        for (LongAdder failure : failures) {
            total += failure.sum();
        }
        return total;
    }

    /** From the start of a call (its first attempt) to its first output: audio, sentence or result. */
    public LatencyRecorder timeToFirstOutput() {
        return timeToFirstOutput;
    }

    void recordStart() {
        calls.increment();
    }

    void recordCompletion() {
        completed.increment();
    }

    void recordCancellation() {
        cancelled.increment();
    }

    void recordRetry() {
        retries.increment();
    }

    void recordFailure(ErrorKind kind) {
        failures[kind.ordinal()].increment();
    }
}
