package dev.facecast.session;

import dev.facecast.media.audio.PcmChunk;
import dev.facecast.media.audio.Resampler;
import dev.facecast.stt.SpeechToText;
import dev.facecast.stt.Transcriber;
import dev.facecast.stt.TranscriptListener;

/**
 * The microphone path of one conversation: to mono, through the barge-in and end-of-turn
 * detectors, resampled once to the recogniser's rate, into the recogniser. The recogniser's
 * stream opens with the first chunk; a turn ends at its endpoint or, sooner, when the
 * end-of-turn detector hears the user stop (the recogniser is then flushed). Not thread-safe: the conversation thread owns it, and the recogniser calls
 * back on it.
 */
final class Listening implements AutoCloseable {

    private final SpeechToText stt;
    private final TranscriptListener listener;
    private final BargeInDetector bargeIn = new BargeInDetector();
    private final EndOfTurnDetector endOfTurn;
    private Transcriber transcriber;
    private Resampler resampler;
    private long recognitionNs;
    private volatile long recognizedMs;
    private volatile double recognitionRealTimeFactor;
    private volatile int resamplersActive;

    /** @param endOfTurnSilenceMs silence after speech that ends a turn before the recogniser's endpoint; 0: off */
    Listening(SpeechToText stt, TranscriptListener listener, long endOfTurnSilenceMs) {
        this.stt = stt;
        this.endOfTurn = new EndOfTurnDetector(endOfTurnSilenceMs);
        // Told of words and ends first, so the detector's state follows the recogniser's.
        this.listener = new TranscriptListener() {
            @Override
            public void onPartial(String text) {
                endOfTurn.onWords();
                listener.onPartial(text);
            }

            @Override
            public void onFinal(String text, long endMs) {
                endOfTurn.reset();
                listener.onFinal(text, endMs);
            }
        };
    }

    /**
     * Recognises one chunk; the listener hears of results before this returns.
     *
     * @return true when the chunk completed enough speech for a barge-in
     */
    boolean accept(PcmChunk chunk) {
        PcmChunk mono = chunk.toMono();
        boolean speechLevel = BargeInDetector.isSpeechLevel(mono);
        boolean speech = bargeIn.isSpeech(speechLevel, mono.durationUs());
        if (transcriber == null) {
            transcriber = stt.open(listener);
        }
        if (resampler == null || !resampler.input().equals(mono.format())) {
            resampler = Resampler.between(mono.format(), stt.inputFormat());
            resamplersActive = resampler.isPassThrough() ? 0 : 1;
        }
        PcmChunk converted = resampler.process(mono);
        long beganNs = System.nanoTime(); // a stopwatch of real work, apart from the conversation's clock
        transcriber.accept(converted.samples(), converted.frames());
        recognitionNs += System.nanoTime() - beganNs;
        recognizedMs = transcriber.audioMs();
        if (endOfTurn.endsTurn(speechLevel, mono.durationUs())) {
            transcriber.flush(); // reports the utterance as final now, through the listener
            endOfTurn.reset();
        }
        recognitionRealTimeFactor = recognizedMs > 0 ? recognitionNs / 1e6 / recognizedMs : 0;
        return speech;
    }

    /** A reply became audible: only speech during it may interrupt it. */
    void replyAudible() {
        bargeIn.restart();
    }

    /** Recogniser time over audio time; any thread. */
    double realTimeFactor() {
        return recognitionRealTimeFactor;
    }

    /** 1 while the microphone is resampled for the recogniser; any thread. */
    int resamplersActive() {
        return resamplersActive;
    }

    @Override
    public void close() {
        if (transcriber != null) {
            transcriber.close();
            transcriber = null;
        }
        resamplersActive = 0;
    }
}
