package dev.facecast.avatar;

import dev.facecast.media.video.I420Frame;

/**
 * Paints the sync mark ({@link AvatarOptions.SyncMark}): remembers whether each 10 ms tick
 * played was loud, and fills the top-left square white when the tick {@code delayMs} ago was.
 * Allocation-free after construction. Not thread-safe: the media thread owns it, apart from
 * {@link #delayBy}, which any thread may call.
 */
final class MarkPainter {

    /** Louder than this (share of full scale) counts as sound: far above silence, far below a beep. */
    static final double LOUD_RMS = 0.05;
    private static final byte WHITE_Y = (byte) 235;
    private static final byte BLACK_Y = (byte) 16;
    private static final byte NEUTRAL_CHROMA = (byte) 128;

    /** Every tick back to the longest delay. */
    private final boolean[] loudTicks = new boolean[AvatarOptions.SyncMark.MAX_DELAY_MS / 10 + 1];
    private int newest;
    private volatile int delayTicks;

    MarkPainter(AvatarOptions.SyncMark mark) {
        delayBy(mark.delayMs());
    }

    /** From the next frame on, the mark follows the sound {@code delayMs} late (rounded to 10 ms). */
    void delayBy(int delayMs) {
        delayTicks = new AvatarOptions.SyncMark(true, delayMs).delayMs() / 10;
    }

    /** Records the tick just played. */
    void onTick(double rmsLevel) {
        newest = (newest + 1) % loudTicks.length;
        loudTicks[newest] = rmsLevel >= LOUD_RMS;
    }

    /** Whether the mark shows now: whether the tick played the delay ago was loud. */
    boolean isOn() {
        return loudTicks[Math.floorMod(newest - delayTicks, loudTicks.length)];
    }

    static void paint(I420Frame frame, boolean on) {
        int size = AvatarOptions.SyncMark.SIZE_PX;
        byte[] data = frame.data();
        for (int row = 0; row < size; row++) {
            java.util.Arrays.fill(data, row * frame.width(), row * frame.width() + size, on ? WHITE_Y : BLACK_Y);
        }
        int chromaWidth = frame.width() / 2;
        for (int row = 0; row < size / 2; row++) {
            java.util.Arrays.fill(data, frame.offsetU() + row * chromaWidth, frame.offsetU() + row * chromaWidth + size / 2, NEUTRAL_CHROMA);
            java.util.Arrays.fill(data, frame.offsetV() + row * chromaWidth, frame.offsetV() + row * chromaWidth + size / 2, NEUTRAL_CHROMA);
        }
    }
}
