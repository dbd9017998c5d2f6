package dev.facecast.loadtest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class SyncProbingTest {

    @Test
    void shouldFillTheWindowWithBurstsThatEndASecondBeforeIt() {
        // 64 bursts 610 ms apart: the last starts at 38.43 s and ends at 38.63 s.
        assertThat(SyncProbing.burstsPerProbe(40)).containsExactly(64);
        assertThat(SyncProbing.burstsPerProbe(1.2)).containsExactly(1);
        assertThat(SyncProbing.burstsPerProbe(1.1)).isEmpty();
    }

    @Test
    void shouldSplitALongWindowIntoProbesOfAtMostAMinute() {
        assertThat(SyncProbing.burstsPerProbe(120)).containsExactly(98, 97);
    }
}
