package dev.facecast.provider;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A latency distribution in fixed buckets, lock-free and allocation-free to record, shaped so
 * an exporter can hand it on as a histogram (Prometheus {@code le} buckets) and read
 * approximate percentiles, the last value and the maximum. Thread-safe.
 */
public final class LatencyRecorder {

    /** Bucket upper bounds in ms; a last, unbounded bucket holds the rest. */
    private static final long[] BOUNDS_MS = {5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000};

    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS_MS.length + 1);
    private final LongAdder count = new LongAdder();
    private final LongAdder sumUs = new LongAdder();
    private final AtomicLong lastUs = new AtomicLong(-1);
    private final AtomicLong maxUs = new AtomicLong();

    public void record(long nanos) {
        long us = Math.max(0, nanos / 1_000);
        int bucket = 0;
        while (bucket < BOUNDS_MS.length && us > BOUNDS_MS[bucket] * 1_000) {
            bucket++;
        }
        buckets.incrementAndGet(bucket);
        count.increment();
        sumUs.add(us);
        lastUs.set(us);
        maxUs.accumulateAndGet(us, Math::max);
    }

    public long count() {
        return count.sum();
    }

    public double sumMs() {
        return sumUs.sum() / 1_000.0;
    }

    /** The latest value in ms, or -1 before the first. */
    public double lastMs() {
        long us = lastUs.get();
        return us < 0 ? -1 : us / 1_000.0;
    }

    public double maxMs() {
        return maxUs.get() / 1_000.0;
    }

    /** Upper bounds of the bounded buckets, in ms (a copy). */
    public static long[] bucketBoundsMs() {
        return BOUNDS_MS.clone();
    }

    /** Values in bucket {@code index} (not cumulative); the last index is the unbounded bucket. */
    public long bucketCount(int index) {
        return buckets.get(index);
    }

    /**
     * The {@code quantile} (0..1) at bucket resolution: the upper bound of the bucket that holds
     * it, or the maximum when it falls in the unbounded bucket; 0 with no values.
     */
    public double percentileMs(double quantile) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(Math.clamp(quantile, 0.0, 1.0) * total);
        long seen = 0;
        for (int i = 0; i < BOUNDS_MS.length; i++) {
            seen += buckets.get(i);
            if (seen >= Math.max(1, rank)) {
                return Math.min(BOUNDS_MS[i], maxMs());
            }
        }
        return maxMs();
    }
}
