package dev.facecast.media.video;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class FramePoolTest {

    @Test
    void shouldReuseReleasedFrames() {
        FramePool pool = new FramePool(64, 48, 4);

        I420Frame first = pool.acquire();
        first.release();
        I420Frame second = pool.acquire();
        second.release();

        assertThat(second).isSameAs(first);
        assertThat(pool.allocated()).isEqualTo(1);
        assertThat(pool.outstanding()).isZero();
    }

    @Test
    void shouldCountFramesNotReleasedAsOutstanding() {
        FramePool pool = new FramePool(64, 48, 4);
        I420Frame held = pool.acquire();
        held.retain();
        held.release();

        assertThat(pool.outstanding()).isEqualTo(1);
        held.release();
        assertThat(pool.outstanding()).isZero();
    }

    @Test
    void shouldRejectDoubleReleaseAndOddSizes() {
        FramePool pool = new FramePool(64, 48, 4);
        I420Frame frame = pool.acquire();
        frame.release();

        assertThatThrownBy(frame::release).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new FramePool(63, 48, 1)).hasMessageContaining("even");
    }

    @Test
    void shouldLayOutPlanesForI420() {
        I420Frame frame = new FramePool(720, 480, 1).acquire();

        assertThat(frame.data()).hasSize(720 * 480 * 3 / 2);
        assertThat(frame.offsetU()).isEqualTo(720 * 480);
        assertThat(frame.offsetV()).isEqualTo(720 * 480 + 360 * 240);
        frame.release();
    }
}
