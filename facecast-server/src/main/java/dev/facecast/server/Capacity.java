package dev.facecast.server;

import dev.facecast.server.metrics.ResourceSnapshot;
import dev.facecast.session.MediaTotals;

import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * How many sessions this process can take now, from what it measures.
 *
 * <p>Process CPU is modelled as a baseline (what the process spends with no sessions) plus
 * a marginal cost per session, each a moving average over samples taken with sessions
 * running (for the marginal cost) or none (for the baseline). Capacity is what fits in the
 * CPU budget, capped by a hard maximum; while frames run late it does not grow at all.
 * It learns only from intervals with a steady session count, so a burst that just ended
 * does not make the next session look expensive.
 *
 * <p>Thread-safe; cheap enough to ask on every request.
 */
final class Capacity {

    /** Before any measurement: about what one 720x480@15 session costs, and an idle process. */
    static final double PRIOR_CORES_PER_SESSION = 0.1;
    static final double PRIOR_BASELINE_CORES = 0.02;
    /** Weight of a new sample in the moving averages. */
    static final double SMOOTHING = 0.3;
    /** Late frames beyond this share of the last interval mean the process is full already. */
    static final double MAX_LATE_FRAME_RATIO = 0.05;

    private final int hardMaxSessions;
    private final double cpuBudgetCores;
    private final Supplier<ResourceSnapshot> snapshots;
    private final MediaTotals totals;
    private final IntSupplier sessions;
    private ResourceSnapshot seenSnapshot;
    private double baselineCores = PRIOR_BASELINE_CORES;
    private double coresPerSession = PRIOR_CORES_PER_SESSION;
    private long seenFramesPushed;
    private long seenFramesLate;
    private double lateFrameRatio;

    /** @param snapshots the sampler's latest measurement ({@link dev.facecast.server.metrics.ResourceSampler#latest()}) */
    Capacity(int hardMaxSessions, double cpuBudgetCores, Supplier<ResourceSnapshot> snapshots, MediaTotals totals,
             IntSupplier sessions) {
        this.hardMaxSessions = hardMaxSessions;
        this.cpuBudgetCores = cpuBudgetCores;
        this.snapshots = snapshots;
        this.totals = totals;
        this.sessions = sessions;
    }

    /** Sessions this process should hold at most, now. */
    synchronized int estimate() {
        ResourceSnapshot snapshot = snapshots.get();
        if (snapshot != seenSnapshot) {
            learn(snapshot);
        }
        int byCpu = (int) Math.floor(Math.max(0, cpuBudgetCores - baselineCores) / coresPerSession);
        int capacity = Math.min(hardMaxSessions, Math.max(1, byCpu));
        if (lateFrameRatio > MAX_LATE_FRAME_RATIO) {
            capacity = Math.min(capacity, sessions.getAsInt());
        }
        return capacity;
    }

    boolean hasRoom() {
        return sessions.getAsInt() < estimate();
    }

    synchronized double coresPerSession() {
        return coresPerSession;
    }

    synchronized double lateFrameRatio() {
        return lateFrameRatio;
    }

    private void learn(ResourceSnapshot snapshot) {
        seenSnapshot = snapshot;
        if (snapshot.processCores() > 0 && snapshot.sessionCount() != ResourceSnapshot.UNSTEADY) {
            if (snapshot.sessionCount() == 0) {
                baselineCores += SMOOTHING * (snapshot.processCores() - baselineCores);
            } else {
                double marginal = Math.max(0.001, (snapshot.processCores() - baselineCores) / snapshot.sessionCount());
                coresPerSession += SMOOTHING * (marginal - coresPerSession);
            }
        }
        long pushed = totals.framesPushed();
        long late = totals.framesLate();
        long pushedSince = pushed - seenFramesPushed;
        lateFrameRatio = pushedSince > 0 ? (double) (late - seenFramesLate) / pushedSince : 0;
        seenFramesPushed = pushed;
        seenFramesLate = late;
    }
}
