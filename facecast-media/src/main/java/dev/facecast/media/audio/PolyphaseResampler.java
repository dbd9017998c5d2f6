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
        /** 80 dB stopband, passband to 70 % of the lower Nyquist frequency. */
        FAST(80, 0.70),
        /**
         * 96 dB stopband (the whole range of 16-bit audio), passband to 68 % of the lower
         * Nyquist frequency (5.4 kHz at 16 kHz): all of a voice, at a third of {@link #BEST}'s taps.
         */
        DEFAULT(96, 0.68),
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
        // Step the (newest input frame, phase) pair instead of dividing a position per output:
        // a 64-bit division per sample cost about as much as the filter itself.
        int newest = (int) (nextOutputUp / upFactor);
        int phase = (int) (nextOutputUp % upFactor);
        int wholeStep = downFactor / upFactor;
        int phaseStep = downFactor % upFactor;
        int produced = 0;
        while (newest < loaded) {
            int first = newest - history;
            int nextPhase = phase + phaseStep;
            int shift = 0;
            if (nextPhase >= upFactor) {
                nextPhase -= upFactor;
                shift = 1;
            }
            // Upsampling: the next output reads the same input window, or the one a sample on,
            // with another branch; computing both in one pass shares the input loads.
            if (wholeStep == 0 && newest + shift < loaded) {
                for (int c = 0; c < channels; c++) {
                    int at = produced * channels + c;
                    if (shift == 0) {
                        dot2(branchTaps, phase * tapsPerPhase, nextPhase * tapsPerPhase, work[c], first, tapsPerPhase, out, at, channels);
                    } else {
                        dot2Shifted(branchTaps, phase * tapsPerPhase, nextPhase * tapsPerPhase, work[c], first, tapsPerPhase, out, at, channels);
                    }
                }
                produced += 2;
                newest += shift;
                phase = nextPhase + phaseStep;
            } else {
                for (int c = 0; c < channels; c++) {
                    out[produced * channels + c] = dot(branchTaps, phase * tapsPerPhase, work[c], first, tapsPerPhase);
                }
                produced++;
                newest += wholeStep + shift;
                phase = nextPhase;
                continue;
            }
            if (phase >= upFactor) {
                phase -= upFactor;
                newest++;
            }
        }
        for (int c = 0; c < channels; c++) {
            System.arraycopy(work[c], inputFrames, work[c], 0, history);
        }
        nextOutputUp = (long) (newest - inputFrames) * upFactor + phase;
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

    /**
     * Eight independent fused multiply-add chains: Java may not reorder float additions, so
     * one accumulator would wait out the add latency on every tap; eight keep both FMA ports
     * busy (measured about twice the throughput of four plain multiply-add chains).
     */
    private static float dot(float[] taps, int tapOffset, float[] x, int xOffset, int length) {
        float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f, a4 = 0f, a5 = 0f, a6 = 0f, a7 = 0f;
        int i = 0;
        for (; i + 7 < length; i += 8) {
            int t = tapOffset + i;
            int s = xOffset + i;
            a0 = Math.fma(taps[t], x[s], a0);
            a1 = Math.fma(taps[t + 1], x[s + 1], a1);
            a2 = Math.fma(taps[t + 2], x[s + 2], a2);
            a3 = Math.fma(taps[t + 3], x[s + 3], a3);
            a4 = Math.fma(taps[t + 4], x[s + 4], a4);
            a5 = Math.fma(taps[t + 5], x[s + 5], a5);
            a6 = Math.fma(taps[t + 6], x[s + 6], a6);
            a7 = Math.fma(taps[t + 7], x[s + 7], a7);
        }
        if (i < length) { // lengths are multiples of 4 (FilterDesign): at most one block of 4 left
            int t = tapOffset + i;
            int s = xOffset + i;
            a0 = Math.fma(taps[t], x[s], a0);
            a1 = Math.fma(taps[t + 1], x[s + 1], a1);
            a2 = Math.fma(taps[t + 2], x[s + 2], a2);
            a3 = Math.fma(taps[t + 3], x[s + 3], a3);
        }
        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    }

    /** Two outputs from one input window: {@code out[at]} with taps at {@code tapsA}, {@code out[at + stride]} with {@code tapsB}. */
    private static void dot2(float[] taps, int tapsA, int tapsB, float[] x, int xOffset, int length,
                             float[] out, int at, int stride) {
        float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f, b0 = 0f, b1 = 0f, b2 = 0f, b3 = 0f;
        for (int i = 0; i < length; i += 4) {
            int s = xOffset + i;
            float x0 = x[s], x1 = x[s + 1], x2 = x[s + 2], x3 = x[s + 3];
            a0 = Math.fma(taps[tapsA + i], x0, a0);
            a1 = Math.fma(taps[tapsA + i + 1], x1, a1);
            a2 = Math.fma(taps[tapsA + i + 2], x2, a2);
            a3 = Math.fma(taps[tapsA + i + 3], x3, a3);
            b0 = Math.fma(taps[tapsB + i], x0, b0);
            b1 = Math.fma(taps[tapsB + i + 1], x1, b1);
            b2 = Math.fma(taps[tapsB + i + 2], x2, b2);
            b3 = Math.fma(taps[tapsB + i + 3], x3, b3);
        }
        out[at] = (a0 + a1) + (a2 + a3);
        out[at + stride] = (b0 + b1) + (b2 + b3);
    }

    /** Clamping as floats first compiles to min/max instructions instead of branches. */
    /** As {@link #dot2}, but the second output's window starts one input sample later. */
    private static void dot2Shifted(float[] taps, int tapsA, int tapsB, float[] x, int xOffset, int length,
                                    float[] out, int at, int stride) {
        float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f, b0 = 0f, b1 = 0f, b2 = 0f, b3 = 0f;
        for (int i = 0; i < length; i += 4) {
            int s = xOffset + i;
            float x0 = x[s], x1 = x[s + 1], x2 = x[s + 2], x3 = x[s + 3], x4 = x[s + 4];
            a0 = Math.fma(taps[tapsA + i], x0, a0);
            a1 = Math.fma(taps[tapsA + i + 1], x1, a1);
            a2 = Math.fma(taps[tapsA + i + 2], x2, a2);
            a3 = Math.fma(taps[tapsA + i + 3], x3, a3);
            b0 = Math.fma(taps[tapsB + i], x1, b0);
            b1 = Math.fma(taps[tapsB + i + 1], x2, b1);
            b2 = Math.fma(taps[tapsB + i + 2], x3, b2);
            b3 = Math.fma(taps[tapsB + i + 3], x4, b3);
        }
        out[at] = (a0 + a1) + (a2 + a3);
        out[at + stride] = (b0 + b1) + (b2 + b3);
    }

    private static short toSample(float value) {
        return (short) Math.round(Math.min(32767f, Math.max(-32768f, value)));
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
