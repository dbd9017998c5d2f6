package dev.facecast.media.video;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("unit")
class ChangedBlocksTest {

    @Test
    void shouldCoverPartialBlocksAtTheEdges() {
        ChangedBlocks blocks = new ChangedBlocks(100, 40);

        assertThat(blocks.columns()).isEqualTo(7);
        assertThat(blocks.rows()).isEqualTo(3);
    }

    @Test
    void shouldMarkEveryBlockARectangleTouches() {
        ChangedBlocks blocks = new ChangedBlocks(64, 64);

        blocks.markRect(15, 16, 2, 16);

        assertThat(blocks.changedCount()).isEqualTo(2);
        assertThat(blocks.isChanged(0, 1)).isTrue();
        assertThat(blocks.isChanged(1, 1)).isTrue();
        assertThat(blocks.isChanged(1, 2)).isFalse();
    }

    @Test
    void shouldIgnoreThePartOfARectangleOutsideThePicture() {
        ChangedBlocks blocks = new ChangedBlocks(32, 32);

        blocks.markRect(-10, 20, 100, 100);

        assertThat(blocks.changedCount()).isEqualTo(2);
        assertThat(blocks.isChanged(0, 1)).isTrue();
        assertThat(blocks.isChanged(1, 1)).isTrue();
    }

    @Test
    void shouldMarkBlocksWhereLumaOrChromaDiffer() {
        FramePool pool = new FramePool(64, 32, 2);
        I420Frame previous = pool.acquire();
        I420Frame current = pool.acquire();
        try {
            System.arraycopy(previous.data(), 0, current.data(), 0, previous.data().length);
            ChangedBlocks blocks = new ChangedBlocks(64, 32);
            blocks.markDifferences(previous, current);
            assertThat(blocks.changedCount()).isZero();

            current.data()[17 * 64 + 40]++;
            current.data()[current.offsetV() + 3 * 32 + 2]++;
            blocks.markDifferences(previous, current);

            assertThat(blocks.changedCount()).isEqualTo(2);
            assertThat(blocks.isChanged(2, 1)).isTrue();
            assertThat(blocks.isChanged(0, 0)).isTrue();
        } finally {
            previous.release();
            current.release();
        }
    }

    @Test
    void shouldClearAndMarkAll() {
        ChangedBlocks blocks = new ChangedBlocks(48, 48);

        blocks.markAll();
        assertThat(blocks.changedCount()).isEqualTo(9);
        blocks.clear();
        assertThat(blocks.changedCount()).isZero();
        assertThat(blocks.isChanged(4)).isFalse();
    }
}
