package dev.facecast.server;

import dev.facecast.server.metrics.ResourceSnapshot;
import dev.facecast.session.MediaTotals;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The capacity model on fed measurements: no clock, no threads. */
class CapacityTest {

    private final AtomicReference<ResourceSnapshot> snapshot = new AtomicReference<>(ResourceSnapshot.EMPTY);
    private final AtomicInteger active = new AtomicInteger();
    private final Capacity capacity = new Capacity(100, 1.6, snapshot::get, new MediaTotals(), active::get);

    @Test
    void shouldStartFromThePriorCostPerSession() {
        assertThat(capacity.estimate()).isEqualTo((int) Math.floor((1.6 - 0.02) / 0.1));
    }

    @Test
    void shouldLearnTheMarginalCostFromSteadyIntervals() {
        measure(0, 0.05);
        for (int i = 0; i < 20; i++) {
            measure(10, 0.05 + 10 * 0.06);
        }

        assertThat(capacity.coresPerSession()).isCloseTo(0.06, org.assertj.core.data.Offset.offset(0.003));
        assertThat(capacity.estimate()).isBetween(24, 26);
    }

    @Test
    void shouldNotLearnFromAnIntervalWhoseSessionsChanged() {
        for (int i = 0; i < 20; i++) {
            measure(16, 0.02 + 16 * 0.06);
        }
        int before = capacity.estimate();

        measure(ResourceSnapshot.UNSTEADY, 0.98); // sixteen sessions just ended
        active.set(1);

        assertThat(capacity.estimate()).isEqualTo(before);
    }

    @Test
    void shouldNeverExceedTheHardMaximum() {
        Capacity small = new Capacity(3, 16, snapshot::get, new MediaTotals(), active::get);
        measure(2, 0.01);

        assertThat(small.estimate()).isEqualTo(3);
    }

    private void measure(int sessions, double processCores) {
        snapshot.set(new ResourceSnapshot(sessions, processCores, Map.of(), Map.of(), 0, 0));
        capacity.estimate();
    }
}
