package dev.facecast.media.audio;

/** Loudness of 16-bit PCM. Allocation-free: safe on media threads. */
public final class AudioLevels {

    private AudioLevels() {
    }

    /** RMS of {@code samples[0, count)} as a share of full scale (0..1); 0 for none. */
    public static double rms(short[] samples, int count) {
        if (count <= 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / count) / 32768.0;
    }

    /** RMS of a chunk's valid samples, all channels together. */
    public static double rms(PcmChunk chunk) {
        return rms(chunk.samples(), chunk.sampleCount());
    }
}
