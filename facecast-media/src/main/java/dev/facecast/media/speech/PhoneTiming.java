package dev.facecast.media.speech;

/**
 * One phone of synthesized speech and when it ends, measured from the start of its
 * utterance's audio. TTS engines produce these; the avatar turns them into mouth shapes.
 *
 * @param phone an ARPAbet/CMU phone name as FreeTTS and flite use ({@code aa}, {@code pau}, ...)
 * @param endMs end of the phone, in milliseconds from the start of the utterance's audio
 */
public record PhoneTiming(String phone, long endMs) {

    public PhoneTiming {
        if (endMs < 0) {
            throw new IllegalArgumentException("phone end must be >= 0 ms");
        }
    }

    /** The same phone moved later by {@code offsetMs}: to join utterances into one track. */
    public PhoneTiming shiftedBy(long offsetMs) {
        return new PhoneTiming(phone, endMs + offsetMs);
    }
}
