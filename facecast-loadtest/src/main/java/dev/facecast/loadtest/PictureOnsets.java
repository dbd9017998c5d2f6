package dev.facecast.loadtest;

import dev.facecast.avatar.AvatarOptions.SyncMark;

import java.nio.ByteBuffer;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Times the avatar's sync mark ({@link SyncMark}) as a receiver shows it, the way the page's
 * meter does (static/sync-meter.js). An onset is the first frame whose mark square is white.
 * That frame is on screen from its render time to the next frame's, and stands for its own
 * time at the middle of that; the grey square beside the mark says how long before the frame's
 * time the mark's onset fell, so the onset is seen at that middle less the lead. Without the
 * lead an onset reads anywhere within a frame interval late, wherever it fell between frames.
 *
 * <p>Threading: {@link #shown} on the one thread that delivers frames; {@link #onsetsNs} from any thread.
 */
final class PictureOnsets {

    /** Only the squares' insides are read: the encoder blurs their edges. */
    private static final int INSET_PX = 8;
    /** Halfway between the mark's black and white. */
    private static final double WHITE_ABOVE_LUMA = (SyncMark.OFF_LUMA + SyncMark.ON_LUMA) / 2.0;
    private static final long NONE = Long.MIN_VALUE;

    private final NavigableSet<Long> onsetsNs = new ConcurrentSkipListSet<>();
    private boolean markOn;
    /** An onset's frame, waiting for the next frame to end its time on screen: its render time and lead. */
    private long pendingRenderNs = NONE;
    private long pendingLeadNs;

    /**
     * Takes one decoded frame; reads two small squares of its luma plane, nothing else.
     *
     * @param lumaPlane the frame's Y plane, read at absolute positions (its position is left alone)
     * @param renderNs  when the frame is shown, {@link System#nanoTime()}
     */
    void shown(ByteBuffer lumaPlane, int strideY, long renderNs) {
        if (pendingRenderNs != NONE) {
            onsetsNs.add((pendingRenderNs + renderNs) / 2 - pendingLeadNs);
            pendingRenderNs = NONE;
        }
        boolean on = meanLuma(lumaPlane, strideY, 0) > WHITE_ABOVE_LUMA;
        if (on && !markOn) {
            double leadMs = Math.clamp(meanLuma(lumaPlane, strideY, SyncMark.SIZE_PX) - SyncMark.OFF_LUMA, 0,
                    SyncMark.MAX_LEAD_MS);
            pendingRenderNs = renderNs;
            pendingLeadNs = Math.round(leadMs * 1_000_000);
        }
        markOn = on;
    }

    /** Mean luma inside the square at the top of the picture, {@code leftPx} from its left edge. */
    private static double meanLuma(ByteBuffer lumaPlane, int strideY, int leftPx) {
        int sum = 0;
        int side = SyncMark.SIZE_PX - 2 * INSET_PX;
        for (int row = INSET_PX; row < INSET_PX + side; row++) {
            int start = row * strideY + leftPx + INSET_PX;
            for (int col = 0; col < side; col++) {
                sum += lumaPlane.get(start + col) & 0xff;
            }
        }
        return (double) sum / (side * side);
    }

    /** Every onset so far, in order, {@link System#nanoTime()}; a live view. */
    NavigableSet<Long> onsetsNs() {
        return onsetsNs;
    }
}
