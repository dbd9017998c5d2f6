package dev.facecast.media.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Bursts of a tone with silence between, in 10 ms chunks: a sound whose onsets a receiver
 * can time to a few ms, for measuring A/V sync (with the avatar's sync mark).
 *
 * @param count       bursts, 1..{@value #MAX_COUNT}
 * @param periodMs    burst start to burst start, 100..5000 ms
 * @param burstMs     burst length, 20 ms up to the period less 50 ms
 * @param frequencyHz the tone, 100..4000 Hz
 */
public record ToneBursts(int count, int periodMs, int burstMs, int frequencyHz) {

    public static final int MAX_COUNT = 100;
    /** Half of full scale, about -6 dBFS: loud and clean. */
    private static final double AMPLITUDE = 16_384;

    public ToneBursts {
        check("count", count, 1, MAX_COUNT);
        check("periodMs", periodMs, 100, 5_000);
        check("burstMs", burstMs, 20, periodMs - 50);
        check("frequencyHz", frequencyHz, 100, 4_000);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", not " + value);
        }
    }

    /** The bursts as 10 ms chunks of {@code format}, which must be mono. */
    public List<PcmChunk> chunks(AudioFormat format) {
        if (format.channels() != 1) {
            throw new IllegalArgumentException("tone bursts are mono, not " + format);
        }
        int tenMs = format.framesIn(10);
        short[] tone = ToneAnalysis.sine(format.sampleRateHz(), frequencyHz, AMPLITUDE, format.framesIn(burstMs));
        List<PcmChunk> chunks = new ArrayList<>();
        for (int burst = 0; burst < count; burst++) {
            for (int at = 0; at < format.framesIn(periodMs); at += tenMs) {
                short[] samples = new short[tenMs];
                if (at < tone.length) {
                    System.arraycopy(tone, at, samples, 0, Math.min(tenMs, tone.length - at));
                }
                chunks.add(new PcmChunk(format, samples, tenMs));
            }
        }
        return chunks;
    }
}
