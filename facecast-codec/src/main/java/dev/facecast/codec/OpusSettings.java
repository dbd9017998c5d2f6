package dev.facecast.codec;

/**
 * How an {@link OpusEncoder} codes: mono speech in 20 ms frames (WebRTC's default packet).
 *
 * @param sampleRateHz 16000, 24000 or 48000: the PCM rate given and decoded
 * @param bitrateBps   6 kbps to 510 kbps (Opus's range)
 * @param inbandFec    redundant low-rate copies of the previous frame in each packet; off by
 *                     default, because it spends bits on every packet and helps only where the
 *                     receiver asked for it and losses are reported (neither exists yet)
 * @param dtx          send almost nothing in silence; off by default, because gaps between
 *                     sentences would stop the packet stream that lip sync and the receiver's
 *                     jitter buffer time themselves by
 */
public record OpusSettings(int sampleRateHz, int bitrateBps, boolean inbandFec, boolean dtx) {

    public static final int FRAME_MS = 20;

    public OpusSettings {
        if (sampleRateHz != 16_000 && sampleRateHz != 24_000 && sampleRateHz != 48_000) {
            throw new IllegalArgumentException("Opus here takes 16, 24 or 48 kHz, not " + sampleRateHz + " Hz");
        }
        if (bitrateBps < 6_000 || bitrateBps > 510_000) {
            throw new IllegalArgumentException("bitrate must be 6..510 kbps, not " + bitrateBps + " bps");
        }
    }

    /** Mono speech at {@code sampleRateHz}, FEC and DTX off. */
    public static OpusSettings voice(int sampleRateHz, int bitrateBps) {
        return new OpusSettings(sampleRateHz, bitrateBps, false, false);
    }

    /** Samples in one 20 ms frame. */
    public int frameSamples() {
        return sampleRateHz * FRAME_MS / 1000;
    }
}
