package dev.facecast.codec;

/**
 * How a {@link Vp8Encoder} codes: picture size, frame rate, CBR target, keyframe distance and
 * the two knobs that decide its CPU cost.
 *
 * @param widthPx                 even, at most 16383 (VP8's 14-bit size fields)
 * @param heightPx                even, at most 16383
 * @param fps                     the rate frames are given at; rate control assumes it
 * @param targetBitrateBps        the CBR target, 10 kbps to 50 Mbps
 * @param keyframeIntervalFrames  the most frames between keyframes (libvpx may place one
 *                                sooner, and {@link Vp8Encoder#encode} can force one)
 * @param cpuUsed                 VP8E_SET_CPUUSED, -16 to 16: larger magnitudes are faster and
 *                                coarser; negative values are libvpx's real-time speeds
 * @param staticThreshold         VP8E_SET_STATIC_THRESHOLD, 0 or more: a macroblock whose
 *                                difference from the last frame is below it is skipped
 */
public record Vp8Settings(int widthPx, int heightPx, int fps, int targetBitrateBps,
                          int keyframeIntervalFrames, int cpuUsed, int staticThreshold) {

    private static final int MAX_DIMENSION_PX = 16383;

    public Vp8Settings {
        if (widthPx <= 0 || heightPx <= 0 || widthPx % 2 != 0 || heightPx % 2 != 0
                || widthPx > MAX_DIMENSION_PX || heightPx > MAX_DIMENSION_PX) {
            throw new IllegalArgumentException("picture size must be even and 2..16382 px, not " + widthPx + "x" + heightPx);
        }
        if (fps < 1 || fps > 120) {
            throw new IllegalArgumentException("fps must be 1..120, not " + fps);
        }
        if (targetBitrateBps < 10_000 || targetBitrateBps > 50_000_000) {
            throw new IllegalArgumentException("target bitrate must be 10 kbps..50 Mbps, not " + targetBitrateBps + " bps");
        }
        if (keyframeIntervalFrames < 1) {
            throw new IllegalArgumentException("keyframe interval must be at least 1 frame, not " + keyframeIntervalFrames);
        }
        if (cpuUsed < -16 || cpuUsed > 16) {
            throw new IllegalArgumentException("cpuUsed must be -16..16, not " + cpuUsed);
        }
        if (staticThreshold < 0) {
            throw new IllegalArgumentException("static threshold must not be negative, not " + staticThreshold);
        }
    }

    /**
     * What libwebrtc uses for VP8 on x86 (speed -6, static threshold 1): the baseline to
     * compare against. Keyframes every 10 s.
     */
    public static Vp8Settings libwebrtcLike(int widthPx, int heightPx, int fps, int targetBitrateBps) {
        return new Vp8Settings(widthPx, heightPx, fps, targetBitrateBps, 10 * fps, -6, 1);
    }

    /**
     * For a rendered avatar, whose background never moves: the fastest real-time speed, and
     * a static threshold that skips blocks with no visible change (about half libwebrtc's CPU
     * at the same PSNR on our avatar). Keyframes every 10 s.
     */
    public static Vp8Settings avatar(int widthPx, int heightPx, int fps, int targetBitrateBps) {
        return new Vp8Settings(widthPx, heightPx, fps, targetBitrateBps, 10 * fps, -16, 100);
    }

    public int macroblockColumns() {
        return (widthPx + 15) / 16;
    }

    public int macroblockRows() {
        return (heightPx + 15) / 16;
    }

    /**
     * A buffer size no coded frame of these settings exceeds in practice: the raw I420
     * picture. A frame that does not fit is an error, not a silent truncation.
     */
    public int maxFrameBytes() {
        return widthPx * heightPx * 3 / 2;
    }
}
