package dev.facecast.media.clock;

/**
 * Paces a periodic task by deadline: tick {@code i} is due at {@code anchor + i * period}, so
 * lateness in one tick does not shift the ones after it (no accumulating skew, unlike a
 * fixed sleep).
 *
 * <p>When the task falls more than {@code maxLagNs} behind, catching up tick by tick would
 * burst; instead the pacer re-anchors on the current time and counts it. Changing the
 * period re-anchors at the next deadline, so a rate change takes effect within one tick.
 *
 * <p>Not thread-safe: owned by the one thread that runs the task.
 */
public final class DeadlinePacer {

    private final long maxLagNs;
    private long periodNs;
    private long anchorNs;
    private long tickIndex;
    private long reanchorCount;

    public DeadlinePacer(long periodNs, long maxLagNs) {
        if (periodNs <= 0 || maxLagNs < 0) {
            throw new IllegalArgumentException("period must be > 0 and max lag >= 0");
        }
        this.periodNs = periodNs;
        this.maxLagNs = maxLagNs;
    }

    /** Starts the schedule: the first tick is due at {@code nowNs}. */
    public void start(long nowNs) {
        anchorNs = nowNs;
        tickIndex = 0;
    }

    public long nextDeadlineNs() {
        return anchorNs + tickIndex * periodNs;
    }

    public boolean isDue(long nowNs) {
        return nowNs - nextDeadlineNs() >= 0;
    }

    /**
     * Consumes the due tick.
     *
     * @return how late the tick ran, in nanoseconds (0 when on time)
     */
    public long tick(long nowNs) {
        long latenessNs = Math.max(0, nowNs - nextDeadlineNs());
        if (latenessNs > maxLagNs) {
            anchorNs = nowNs;
            tickIndex = 1;
            reanchorCount++;
        } else {
            tickIndex++;
        }
        return latenessNs;
    }

    /** Changes the period; the next tick keeps its deadline and the new period follows it. */
    public void setPeriodNs(long newPeriodNs) {
        if (newPeriodNs <= 0) {
            throw new IllegalArgumentException("period must be > 0");
        }
        anchorNs = nextDeadlineNs();
        tickIndex = 0;
        periodNs = newPeriodNs;
    }

    public long periodNs() {
        return periodNs;
    }

    /** Times the pacer gave up catching up and re-anchored on the clock. */
    public long reanchorCount() {
        return reanchorCount;
    }
}
