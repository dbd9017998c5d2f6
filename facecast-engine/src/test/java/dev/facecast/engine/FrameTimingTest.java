package dev.facecast.engine;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** When a frame leaves and what time it carries: the receiver's audio lag less half an interval, stamped inside its sync's band. */
@Tag("unit")
class FrameTimingTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long START_NS = 1_000_000 * MS;

    @Test
    void shouldHoldAFrameByTheReceiversAudioLagLessHalfAnInterval() {
        assertThat(heldAt(15)).isEqualTo(FrameTiming.RECEIVER_AUDIO_LAG_NS - 1_000 * MS / 15 / 2);
        assertThat(heldAt(30)).isEqualTo(FrameTiming.RECEIVER_AUDIO_LAG_NS - 1_000 * MS / 30 / 2);
    }

    @Test
    void shouldSendAtOnceWhenHalfAnIntervalIsLongerThanTheLag() {
        assertThat(heldAt(5)).as("a 200 ms frame").isZero();
    }

    @Test
    void shouldHoldTheFirstFrameAndOneAfterAPauseByTheWholeLag() {
        FrameTiming timing = new FrameTiming();
        timing.next(START_NS);
        assertThat(timing.sendNs() - START_NS).as("no interval yet").isEqualTo(FrameTiming.RECEIVER_AUDIO_LAG_NS);

        long afterPauseNs = START_NS + 3_000 * MS;
        timing.next(afterPauseNs);
        assertThat(timing.sendNs() - afterPauseNs).as("a 3 s gap is a pause, not a rate").isEqualTo(FrameTiming.RECEIVER_AUDIO_LAG_NS);
    }

    @Test
    void shouldStampEachFrameTheSyncMarginBeforeItLeaves() {
        FrameTiming timing = new FrameTiming();
        for (int i = 0; i < 3; i++) {
            timing.next(START_NS + i * 66 * MS);
            assertThat(timing.sendNs() - timing.stampNs()).isEqualTo(FrameTiming.RECEIVER_SYNC_MARGIN_NS);
        }
    }

    /** How long after it is drawn the third of a run of frames at {@code fps} leaves. */
    private static long heldAt(int fps) {
        FrameTiming timing = new FrameTiming();
        long frameNs = START_NS;
        for (int i = 0; i < 3; i++) {
            frameNs = START_NS + i * 1_000 * MS / fps;
            timing.next(frameNs);
        }
        return timing.sendNs() - frameNs;
    }
}
