package dev.facecast.provider;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The deadlines and retries of a provider's calls.
 *
 * @param connectTimeoutMs        from the start of an attempt until the vendor says it is connected
 *                                ({@link Call#connected()}); a vendor that never says so has this
 *                                long for its first output
 * @param firstOutputTimeoutMs    from connected until the first output (a chunk, a token)
 * @param betweenOutputsTimeoutMs from one output to the next: a stalled stream fails after this long.
 *                                Time spent in the consumer does not count.
 * @param maxAttempts             attempts of one call, 1 for no retry; retries happen only before the
 *                                first output reached the consumer
 * @param backoffMs               pause before the second attempt; it doubles for each further one
 * @param maxBackoffMs            the longest pause between attempts
 */
public record ProviderPolicy(long connectTimeoutMs, long firstOutputTimeoutMs, long betweenOutputsTimeoutMs,
                             int maxAttempts, long backoffMs, long maxBackoffMs) {

    /** Remote vendors: a few seconds to connect and start, one retry after a short pause. */
    public static final ProviderPolicy DEFAULTS = new ProviderPolicy(5_000, 10_000, 5_000, 2, 250, 2_000);

    /**
     * Local engines: the connect deadline bounds the wait for a free engine (voice, lock), the
     * first output may take a long sentence's synthesis, and a failure would only repeat.
     */
    public static final ProviderPolicy LOCAL = new ProviderPolicy(10_000, 10_000, 5_000, 1, 0, 0);

    public ProviderPolicy {
        if (connectTimeoutMs < 0 || firstOutputTimeoutMs < 0 || betweenOutputsTimeoutMs < 0 || backoffMs < 0
                || maxBackoffMs < backoffMs) {
            throw new IllegalArgumentException("timeouts and backoffs must be >= 0 and the backoff <= its maximum: " + this);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt, not " + maxAttempts);
        }
    }

    /** The same retries with these deadlines; 0 means due at once (tests use it to force a timeout). */
    public ProviderPolicy withTimeoutsMs(long connectMs, long firstOutputMs, long betweenOutputsMs) {
        return new ProviderPolicy(connectMs, firstOutputMs, betweenOutputsMs, maxAttempts, backoffMs, maxBackoffMs);
    }

    /** The same deadlines with these retries. */
    public ProviderPolicy withRetries(int attempts, long firstBackoffMs) {
        return new ProviderPolicy(connectTimeoutMs, firstOutputTimeoutMs, betweenOutputsTimeoutMs, attempts, firstBackoffMs,
                Math.max(firstBackoffMs, maxBackoffMs));
    }

    /**
     * The pause after the {@code failedAttempts}-th failure: exponential, capped, with "equal
     * jitter" (half fixed, half random) so that sessions failing together do not retry together.
     */
    public long backoffMsAfter(int failedAttempts) {
        long exponentialMs = Math.min(maxBackoffMs, backoffMs << Math.min(20, failedAttempts - 1));
        long halfMs = exponentialMs / 2;
        return halfMs + (halfMs == 0 ? 0 : ThreadLocalRandom.current().nextLong(halfMs + 1));
    }
}
