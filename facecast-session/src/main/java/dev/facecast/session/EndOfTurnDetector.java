package dev.facecast.session;


/**
 * Ends the user's turn by voice activity: once words were heard and enough speech-level audio
 * came, this much silence after it ends the turn, sooner than the recogniser's own endpoint
 * (Vosk waits 500 ms of silence and then some decoding). The recogniser's endpoint stays as
 * the fallback. Not thread-safe: the conversation thread owns it.
 */
final class EndOfTurnDetector {

    /** Less speech than this is a cough or a click, not a turn. */
    static final long MIN_SPEECH_MS = 200;

    private final long silenceUs;
    private long speechUs;
    private long trailingSilenceUs;
    private boolean wordsHeard;

    /** @param silenceMs trailing silence that ends a turn; 0 turns this off */
    EndOfTurnDetector(long silenceMs) {
        this.silenceUs = silenceMs * 1000;
    }

    /** The recogniser heard words of the utterance in progress. */
    void onWords() {
        wordsHeard = true;
    }

    /** The turn ended (here or at the recogniser's endpoint): start over. */
    void reset() {
        speechUs = 0;
        trailingSilenceUs = 0;
        wordsHeard = false;
    }

    /** Counts one chunk of {@code durationUs}, speech-level or not; true when it ends the turn. */
    boolean endsTurn(boolean speechLevel, long durationUs) {
        if (silenceUs == 0) {
            return false;
        }
        if (speechLevel) {
            speechUs += durationUs;
            trailingSilenceUs = 0;
        } else if (speechUs > 0) {
            trailingSilenceUs += durationUs;
        }
        return wordsHeard && speechUs >= MIN_SPEECH_MS * 1000 && trailingSilenceUs >= silenceUs;
    }
}
