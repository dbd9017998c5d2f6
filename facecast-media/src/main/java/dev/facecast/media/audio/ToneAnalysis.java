package dev.facecast.media.audio;

/**
 * Test tones and a sine-fit signal-to-noise measure, for tests and benchmarks of audio
 * stages: the noise is whatever a least-squares fit of the tone does not explain.
 */
public final class ToneAnalysis {

    private ToneAnalysis() {
    }

    public static short[] sine(int sampleRateHz, double frequencyHz, double amplitude, int frames) {
        short[] samples = new short[frames];
        for (int i = 0; i < frames; i++) {
            samples[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequencyHz * i / sampleRateHz));
        }
        return samples;
    }

    /**
     * Signal-to-noise ratio of {@code x[from, to)} against the best-fitting sinusoid of the
     * given frequency (least squares over sin, cos and offset), in dB.
     */
    public static double sineFitSnrDb(short[] x, int from, int to, int sampleRateHz, double frequencyHz) {
        double[] values = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = x[i];
        }
        return sineFitSnrDb(values, from, to, sampleRateHz, frequencyHz);
    }

    public static double sineFitSnrDb(float[] x, int from, int to, int sampleRateHz, double frequencyHz) {
        double[] values = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = x[i];
        }
        return sineFitSnrDb(values, from, to, sampleRateHz, frequencyHz);
    }

    public static double sineFitSnrDb(double[] x, int from, int to, int sampleRateHz, double frequencyHz) {
        double[][] ata = new double[3][3];
        double[] atb = new double[3];
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * frequencyHz * i / sampleRateHz;
            double[] row = {Math.sin(w), Math.cos(w), 1};
            for (int r = 0; r < 3; r++) {
                atb[r] += row[r] * x[i];
                for (int c = 0; c < 3; c++) {
                    ata[r][c] += row[r] * row[c];
                }
            }
        }
        double[] coef = solve3(ata, atb);
        double signal = 0, noise = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * frequencyHz * i / sampleRateHz;
            double fit = coef[0] * Math.sin(w) + coef[1] * Math.cos(w) + coef[2];
            signal += fit * fit;
            noise += (x[i] - fit) * (x[i] - fit);
        }
        return 10 * Math.log10(signal / Math.max(noise, 1e-30));
    }

    private static double[] solve3(double[][] a, double[] b) {
        double det = det3(a);
        double[] result = new double[3];
        for (int col = 0; col < 3; col++) {
            double[][] m = new double[3][];
            for (int r = 0; r < 3; r++) {
                m[r] = a[r].clone();
                m[r][col] = b[r];
            }
            result[col] = det3(m) / det;
        }
        return result;
    }

    private static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }
}
