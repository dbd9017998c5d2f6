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

    /** Counts one mono chunk; true when the window is full of speech. */
    boolean isSpeech(PcmChunk mono) {
        speechRunUs = AudioLevels.rms(mono) >= SPEECH_RMS_LEVEL
                ? Math.min(WINDOW_US, speechRunUs + mono.durationUs())
                : Math.max(0, speechRunUs - mono.durationUs() / 2);
        return speechRunUs >= WINDOW_US;
    }

    /** A reply became audible: only speech during it may interrupt it. */
    void restart() {
        speechRunUs = 0;
    }
}
