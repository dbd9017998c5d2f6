package dev.facecast.avatar;

import dev.facecast.media.video.I420Frame;

/**
 * Paints the sync mark ({@link AvatarOptions.SyncMark}): remembers whether each 10 ms tick
 * played was loud, and fills the top-left square white when the tick {@code delayMs} ago was.
 * Allocation-free after construction. Not thread-safe: the media thread owns it.
 */
final class MarkPainter {

    /** Louder than this (share of full scale) counts as sound: far above silence, far below a beep. */
    static final double LOUD_RMS = 0.05;
    private static final byte WHITE_Y = (byte) 235;
    private static final byte BLACK_Y = (byte) 16;
    private static final byte NEUTRAL_CHROMA = (byte) 128;

    private final boolean[] loudTicks;
    private int newest;

    MarkPainter(AvatarOptions.SyncMark mark) {
        this.loudTicks = new boolean[mark.delayMs() / 10 + 1];
    }

    /** Records the tick just played. */
    void onTick(double rmsLevel) {
        newest = (newest + 1) % loudTicks.length;
        loudTicks[newest] = rmsLevel >= LOUD_RMS;
    }

    /** Whether the mark shows now: the oldest tick kept is the one {@code delayMs} ago. */
    boolean isOn() {
        return loudTicks[(newest + 1) % loudTicks.length];
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
