package dev.facecast.avatar;

import dev.facecast.media.video.FramePool;
import dev.facecast.media.video.I420Frame;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The sync mark: on with the sound, and the onset's lead beside it for placing it within a frame. */
@Tag("unit")
class MarkPainterTest {

    private static final long MS = 1_000_000L;

    @Test
    void shouldShowTheMarkFromTheFirstLoudTickAndCarryHowLongAgoItBegan() {
        MarkPainter mark = new MarkPainter(new AvatarOptions.SyncMark(true, 0));
        tick(mark, 0, 0.0, 10);
        assertThat(mark.isOn()).isFalse();
        assertThat(mark.leadMs(100 * MS)).isZero();

        tick(mark, 100, 0.3, 3); // loud from 100 ms

        assertThat(mark.isOn()).isTrue();
        assertThat(mark.leadMs(120 * MS)).isEqualTo(20);
        assertThat(mark.leadMs(10_000 * MS)).as("clamped to what the square can carry").isEqualTo(MarkPainter.MAX_LEAD_MS);
    }

    @Test
    void shouldPlaceADelayedOnsetAtItsDelay() {
        MarkPainter mark = new MarkPainter(new AvatarOptions.SyncMark(true, 50));
        tick(mark, 0, 0.0, 10);
        tick(mark, 100, 0.3, 4); // loud from 100 ms: the mark should show it from 150 ms
        assertThat(mark.isOn()).isFalse();

        tick(mark, 140, 0.3, 2);

        assertThat(mark.isOn()).isTrue();
        assertThat(mark.leadMs(160 * MS)).isEqualTo(10);
    }

    @Test
    void shouldPaintTheMarkWhiteAndTheLeadAsLuma() {
        I420Frame frame = new FramePool(320, 240, 1).acquire();

        MarkPainter.paint(frame, true, 37);

        assertThat(frame.data()[5 * 320 + 5] & 0xff).isEqualTo(235);
        assertThat(frame.data()[5 * 320 + 40] & 0xff).isEqualTo(16 + 37);
        assertThat(frame.data()[40 * 320 + 5] & 0xff).as("below the squares, untouched").isZero();
    }

    /** {@code count} ticks of 10 ms at {@code rms}, the first played at {@code fromMs}. */
    private static void tick(MarkPainter mark, long fromMs, double rms, int count) {
        for (int i = 0; i < count; i++) {
            mark.onTick(rms, (fromMs + 10L * i) * MS);
        }
    }
}
