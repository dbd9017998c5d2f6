package dev.facecast.server;

import dev.facecast.media.clock.ManualNanoClock;
import dev.facecast.server.metrics.ResourceSnapshot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** The capacity model on fed measurements and a manual clock: no threads, no sleeps. */
@Tag("unit")
class CapacityTest {

    private static final long SAMPLE_INTERVAL_MS = 5_000;
    /** What the priors allow on a 1.6 core budget. */
    private static final int PRIOR_CAPACITY = (int) Math.floor((1.6 - 0.02) / 0.1);

    private final ManualNanoClock clock = new ManualNanoClock(0);
    private final AtomicLong framesPushed = new AtomicLong();
    private final AtomicLong framesLate = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private final Capacity capacity = capacity(100, 1.6, Capacity.DEFAULT_WARM_UP);

    @Test
    void shouldStartFromThePriorCostPerSession() {
        assertThat(capacity.estimate()).isEqualTo(PRIOR_CAPACITY);
    }

    @Test
    void shouldLearnTheMarginalCostFromSteadyIntervals() {
        warmUp();
        for (int i = 0; i < 3; i++) {
            sample(0, 0.05);
        }
        for (int i = 0; i < 20; i++) {
            sample(10, 0.05 + 10 * 0.06);
        }

        assertThat(capacity.coresPerSession()).isCloseTo(0.06, offset(0.003));
        assertThat(capacity.estimate()).isBetween(24, 26);
    }

    @Test
    void shouldNotLearnFromAnIntervalWhoseSessionsChanged() {
        warmUp();
        for (int i = 0; i < 20; i++) {
            sample(16, 0.02 + 16 * 0.06);
        }
        int before = capacity.estimate();

        sample(ResourceSnapshot.UNSTEADY, 0.98); // sixteen sessions just ended
        active.set(1);

        assertThat(capacity.estimate()).isEqualTo(before);
    }

    @Test
    void shouldNeverExceedTheHardMaximum() {
        Capacity small = capacity(3, 16, Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            clock.advanceMs(SAMPLE_INTERVAL_MS);
            small.learn(snapshot(2, 0.01));
        }

        assertThat(small.estimate()).isEqualTo(3);
    }

    @Test
    void shouldKeepThePriorsThroughTheWarmUp() {
        active.set(2);
        // what a fresh process looked like: two sessions in its first seconds, compiling,
        // drawing sprites and encoding first key frames, frames running late
        for (int i = 0; i < 3; i++) { // at 5, 10 and 15 s: enough to fill every window
            frames(75, 30);
            sample(2, 1.4);
        }

        assertThat(capacity.estimate()).isEqualTo(PRIOR_CAPACITY);
        assertThat(capacity.hasRoom()).isTrue();
    }

    @Test
    void shouldLearnOnceTheWarmUpIsOver() {
        warmUp();
        for (int i = 0; i < 3; i++) {
            sample(2, 0.02 + 2 * 0.4);
        }

        assertThat(capacity.estimate()).isLessThan(PRIOR_CAPACITY);
    }

    @Test
    void shouldTakeTheWarmUpItIsGiven() {
        Capacity eager = capacity(100, 1.6, Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            clock.advanceMs(SAMPLE_INTERVAL_MS);
            eager.learn(snapshot(2, 0.02 + 2 * 0.4));
        }

        assertThat(eager.estimate()).isLessThan(PRIOR_CAPACITY);
    }

    @Test
    void shouldKeepThePriorUntilThreeSteadySamplesWithSessions() {
        warmUp();
        sample(2, 0.02 + 2 * 0.4);
        sample(2, 0.02 + 2 * 0.4);

        assertThat(capacity.estimate()).isEqualTo(PRIOR_CAPACITY);

        sample(2, 0.02 + 2 * 0.4);

        assertThat(capacity.estimate()).isLessThan(PRIOR_CAPACITY);
    }

    @Test
    void shouldNotFallOnOneNoisySample() {
        learnSteadyCost();
        int before = capacity.estimate();

        sample(2, 0.02 + 2 * 0.8); // a burst: a key frame storm, a stalled core

        assertThat(capacity.estimate()).isEqualTo(before);
    }

    @Test
    void shouldFallWhenTwoSamplesOutOfThreeSaySo() {
        learnSteadyCost();
        int before = capacity.estimate();

        sample(2, 0.02 + 2 * 0.8);
        sample(2, 0.02 + 2 * 0.06);
        sample(2, 0.02 + 2 * 0.8);

        assertThat(capacity.estimate()).isLessThan(before);
    }

    @Test
    void shouldNotCallItFullOnOneLateInterval() {
        learnSteadyCost();
        active.set(2);

        frames(75, 30);
        sample(2, 0.14);

        assertThat(capacity.lateFrameRatio()).isGreaterThan(Capacity.MAX_LATE_FRAME_RATIO);
        assertThat(capacity.estimate()).isGreaterThan(2);
        assertThat(capacity.hasRoom()).isTrue();
    }

    @Test
    void shouldHoldAtTheCurrentCountWhileFramesRunLateInARow() {
        learnSteadyCost();
        active.set(2);

        frames(75, 30);
        sample(2, 0.14);
        frames(75, 30);
        sample(2, 0.14);

        assertThat(capacity.estimate()).isEqualTo(2);
        assertThat(capacity.hasRoom()).isFalse();
    }

    @Test
    void shouldGrowAgainOnceFramesAreOnTime() {
        learnSteadyCost();
        active.set(2);
        frames(75, 30);
        sample(2, 0.14);
        frames(75, 30);
        sample(2, 0.14);

        frames(150, 0);
        sample(2, 0.14);

        assertThat(capacity.estimate()).isGreaterThan(2);
    }

    private Capacity capacity(int hardMaxSessions, double cpuBudgetCores, Duration warmUp) {
        return new Capacity(hardMaxSessions, cpuBudgetCores, warmUp, clock, framesPushed::get, framesLate::get, active::get);
    }

    private void warmUp() {
        clock.advanceNs(Capacity.DEFAULT_WARM_UP.toNanos() - SAMPLE_INTERVAL_MS * 1_000_000);
    }

    /** Past the warm-up, two sessions at 0.06 cores each, frames on time. */
    private void learnSteadyCost() {
        warmUp();
        for (int i = 0; i < 20; i++) {
            frames(150, 0);
            sample(2, 0.02 + 2 * 0.06);
        }
    }

    private void frames(long pushed, long late) {
        framesPushed.addAndGet(pushed);
        framesLate.addAndGet(late);
    }

    /** One sampling interval passes and the sampler reports it. */
    private void sample(int sessions, double processCores) {
        clock.advanceMs(SAMPLE_INTERVAL_MS);
        capacity.learn(snapshot(sessions, processCores));
    }

    private static ResourceSnapshot snapshot(int sessions, double processCores) {
        return new ResourceSnapshot(sessions, processCores, Map.of(), Map.of(), 0, 0);
    }
}
