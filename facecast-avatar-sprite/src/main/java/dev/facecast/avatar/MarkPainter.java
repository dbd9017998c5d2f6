package dev.facecast.avatar;

import dev.facecast.media.video.I420Frame;

import java.util.Arrays;

/**
 * Paints the sync mark ({@link AvatarOptions.SyncMark}): remembers whether each 10 ms tick
 * played was loud and when it was played, and fills the top-left square white when the tick
 * {@code delayMs} ago was.
 *
 * <p>Beside the mark, a second square tells a receiver where in time the mark's onset fell:
 * its luma is 16 plus the milliseconds from the onset to the frame's time (clamped to
 * {@value #MAX_LEAD_MS}). A frame can only show an onset at the frame after it, up to a whole
 * frame interval late; with the lead, a receiver places the onset within the frame and reads
 * the sync itself rather than where the onset happened to fall between frames.
 *
 * <p>Allocation-free after construction. Not thread-safe: the media thread owns it, apart from
 * {@link #delayBy}, which any thread may call.
 */
final class MarkPainter {

    /** Louder than this (share of full scale) counts as sound: far above silence, far below a beep. */
    static final double LOUD_RMS = 0.05;
    static final int MAX_LEAD_MS = AvatarOptions.SyncMark.MAX_LEAD_MS;
    private static final int BLACK_Y = AvatarOptions.SyncMark.OFF_LUMA;
    private static final int WHITE_Y = AvatarOptions.SyncMark.ON_LUMA;
    private static final byte NEUTRAL_CHROMA = (byte) 128;
    private static final long TICK_NS = 10_000_000L;

    /** Every tick back to the longest delay. */
    private final boolean[] loudTicks = new boolean[AvatarOptions.SyncMark.MAX_DELAY_MS / 10 + 2];
    /** When each of those ticks was played, media time in ns. */
    private final long[] tickNs = new long[loudTicks.length];
    private int newest;
    private volatile int delayTicks;
    /** When the mark's latest onset should be seen (its tick's time plus the delay); valid while it is on. */
    private long onsetNs;

    MarkPainter(AvatarOptions.SyncMark mark) {
        delayBy(mark.delayMs());
    }

    /** From the next frame on, the mark follows the sound {@code delayMs} late (rounded to 10 ms). */
    void delayBy(int delayMs) {
        delayTicks = new AvatarOptions.SyncMark(true, delayMs).delayMs() / 10;
    }

    /** Records the tick just played at media time {@code playedNs}. */
    void onTick(double rmsLevel, long playedNs) {
        newest = (newest + 1) % loudTicks.length;
        loudTicks[newest] = rmsLevel >= LOUD_RMS;
        tickNs[newest] = playedNs;
        int delay = delayTicks;
        int shown = Math.floorMod(newest - delay, loudTicks.length);
        if (loudTicks[shown] && !loudTicks[Math.floorMod(shown - 1, loudTicks.length)]) {
            onsetNs = tickNs[shown] + delay * TICK_NS;
        }
    }

    /** Whether the mark shows now: whether the tick played the delay ago was loud. */
    boolean isOn() {
        return loudTicks[Math.floorMod(newest - delayTicks, loudTicks.length)];
    }

    /** How long before {@code frameNs} the mark's onset fell, ms, for the second square; 0 while it is off. */
    int leadMs(long frameNs) {
        if (!isOn()) {
            return 0;
        }
        return (int) Math.clamp((frameNs - onsetNs) / 1_000_000L, 0, MAX_LEAD_MS);
    }

    /** The mark, on or off, and the lead beside it. */
    static void paint(I420Frame frame, boolean on, int leadMs) {
        int size = AvatarOptions.SyncMark.SIZE_PX;
        fillSquare(frame, 0, (byte) (on ? WHITE_Y : BLACK_Y));
        fillSquare(frame, size, (byte) (BLACK_Y + Math.clamp(leadMs, 0, MAX_LEAD_MS)));
    }

    /** A grey square of side {@link AvatarOptions.SyncMark#SIZE_PX} at the top, {@code leftPx} from the left. */
    private static void fillSquare(I420Frame frame, int leftPx, byte luma) {
        int size = AvatarOptions.SyncMark.SIZE_PX;
        byte[] data = frame.data();
        for (int row = 0; row < size; row++) {
            int start = row * frame.width() + leftPx;
            Arrays.fill(data, start, start + size, luma);
        }
        int chromaWidth = frame.width() / 2;
        for (int row = 0; row < size / 2; row++) {
            int start = row * chromaWidth + leftPx / 2;
            Arrays.fill(data, frame.offsetU() + start, frame.offsetU() + start + size / 2, NEUTRAL_CHROMA);
            Arrays.fill(data, frame.offsetV() + start, frame.offsetV() + start + size / 2, NEUTRAL_CHROMA);
        }
    }
}
