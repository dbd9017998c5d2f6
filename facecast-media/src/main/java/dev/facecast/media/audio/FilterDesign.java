package dev.facecast.media.audio;

/**
 * Kaiser-window low-pass design for a polyphase resampler (Oppenheim &amp; Schafer, 7.6: the
 * Kaiser formulas for beta and length from the stopband attenuation and transition width).
 */
record FilterDesign(int tapsPerPhase, float[] branchTaps) {

    static FilterDesign lowPass(int inputRateHz, int outputRateHz, int upFactor, PolyphaseResampler.Quality quality) {
        double upsampledRateHz = (double) inputRateHz * upFactor;
        double lowerNyquistHz = Math.min(inputRateHz, outputRateHz) / 2.0;
        double passbandEdgeHz = lowerNyquistHz * quality.passbandFraction;
        double transitionHz = lowerNyquistHz - passbandEdgeHz;
        double cutoff = (passbandEdgeHz + lowerNyquistHz) / 2.0 / upsampledRateHz; // cycles per upsampled sample
        double attenuationDb = quality.stopbandDb;
        double beta = 0.1102 * (attenuationDb - 8.7);
        int minLength = (int) Math.ceil((attenuationDb - 7.95) / (14.36 * transitionHz / upsampledRateHz)) + 1;
        // A multiple of 4 lets the resampler's unrolled dot products run without a serial
        // tail; the extra taps only make the filter a little longer (and better).
        int tapsPerPhase = roundUpTo4((minLength + upFactor - 1) / upFactor);
        int length = tapsPerPhase * upFactor;

        double center = (length - 1) / 2.0;
        double i0Beta = besselI0(beta);
        double[] prototype = new double[length];
        for (int n = 0; n < length; n++) {
            double x = n - center;
            double sinc = x == 0 ? 1.0 : Math.sin(2 * Math.PI * cutoff * x) / (2 * Math.PI * cutoff * x);
            double r = 2.0 * n / (length - 1) - 1.0;
            double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
            // Gain upFactor makes up for the zeros that upsampling inserts.
            prototype[n] = 2 * cutoff * sinc * window * upFactor;
        }
        float[] branches = new float[length];
        for (int phase = 0; phase < upFactor; phase++) {
            for (int k = 0; k < tapsPerPhase; k++) {
                branches[phase * tapsPerPhase + (tapsPerPhase - 1 - k)] = (float) prototype[phase + upFactor * k];
            }
        }
        return new FilterDesign(tapsPerPhase, branches);
    }

    private static int roundUpTo4(int taps) {
        return Math.max(4, (taps + 3) & ~3);
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1.0;
        double term = 1.0;
        double halfX = x / 2.0;
        for (int k = 1; k < 200; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
