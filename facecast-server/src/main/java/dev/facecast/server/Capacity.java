package dev.facecast.server;

import dev.facecast.server.metrics.ResourceSampler;
import dev.facecast.server.metrics.ResourceSnapshot;
import dev.facecast.session.MediaTotals;

import java.util.function.IntSupplier;

/**
 * How many sessions this process can take now, from what it measures: the CPU a session
 * costs here (process CPU over sessions, so shared overhead counts too) against a CPU
 * budget, capped by a hard maximum, and no growth at all while frames run late.
 *
 * <p>Thread-safe; cheap enough to ask on every request.
 */
final class Capacity {

    /** Used before any session was measured: about what one 720x480@15 session costs. */
    static final double PRIOR_CORES_PER_SESSION = 0.1;
    /** Late frames beyond this share of the last interval mean the process is full already. */
    static final double MAX_LATE_FRAME_RATIO = 0.05;

    private final int hardMaxSessions;
    private final double cpuBudgetCores;
    private final ResourceSampler sampler;
    private final MediaTotals totals;
    private final IntSupplier sessions;
    private ResourceSnapshot seenSnapshot;
    private long seenFramesPushed;
    private long seenFramesLate;
    private double lateFrameRatio;

    Capacity(int hardMaxSessions, double cpuBudgetCores, ResourceSampler sampler, MediaTotals totals, IntSupplier sessions) {
        this.hardMaxSessions = hardMaxSessions;
        this.cpuBudgetCores = cpuBudgetCores;
        this.sampler = sampler;
        this.totals = totals;
        this.sessions = sessions;
    }

    /** Sessions this process should hold at most, now. */
    synchronized int estimate() {
        ResourceSnapshot snapshot = sampler.latest();
        if (snapshot != seenSnapshot) {
            updateLateRatio(snapshot);
        }
        int active = sessions.getAsInt();
        int byCpu = (int) Math.floor(cpuBudgetCores / coresPerSession(snapshot, active));
        int capacity = Math.min(hardMaxSessions, Math.max(1, byCpu));
        if (lateFrameRatio > MAX_LATE_FRAME_RATIO) {
            capacity = Math.min(capacity, active);
        }
        return capacity;
    }

    boolean hasRoom() {
        return sessions.getAsInt() < estimate();
    }

    /** The measured cost of a session here, or the prior before there is a measurement. */
    double coresPerSession(ResourceSnapshot snapshot, int active) {
        return active > 0 && snapshot.processCores() > 0 ? snapshot.processCores() / active : PRIOR_CORES_PER_SESSION;
    }

    synchronized double lateFrameRatio() {
        return lateFrameRatio;
    }

    private void updateLateRatio(ResourceSnapshot snapshot) {
        long pushed = totals.framesPushed();
        long late = totals.framesLate();
        long pushedSince = pushed - seenFramesPushed;
        lateFrameRatio = pushedSince > 0 ? (double) (late - seenFramesLate) / pushedSince : 0;
        seenFramesPushed = pushed;
        seenFramesLate = late;
        seenSnapshot = snapshot;
    }
}
