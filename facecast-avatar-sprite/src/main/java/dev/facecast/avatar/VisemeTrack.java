package dev.facecast.avatar;

import dev.facecast.media.speech.PhoneTiming;

import java.util.List;

/**
 * The mouth shapes of one utterance over time, from the TTS's phoneme timings.
 * Immutable; look-ups are a binary search.
 */
public final class VisemeTrack {

    private final long[] endMs;
    private final Viseme[] visemes;

    public VisemeTrack(List<PhoneTiming> phones) {
        this.endMs = new long[phones.size()];
        this.visemes = new Viseme[phones.size()];
        for (int i = 0; i < phones.size(); i++) {
            endMs[i] = phones.get(i).endMs();
            visemes[i] = Viseme.forPhone(phones.get(i).phone());
            if (i > 0 && endMs[i] < endMs[i - 1]) {
                throw new IllegalArgumentException("phone end times must not go backwards at index " + i);
            }
        }
    }

    public boolean isEmpty() {
        return endMs.length == 0;
    }

    /** The viseme shown {@code offsetMs} into the utterance; {@link Viseme#REST} outside it. */
    public Viseme at(long offsetMs) {
        if (offsetMs < 0) {
            return Viseme.REST;
        }
        int low = 0, high = endMs.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (endMs[mid] <= offsetMs) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return low < endMs.length ? visemes[low] : Viseme.REST;
    }
}
