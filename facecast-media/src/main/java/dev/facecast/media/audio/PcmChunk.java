package dev.facecast.media.audio;

import java.util.Arrays;

/**
 * A run of interleaved 16-bit samples in one {@link AudioFormat}.
 *
 * <p>Ownership: a chunk is immutable once handed to another stage. The stage that creates it
 * fills {@code samples} first and never writes to it afterwards, so a chunk can be passed
 * along (or passed through a matching-format {@link Resampler}) without a copy.
 */
public final class PcmChunk {

    private final AudioFormat format;
    private final short[] samples;
    private final int frames;

    /**
     * @param samples interleaved samples; the first {@code frames * channels} are used and
     *                ownership passes to the chunk
     */
    public PcmChunk(AudioFormat format, short[] samples, int frames) {
        if (frames < 0 || (long) frames * format.channels() > samples.length) {
            throw new IllegalArgumentException(frames + " frames do not fit in " + samples.length + " samples");
        }
        this.format = format;
        this.samples = samples;
        this.frames = frames;
    }

    public static PcmChunk silence(AudioFormat format, int frames) {
        // Checked before allocating: a negative or overflowing size failed as a
        // NegativeArraySizeException, not as the constructor's IllegalArgumentException (found by fuzzing).
        if (frames < 0 || (long) frames * format.channels() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(frames + " frames of " + format + " cannot be held in one chunk");
        }
        return new PcmChunk(format, new short[frames * format.channels()], frames);
    }

    public static PcmChunk empty(AudioFormat format) {
        return new PcmChunk(format, new short[0], 0);
    }

    public AudioFormat format() {
        return format;
    }

    /** The backing array; read-only by contract. Valid samples: {@code [0, frames * channels)}. */
    public short[] samples() {
        return samples;
    }

    public int frames() {
        return frames;
    }

    public int sampleCount() {
        return frames * format.channels();
    }

    public boolean isEmpty() {
        return frames == 0;
    }

    public long durationUs() {
        return format.durationUs(frames);
    }

    /** A copy of the valid samples, for tests and tools. */
    public short[] toArray() {
        return Arrays.copyOf(samples, sampleCount());
    }

    /** This chunk as one channel, averaging the channels; itself when it is mono already. */
    public PcmChunk toMono() {
        int channels = format.channels();
        if (channels == 1) {
            return this;
        }
        short[] mono = new short[frames];
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += samples[i * channels + c];
            }
            mono[i] = (short) (sum / channels);
        }
        return new PcmChunk(AudioFormat.mono(format.sampleRateHz()), mono, frames);
    }
}
