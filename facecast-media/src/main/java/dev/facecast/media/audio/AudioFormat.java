package dev.facecast.media.audio;

/**
 * Signed 16-bit little-endian PCM at a sample rate and channel count. Samples of several
 * channels are interleaved. Immutable and safe to share across threads.
 *
 * @param sampleRateHz samples per second per channel, {@value #MIN_SAMPLE_RATE_HZ}..{@value #MAX_SAMPLE_RATE_HZ}
 * @param channels     1 or 2
 */
public record AudioFormat(int sampleRateHz, int channels) {

    public static final int MIN_SAMPLE_RATE_HZ = 8_000;
    public static final int MAX_SAMPLE_RATE_HZ = 192_000;
    public static final int BYTES_PER_SAMPLE = 2;

    public AudioFormat {
        if (sampleRateHz < MIN_SAMPLE_RATE_HZ || sampleRateHz > MAX_SAMPLE_RATE_HZ) {
            throw new IllegalArgumentException("sample rate " + sampleRateHz + " Hz is outside "
                    + MIN_SAMPLE_RATE_HZ + ".." + MAX_SAMPLE_RATE_HZ + " Hz");
        }
        if (channels < 1 || channels > 2) {
            throw new IllegalArgumentException("channels must be 1 or 2, not " + channels);
        }
    }

    public static AudioFormat mono(int sampleRateHz) {
        return new AudioFormat(sampleRateHz, 1);
    }

    /** Frames (one sample per channel) in {@code durationMs} of audio, rounded down. */
    public int framesIn(long durationMs) {
        return Math.toIntExact(durationMs * sampleRateHz / 1000);
    }

    /** Duration of {@code frames} frames, in microseconds, rounded down. */
    public long durationUs(long frames) {
        return frames * 1_000_000L / sampleRateHz;
    }

    @Override
    public String toString() {
        return sampleRateHz + " Hz " + (channels == 1 ? "mono" : "stereo") + " s16";
    }
}
