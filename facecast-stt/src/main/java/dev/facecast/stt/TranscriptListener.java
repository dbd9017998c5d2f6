package dev.facecast.stt;

/** Told what the recogniser hears, on the thread that feeds it. */
public interface TranscriptListener {

    /** The words so far of the utterance in progress; changes as more audio comes. */
    void onPartial(String text);

    /**
     * The utterance ended (the endpointer heard enough trailing silence) with these words.
     *
     * @param endMs end of the utterance, in ms of audio fed to this stream
     */
    void onFinal(String text, long endMs);
}
