package dev.facecast.media.audio;

/**
 * Streaming rational-ratio resampler: a Kaiser-windowed sinc low-pass split into L
 * polyphase branches, upsample by L and decimate by M computed in one step.
 *
 * <p>History (the last {@code tapsPerPhase - 1} input frames of every channel) is carried
 * from one chunk to the next, so chunk boundaries leave no trace in the output. The output
 * lags the input by the filter's group delay, about {@code tapsPerPhase / 2} input frames;
 * {@link #drain()} flushes it.
 *
 * <p>Not thread-safe. {@link #process(short[], int, short[])} allocates nothing once the work
 * buffer has grown to the largest chunk seen.
 */
public final class PolyphaseResampler implements Resampler {

    /** Filter design presets. The transition band ends at the lower rate's Nyquist frequency. */
    public enum Quality {
        /** 80 dB stopband, passband to 80 % of the lower Nyquist frequency. */
        FAST(80, 0.80),
        /** 110 dB stopband, passband to 80 % of the lower Nyquist frequency. */
        DEFAULT(110, 0.80),
        /** 140 dB stopband, passband to 90 % of the lower Nyquist frequency. */
        BEST(140, 0.90);

        final double stopbandDb;
        final double passbandFraction;

        Quality(double stopbandDb, double passbandFraction) {
            this.stopbandDb = stopbandDb;
            this.passbandFraction = passbandFraction;
        }
    }

    private final AudioFormat input;
    private final AudioFormat output;
    private final int channels;
    private final int upFactor;
    private final int downFactor;
    private final int tapsPerPhase;
    /** Branch p occupies {@code [p * tapsPerPhase, (p + 1) * tapsPerPhase)}, taps reversed. */
    private final float[] branchTaps;

    /** One row per channel: history followed by the current chunk, as floats. */
    private float[][] work;
    /** Filter output before rounding, for the 16-bit path. */
    private float[] scratchOut = new float[0];
    /** Position of the next output in upsampled units, relative to work[c][0]. */
    private long nextOutputUp;

    public PolyphaseResampler(AudioFormat input, AudioFormat output, Quality quality) {
        if (input.channels() != output.channels()) {
            throw new IllegalArgumentException("channel counts differ: " + input + " -> " + output);
        }
        this.input = input;
        this.output = output;
        this.channels = input.channels();
        int gcd = gcd(input.sampleRateHz(), output.sampleRateHz());
        this.upFactor = output.sampleRateHz() / gcd;
        this.downFactor = input.sampleRateHz() / gcd;
        FilterDesign design = FilterDesign.lowPass(input.sampleRateHz(), output.sampleRateHz(), upFactor, quality);
        this.tapsPerPhase = design.tapsPerPhase();
        this.branchTaps = design.branchTaps();
        this.work = new float[channels][tapsPerPhase - 1 + 480];
        reset();
    }

    @Override
    public AudioFormat input() {
        return input;
    }

    @Override
    public AudioFormat output() {
        return output;
    }

    @Override
    public boolean isPassThrough() {
        return false;
    }

    public int tapsPerPhase() {
        return tapsPerPhase;
    }

    /** The most output frames one call can produce for {@code inputFrames} input frames. */
    public int maxOutputFrames(int inputFrames) {
        return (int) (((long) inputFrames * upFactor) / downFactor) + 2;
    }

    @Override
    public PcmChunk process(PcmChunk in) {
        if (!in.format().equals(input)) {
            throw new IllegalArgumentException("expected " + input + ", got " + in.format());
        }
        short[] out = new short[maxOutputFrames(in.frames()) * channels];
        int frames = process(in.samples(), in.frames(), out);
        return new PcmChunk(output, out, frames);
    }

    /**
     * Converts {@code inputFrames} interleaved 16-bit frames from {@code in} into {@code out},
     * which must hold {@link #maxOutputFrames(int)} frames.
     *
     * @return frames written to {@code out}
     */
    public int process(short[] in, int inputFrames, short[] out) {
        int history = tapsPerPhase - 1;
        ensureCapacity(history + inputFrames);
        for (int c = 0; c < channels; c++) {
            float[] row = work[c];
            for (int i = 0, s = c; i < inputFrames; i++, s += channels) {
                row[history + i] = in[s];
            }
        }
        int produced = filter(inputFrames, scratchOut);
        for (int i = 0; i < produced * channels; i++) {
            out[i] = toSample(scratchOut[i]);
        }
        return produced;
    }

    /**
     * The same conversion on float samples, with no rounding to 16 bits: the quality of the
     * filter itself, for measurement and for float pipelines.
     */
    public int process(float[] in, int inputFrames, float[] out) {
        int history = tapsPerPhase - 1;
        ensureCapacity(history + inputFrames);
        for (int c = 0; c < channels; c++) {
            float[] row = work[c];
            for (int i = 0, s = c; i < inputFrames; i++, s += channels) {
                row[history + i] = in[s];
            }
        }
        return filter(inputFrames, out);
    }

    /** Runs the filter bank over the loaded chunk, then keeps its tail as the next history. */
    private int filter(int inputFrames, float[] out) {
        int history = tapsPerPhase - 1;
        int loaded = history + inputFrames;
        int produced = 0;
        long t = nextOutputUp;
        // The newest input frame a branch reads is floor(t / L); stop when it is not here yet.
        while (t / upFactor < loaded) {
            int newest = (int) (t / upFactor);
            int phase = (int) (t - (long) newest * upFactor);
            int tapBase = phase * tapsPerPhase;
            int first = newest - history;
            for (int c = 0; c < channels; c++) {
                out[produced * channels + c] = dot(branchTaps, tapBase, work[c], first, tapsPerPhase);
            }
            produced++;
            t += downFactor;
        }
        for (int c = 0; c < channels; c++) {
            System.arraycopy(work[c], inputFrames, work[c], 0, history);
        }
        nextOutputUp = t - (long) inputFrames * upFactor;
        return produced;
    }

    @Override
    public PcmChunk drain() {
        int tailFrames = (tapsPerPhase + 1) / 2;
        PcmChunk tail = process(PcmChunk.silence(input, tailFrames));
        reset();
        return tail;
    }

    @Override
    public void reset() {
        for (float[] row : work) {
            java.util.Arrays.fill(row, 0f);
        }
        nextOutputUp = (long) (tapsPerPhase - 1) * upFactor;
    }

    private void ensureCapacity(int workFrames) {
        int history = tapsPerPhase - 1;
        if (work[0].length < workFrames) {
            for (int c = 0; c < channels; c++) {
                float[] grown = new float[workFrames];
                System.arraycopy(work[c], 0, grown, 0, history);
                work[c] = grown;
            }
        }
        int outSamples = maxOutputFrames(workFrames - history) * channels;
        if (scratchOut.length < outSamples) {
            scratchOut = new float[outSamples];
        }
    }

    /** Four independent accumulators let the JIT overlap the multiply-add latency. */
    private static float dot(float[] taps, int tapOffset, float[] x, int xOffset, int length) {
        float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            a0 += taps[tapOffset + i] * x[xOffset + i];
            a1 += taps[tapOffset + i + 1] * x[xOffset + i + 1];
            a2 += taps[tapOffset + i + 2] * x[xOffset + i + 2];
            a3 += taps[tapOffset + i + 3] * x[xOffset + i + 3];
        }
        for (; i < length; i++) {
            a0 += taps[tapOffset + i] * x[xOffset + i];
        }
        return (a0 + a1) + (a2 + a3);
    }

    private static short toSample(float value) {
        int rounded = Math.round(value);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
