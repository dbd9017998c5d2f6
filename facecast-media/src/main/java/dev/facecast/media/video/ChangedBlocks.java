package dev.facecast.media.video;

import java.util.Arrays;

/**
 * Which 16x16 blocks of a picture changed since the previous one, row by row: what a
 * renderer knows about its own drawing and a video encoder can use to code only those
 * blocks (16x16 is a VP8/H.264 macroblock; the last column and row may be partial).
 *
 * <p>Not thread-safe: one producer fills it, then hands it to one consumer.
 */
public final class ChangedBlocks {

    public static final int BLOCK_PX = 16;

    private final int widthPx;
    private final int heightPx;
    private final int columns;
    private final int rows;
    private final boolean[] changed;
    private int changedCount;

    public ChangedBlocks(int widthPx, int heightPx) {
        if (widthPx <= 0 || heightPx <= 0) {
            throw new IllegalArgumentException("picture size must be positive, not " + widthPx + "x" + heightPx);
        }
        this.widthPx = widthPx;
        this.heightPx = heightPx;
        this.columns = (widthPx + BLOCK_PX - 1) / BLOCK_PX;
        this.rows = (heightPx + BLOCK_PX - 1) / BLOCK_PX;
        this.changed = new boolean[columns * rows];
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    /** Whether block {@code index} ({@code row * columns + column}) changed. */
    public boolean isChanged(int index) {
        return changed[index];
    }

    public boolean isChanged(int column, int row) {
        return changed[row * columns + column];
    }

    public int changedCount() {
        return changedCount;
    }

    public void clear() {
        Arrays.fill(changed, false);
        changedCount = 0;
    }

    public void markAll() {
        Arrays.fill(changed, true);
        changedCount = changed.length;
    }

    /** Marks every block that a rectangle of pixels touches; the part outside the picture is ignored. */
    public void markRect(int xPx, int yPx, int rectWidthPx, int rectHeightPx) {
        int left = Math.max(0, xPx);
        int top = Math.max(0, yPx);
        int right = Math.min(widthPx, xPx + rectWidthPx);
        int bottom = Math.min(heightPx, yPx + rectHeightPx);
        for (int row = top / BLOCK_PX; row * BLOCK_PX < bottom; row++) {
            for (int column = left / BLOCK_PX; column * BLOCK_PX < right; column++) {
                mark(row * columns + column);
            }
        }
    }

    /**
     * Marks the blocks where two frames of this size differ in any Y, U or V sample (chroma
     * blocks are 8x8). For callers that do not know what they drew; a renderer that does can
     * mark its patches and skip this pass over both frames.
     */
    public void markDifferences(I420Frame previous, I420Frame current) {
        checkSize(previous);
        checkSize(current);
        markPlaneDifferences(previous.data(), current.data(), 0, widthPx, heightPx, BLOCK_PX);
        int chromaWidth = widthPx / 2;
        int chromaHeight = heightPx / 2;
        markPlaneDifferences(previous.data(), current.data(), current.offsetU(), chromaWidth, chromaHeight, BLOCK_PX / 2);
        markPlaneDifferences(previous.data(), current.data(), current.offsetV(), chromaWidth, chromaHeight, BLOCK_PX / 2);
    }

    private void checkSize(I420Frame frame) {
        if (frame.width() != widthPx || frame.height() != heightPx) {
            throw new IllegalArgumentException("frame is " + frame.width() + "x" + frame.height()
                    + ", blocks are for " + widthPx + "x" + heightPx);
        }
    }

    private void markPlaneDifferences(byte[] a, byte[] b, int planeOffset, int planeWidth, int planeHeight, int blockPx) {
        for (int y = 0; y < planeHeight; y++) {
            int rowBase = (y / blockPx) * columns;
            int lineStart = planeOffset + y * planeWidth;
            for (int column = 0; column < columns; column++) {
                if (changed[rowBase + column]) {
                    continue;
                }
                int from = lineStart + column * blockPx;
                int to = lineStart + Math.min(planeWidth, (column + 1) * blockPx);
                if (Arrays.mismatch(a, from, to, b, from, to) >= 0) {
                    mark(rowBase + column);
                }
            }
        }
    }

    private void mark(int index) {
        if (!changed[index]) {
            changed[index] = true;
            changedCount++;
        }
    }
}
