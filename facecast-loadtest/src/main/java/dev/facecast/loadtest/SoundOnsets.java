package dev.facecast.loadtest;

import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Times the onsets of loud sound in received audio as it is played out, the way the page's
 * sync meter does (static/sync-meter-worklet.js): the level of each ~3 ms block, an onset where
 * it first rises to {@value #ON_RMS} of full scale, re-armed once it falls below
 * {@value #OFF_RMS}. An onset is timed at its block's first sample.
 *
 * <p>Threading: {@link #played} on the one audio thread; {@link #onsetsNs} from any thread.
 */
final class SoundOnsets {

    /** A tone burst at -6 dBFS has an RMS of about 0.35 after Opus. */
    static final double ON_RMS = 0.1;
    /** Hysteresis, so that a burst's decay does not count twice. */
    static final double OFF_RMS = 0.03;
    private static final int BLOCK_MS = 3;
    private static final double FULL_SCALE = 32_768.0;
    private static final long NOT_YET = Long.MIN_VALUE;

    private final NavigableSet<Long> onsetsNs = new ConcurrentSkipListSet<>();
    /**
     * For the device's pace: when the first chunk was heard, and the last, and how much audio came
     * before the last; read together without a lock, so off by one chunk at most.
     */
    private volatile long firstHeardNs = NOT_YET;
    private volatile long lastHeardNs;
    private volatile double secondsBeforeLast;
    private double secondsHeard;
    private int sampleRateHz;
    private int blockFrames;
    private int framesInBlock;
    private double squareSum;
    private long blockStartNs;
    private boolean loud;

    /**
     * Takes one chunk of played audio.
     *
     * @param pcm      16-bit little-endian samples, channels interleaved; only the first channel is heard
     * @param playedNs {@link System#nanoTime()} when its first sample is heard
     */
    void played(byte[] pcm, int sampleRateHz, int channels, int frames, long playedNs) {
        if (firstHeardNs == NOT_YET) {
            firstHeardNs = playedNs;
        }
        lastHeardNs = playedNs;
        secondsBeforeLast = secondsHeard;
        secondsHeard += (double) frames / sampleRateHz;
        if (sampleRateHz != this.sampleRateHz) {
            this.sampleRateHz = sampleRateHz;
            blockFrames = Math.max(1, sampleRateHz * BLOCK_MS / 1_000);
            framesInBlock = 0;
        }
        for (int frame = 0; frame < frames; frame++) {
            if (framesInBlock == 0) {
                squareSum = 0;
                blockStartNs = playedNs + frame * 1_000_000_000L / sampleRateHz;
            }
            int at = frame * channels * 2;
            double sample = (short) ((pcm[at] & 0xff) | (pcm[at + 1] << 8)) / FULL_SCALE;
            squareSum += sample * sample;
            if (++framesInBlock == blockFrames) {
                endBlock(Math.sqrt(squareSum / blockFrames));
                framesInBlock = 0;
            }
        }
    }

    private void endBlock(double rms) {
        if (!loud && rms >= ON_RMS) {
            loud = true;
            onsetsNs.add(blockStartNs);
        } else if (loud && rms < OFF_RMS) {
            loud = false;
        }
    }

    /**
     * Seconds of audio played per second, from the first chunk to the last: 1 when the audio
     * device keeps time. A slower device lets the audio jitter buffer grow, which A/V sync
     * follows only in part; 0 before two chunks.
     */
    double playoutPace() {
        long firstNs = firstHeardNs;
        long elapsedNs = lastHeardNs - firstNs;
        return firstNs == NOT_YET || elapsedNs <= 0 ? 0 : secondsBeforeLast / (elapsedNs / 1e9);
    }

    /** Every onset so far, in order, {@link System#nanoTime()}; a live view. */
    NavigableSet<Long> onsetsNs() {
        return onsetsNs;
    }
}
