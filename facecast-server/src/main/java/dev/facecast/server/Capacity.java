package dev.facecast.server;

import dev.facecast.media.clock.NanoClock;
import dev.facecast.server.metrics.ResourceSnapshot;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * How many sessions this process can take now, from what it measures.
 *
 * <p>Process CPU is modelled as a baseline (what the process spends with no sessions) plus
 * a marginal cost per session, each learnt from samples taken with no sessions (for the
 * baseline) or with sessions running (for the marginal cost). Capacity is what fits in the
 * CPU budget, capped by a hard maximum; while frames run late it does not grow at all.
 *
 * <p>Admission must not follow noise, so the model learns only from what describes a steady
 * load:
 * <ul>
 *   <li><b>warm-up</b>: for {@link #DEFAULT_WARM_UP} after start nothing is learnt and the
 *       priors hold. A fresh process compiles its hot paths, draws its first sprites and
 *       encodes its first key frames; read as load, that made one server refuse its third
 *       session three seconds after start, though it held 13 a few seconds later.</li>
 *   <li>intervals in which sessions joined or left are skipped (their start-up and teardown
 *       would make the next session look expensive).</li>
 *   <li><b>hysteresis</b>: each cost is a moving average fed with the median of its last
 *       {@link MedianAverage#WINDOW} samples, so a single noisy sample never reaches it and
 *       capacity falls only when two samples out of three say so; the priors hold until
 *       the window has filled. Frames running late mean full only after
 *       {@link #LATE_SAMPLES_TO_FULL} samples in a row.</li>
 * </ul>
 *
 * <p>Thread-safe: the sampler's thread calls {@link #learn} once a sample; request threads
 * ask {@link #estimate} and {@link #hasRoom}, which only read (no measurement, no allocation).
 */
final class Capacity {

    /** Before any measurement: about what one 720x480@15 session costs, and an idle process. */
    static final double PRIOR_CORES_PER_SESSION = 0.1;
    static final double PRIOR_BASELINE_CORES = 0.02;
    /** Weight of a new sample in the moving averages. */
    static final double SMOOTHING = 0.3;
    /** Late frames beyond this share of the last interval mean the process is full already. */
    static final double MAX_LATE_FRAME_RATIO = 0.05;
    /** Two intervals (10 s at the 5 s sampling interval): one late interval is start-up or a hiccup. */
    static final int LATE_SAMPLES_TO_FULL = 2;
    /**
     * Start-up noise on a fresh process settles within one or two 5 s sampling intervals;
     * 20 s is four of them, with margin. Meanwhile the priors hold: about ten sessions per
     * budgeted core (15 on two cores at the default 0.8 budget), still capped by the hard
     * maximum, and late frames do not count.
     */
    static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(20);

    private final int hardMaxSessions;
    private final double cpuBudgetCores;
    private final NanoClock clock;
    private final long learnFromNs;
    private final LongSupplier framesPushed;
    private final LongSupplier framesLate;
    private final IntSupplier sessions;
    private final MedianAverage baselineCores = new MedianAverage(PRIOR_BASELINE_CORES);
    private final MedianAverage coresPerSession = new MedianAverage(PRIOR_CORES_PER_SESSION);
    private long seenFramesPushed;
    private long seenFramesLate;
    private double lateFrameRatio;
    private int lateSamplesInRow;

    /**
     * @param warmUp       how long after now samples teach nothing ({@link #DEFAULT_WARM_UP})
     * @param framesPushed frames pushed so far, process-wide ({@code MediaTotals::framesPushed})
     * @param framesLate   of which late ({@code MediaTotals::framesLate})
     * @param sessions     sessions running now
     */
    Capacity(int hardMaxSessions, double cpuBudgetCores, Duration warmUp, NanoClock clock, LongSupplier framesPushed,
             LongSupplier framesLate, IntSupplier sessions) {
        this.hardMaxSessions = hardMaxSessions;
        this.cpuBudgetCores = cpuBudgetCores;
        this.clock = clock;
        this.learnFromNs = clock.nanoTime() + warmUp.toNanos();
        this.framesPushed = framesPushed;
        this.framesLate = framesLate;
        this.sessions = sessions;
    }

    /** Sessions this process should hold at most, now. */
    synchronized int estimate() {
        double coresForSessions = Math.max(0, cpuBudgetCores - baselineCores.value());
        int byCpu = (int) Math.floor(coresForSessions / coresPerSession.value());
        int capacity = Math.min(hardMaxSessions, Math.max(1, byCpu));
        if (lateSamplesInRow >= LATE_SAMPLES_TO_FULL) {
            capacity = Math.min(capacity, sessions.getAsInt());
        }
        return capacity;
    }

    boolean hasRoom() {
        return sessions.getAsInt() < estimate();
    }

    synchronized double coresPerSession() {
        return coresPerSession.value();
    }

    /** Share of frames late over the last sample's interval, warm-up included (for display). */
    synchronized double lateFrameRatio() {
        return lateFrameRatio;
    }

    /** Takes in one sample; the sampler calls this after each (on its own thread). */
    synchronized void learn(ResourceSnapshot snapshot) {
        long pushed = framesPushed.getAsLong();
        long late = framesLate.getAsLong();
        long pushedSince = pushed - seenFramesPushed;
        lateFrameRatio = pushedSince > 0 ? (double) (late - seenFramesLate) / pushedSince : 0;
        seenFramesPushed = pushed;
        seenFramesLate = late;
        if (clock.nanoTime() - learnFromNs < 0) {
            return; // warming up: the frame counts above are only moved past
        }
        lateSamplesInRow = lateFrameRatio > MAX_LATE_FRAME_RATIO ? lateSamplesInRow + 1 : 0;
        if (snapshot.processCores() > 0 && snapshot.sessionCount() != ResourceSnapshot.UNSTEADY) {
            if (snapshot.sessionCount() == 0) {
                baselineCores.add(snapshot.processCores());
            } else {
                double marginal = (snapshot.processCores() - baselineCores.value()) / snapshot.sessionCount();
                coresPerSession.add(Math.max(0.001, marginal));
            }
        }
    }

    /**
     * A moving average fed with the median of the last three samples: one outlier (a burst
     * of compilation, a key frame, a stalled core) is dropped whole, where an average alone
     * would carry a share of it for many samples. Until three samples came, the prior holds.
     * Not thread-safe: guarded by the enclosing capacity's lock.
     */
    private static final class MedianAverage {

        static final int WINDOW = 3;

        private final double[] window = new double[WINDOW];
        private int samples;
        private double value;

        MedianAverage(double prior) {
            value = prior;
        }

        void add(double sample) {
            window[samples % WINDOW] = sample;
            samples++;
            if (samples >= WINDOW) {
                value += SMOOTHING * (medianOfThree(window[0], window[1], window[2]) - value);
            }
        }

        double value() {
            return value;
        }

        private static double medianOfThree(double a, double b, double c) {
            return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
        }
    }
}
