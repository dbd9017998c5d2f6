package dev.facecast.session;

import dev.facecast.media.audio.AudioLevels;
import dev.facecast.media.audio.PcmChunk;

/**
 * Voice activity for barge-in: {@link #WINDOW_MS} of speech-level audio (RMS above
 * {@link #SPEECH_RMS_LEVEL} of full scale, about -34 dBFS). The recogniser's first partial
 * comes 0.5 s or more into a word, too late for a natural interruption; with the browser's
 * echo cancellation the agent's own voice does not trigger this.
 *
 * <p>Quiet chunks take away half their length instead of starting over, so the short closures
 * inside words ("st-op") do not reset the count, while scattered noise does not add up. The
 * count stops at the window, so after the user stops it drains in twice the window (240 ms),
 * well within the end-of-turn silence: a question never interrupts its own answer.
 *
 * <p>Not thread-safe: the conversation thread owns it.
 */
final class BargeInDetector {

    static final long WINDOW_MS = 120;
    static final double SPEECH_RMS_LEVEL = 0.02;
    private static final long WINDOW_US = WINDOW_MS * 1000;

    private long speechRunUs;

    /** Whether a mono chunk is speech-level: measured once per chunk, for this and the end-of-turn detector. */
    static boolean isSpeechLevel(PcmChunk mono) {
        return AudioLevels.rms(mono) >= SPEECH_RMS_LEVEL;
    }

    /** Counts one chunk of {@code durationUs}, speech-level or not; true when the window is full of speech. */
    boolean isSpeech(boolean speechLevel, long durationUs) {
        speechRunUs = speechLevel
                ? Math.min(WINDOW_US, speechRunUs + durationUs)
                : Math.max(0, speechRunUs - durationUs / 2);
        return speechRunUs >= WINDOW_US;
    }

    /** A reply became audible: only speech during it may interrupt it. */
    void restart() {
        speechRunUs = 0;
    }
}
