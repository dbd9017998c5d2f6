package dev.facecast.media.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Bursts of a tone with silence between, in chunks of at most 10 ms: a sound whose onsets a receiver
 * can time to a few ms, for measuring A/V sync (with the avatar's sync mark).
 *
 * @param count       bursts, 1..{@value #MAX_COUNT}, at most {@value #MAX_TOTAL_MS} ms of them in all
 * @param periodMs    burst start to burst start, 100..5000 ms
 * @param burstMs     burst length, 20 ms up to the period less 50 ms
 * @param frequencyHz the tone, 100..4000 Hz
 */
public record ToneBursts(int count, int periodMs, int burstMs, int frequencyHz) {

    public static final int MAX_COUNT = 100;
    /** A minute of probe audio at most: one request must not hold more than a few MB of PCM. */
    public static final int MAX_TOTAL_MS = 60_000;
    /** Half of full scale, about -6 dBFS: loud and clean. */
    private static final double AMPLITUDE = 16_384;

    public ToneBursts {
        check("count", count, 1, MAX_COUNT);
        check("periodMs", periodMs, 100, 5_000);
        check("burstMs", burstMs, 20, periodMs - 50);
        check("frequencyHz", frequencyHz, 100, 4_000);
        if ((long) count * periodMs > MAX_TOTAL_MS) {
            throw new IllegalArgumentException("count x periodMs must be at most " + MAX_TOTAL_MS + " ms, not "
                    + (long) count * periodMs);
        }
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", not " + value);
        }
    }

    /** The bursts as chunks of {@code format} (10 ms, the last of a period shorter), which must be mono. */
    public List<PcmChunk> chunks(AudioFormat format) {
        if (format.channels() != 1) {
            throw new IllegalArgumentException("tone bursts are mono, not " + format);
        }
        int tenMs = format.framesIn(10);
        short[] tone = ToneAnalysis.sine(format.sampleRateHz(), frequencyHz, AMPLITUDE, format.framesIn(burstMs));
        int periodFrames = format.framesIn(periodMs);
        List<PcmChunk> chunks = new ArrayList<>();
        for (int burst = 0; burst < count; burst++) {
            for (int at = 0; at < periodFrames; at += tenMs) {
                // A period that is not whole tens of ms ends in a shorter chunk, so bursts start
                // exactly periodMs apart: full chunks stretched 356 ms to 360 ms (found by fuzzing).
                int frames = Math.min(tenMs, periodFrames - at);
                short[] samples = new short[frames];
                if (at < tone.length) {
                    System.arraycopy(tone, at, samples, 0, Math.min(frames, tone.length - at));
                }
                chunks.add(new PcmChunk(format, samples, frames));
            }
        }
        return chunks;
    }
}
