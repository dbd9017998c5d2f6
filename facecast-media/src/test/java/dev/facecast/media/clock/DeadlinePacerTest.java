package dev.facecast.media.clock;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class DeadlinePacerTest {

    private static final long PERIOD_NS = 66_666_667L;

    @Test
    void shouldScheduleTicksAtAnchorPlusIndexTimesPeriod() {
        DeadlinePacer pacer = new DeadlinePacer(PERIOD_NS, 10 * PERIOD_NS);
        pacer.start(1_000);

        pacer.tick(1_000);
        pacer.tick(1_000 + PERIOD_NS + 5_000_000); // 5 ms late
        pacer.tick(1_000 + 2 * PERIOD_NS);

        assertThat(pacer.nextDeadlineNs()).isEqualTo(1_000 + 3 * PERIOD_NS);
    }

    @Test
    void shouldNotAccumulateSkewFromLateTicks() {
        ManualNanoClock clock = new ManualNanoClock(0);
        DeadlinePacer pacer = new DeadlinePacer(10_000_000, 1_000_000_000);
        pacer.start(clock.nanoTime());
        int ticks = 0;
        while (clock.nanoTime() < 1_000_000_000L) {
            if (pacer.isDue(clock.nanoTime())) {
                pacer.tick(clock.nanoTime());
                ticks++;
            }
            clock.advanceNs(3_000_000); // a coarse loop, always a little late
        }

        assertThat(ticks).isEqualTo(100);
    }

    @Test
    void shouldReanchorAndCountWhenFarBehind() {
        DeadlinePacer pacer = new DeadlinePacer(PERIOD_NS, 2 * PERIOD_NS);
        pacer.start(0);
        pacer.tick(0);

        long latenessNs = pacer.tick(PERIOD_NS + 5 * PERIOD_NS);

        assertThat(latenessNs).isEqualTo(5 * PERIOD_NS);
        assertThat(pacer.reanchorCount()).isEqualTo(1);
        assertThat(pacer.nextDeadlineNs()).isEqualTo(7 * PERIOD_NS);
    }

    @Test
    void shouldApplyANewPeriodFromTheNextDeadline() {
        DeadlinePacer pacer = new DeadlinePacer(100, 1_000);
        pacer.start(0);
        pacer.tick(0);
        pacer.tick(100);

        pacer.setPeriodNs(40);
        pacer.tick(200);

        assertThat(pacer.nextDeadlineNs()).isEqualTo(240);
        assertThat(pacer.periodNs()).isEqualTo(40);
    }
}
