package dev.facecast.avatar;

import dev.facecast.media.video.FramePool;
import dev.facecast.media.video.I420Frame;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class AvatarRendererTest {

    private final AvatarRenderer renderer = new AvatarRenderer(SpriteSheet.forSize(720, 480));
    private final FramePool pool = new FramePool(720, 480, 4);

    @Test
    void shouldDrawADistinctMouthForEveryViseme() {
        Set<Integer> mouths = new HashSet<>();
        for (Viseme viseme : Viseme.values()) {
            mouths.add(Arrays.hashCode(render(new FacePose(viseme, EyeState.OPEN, 2))));
        }

        assertThat(mouths).hasSize(Viseme.values().length);
        assertThat(Viseme.values()).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void shouldDrawBlinksAndHeadMotion() {
        byte[] open = render(new FacePose(Viseme.REST, EyeState.OPEN, 2));

        assertThat(render(new FacePose(Viseme.REST, EyeState.CLOSED, 2))).isNotEqualTo(open);
        assertThat(render(new FacePose(Viseme.REST, EyeState.HALF, 2))).isNotEqualTo(open);
        assertThat(render(new FacePose(Viseme.REST, EyeState.OPEN, 0))).isNotEqualTo(open);
    }

    @Test
    void shouldDrawAFaceNotAFlatFrame() {
        byte[] frame = render(new FacePose(Viseme.AA, EyeState.OPEN, 2));
        Set<Byte> lumaLevels = new HashSet<>();
        for (int i = 0; i < 720 * 480; i += 97) {
            lumaLevels.add(frame[i]);
        }

        assertThat(lumaLevels).hasSizeGreaterThan(40);
    }

    @Test
    void shouldRefuseAFrameOfAnotherSize() {
        I420Frame small = new FramePool(320, 240, 1).acquire();
        try {
            assertThatThrownBy(() -> renderer.render(new FacePose(Viseme.REST, EyeState.OPEN, 0), small))
                    .hasMessageContaining("320x240");
        } finally {
            small.release();
        }
    }

    @Test
    void shouldRenderSmallAndLargeSizes() {
        for (int[] size : List.of(new int[]{160, 120}, new int[]{1280, 720})) {
            AvatarRenderer sized = new AvatarRenderer(SpriteSheet.forSize(size[0], size[1]));
            I420Frame frame = new FramePool(size[0], size[1], 1).acquire();
            try {
                for (int bob = 0; bob < sized.sheet().bobSteps(); bob++) {
                    sized.render(new FacePose(Viseme.OH, EyeState.CLOSED, bob), frame);
                }
            } finally {
                frame.release();
            }
        }
    }

    private byte[] render(FacePose pose) {
        I420Frame frame = pool.acquire();
        try {
            renderer.render(pose, frame);
            return frame.data().clone();
        } finally {
            frame.release();
        }
    }
}
