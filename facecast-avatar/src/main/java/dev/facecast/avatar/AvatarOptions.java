package dev.facecast.avatar;

import dev.facecast.media.audio.AudioFormat;

/**
 * What a session asks of its face.
 *
 * @param sessionId        for logs and thread names
 * @param width            picture width, pixels, even
 * @param height           picture height, pixels, even
 * @param sessionFormat    the session's own format ({@code --audio-rate}): a face that plays the speech itself takes
 *                         and gives it; a hosted face takes and gives its vendor's formats instead
 * @param seed             makes idle motion differ between sessions and repeat in tests
 * @param onBufferFullWait told each time pushing speech waited for room (back-pressure, counted by the caller)
 * @param syncMark         what to show for measuring A/V sync at a receiver; {@link SyncMark#OFF} normally
 */
public record AvatarOptions(String sessionId, int width, int height, AudioFormat sessionFormat, long seed,
                            Runnable onBufferFullWait, SyncMark syncMark) {

    /** The usual options: no sync mark. */
    public AvatarOptions(String sessionId, int width, int height, AudioFormat sessionFormat, long seed,
                         Runnable onBufferFullWait) {
        this(sessionId, width, height, sessionFormat, seed, onBufferFullWait, SyncMark.OFF);
    }

    /**
     * A square in the picture's top-left corner, white while the audio played {@code delayMs}
     * earlier was loud, else black: a receiver times it against the sound to measure A/V skew.
     * A grey square to its right carries how long before the frame's time the white began (luma
     * 16 + ms), so the receiver can place the onset within a frame interval.
     * A positive delay shows the picture late on purpose, to check that the measurement sees it.
     *
     * @param enabled whether the square is drawn
     * @param delayMs 0..{@value #MAX_DELAY_MS}
     */
    public record SyncMark(boolean enabled, int delayMs) {

        public static final SyncMark OFF = new SyncMark(false, 0);
        public static final int MAX_DELAY_MS = 1_000;
        /** Side of the square, pixels: two VP8 macroblocks, aligned to them, so the encoder keeps its edges sharp. */
        public static final int SIZE_PX = 32;
        /** The square's luma while the sound is quiet, and the lead square's at 0 ms: video black. */
        public static final int OFF_LUMA = 16;
        /** The square's luma while the sound is loud: video white. */
        public static final int ON_LUMA = 235;
        /** The largest lead the grey square can carry: one luma level a ms, 16..235. A frame interval at 5 fps is 200 ms. */
        public static final int MAX_LEAD_MS = ON_LUMA - OFF_LUMA;

        public SyncMark {
            checkDelayMs(delayMs);
        }

        public static int checkDelayMs(int delayMs) {
            if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
                throw new IllegalArgumentException("syncMarkDelayMs must be 0.." + MAX_DELAY_MS + ", not " + delayMs);
            }
            return delayMs;
        }
    }
}
