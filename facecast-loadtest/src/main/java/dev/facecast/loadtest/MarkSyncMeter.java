package dev.facecast.loadtest;

import dev.facecast.webrtc.Receiver;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;

/**
 * A/V skew at one receiver, from what it decodes and plays: each onset of sound paired with
 * the nearest onset of the avatar's sync mark within {@value #PAIR_WINDOW_MS} ms; skew = picture
 * time - sound time, positive when the picture is late. The method is the page's meter's
 * (static/sync-meter.js), so the two read alike.
 *
 * <p>Threading: fed on the receiver's video and audio threads; {@link #skewsMs} from any thread.
 */
final class MarkSyncMeter {

    /** Wider than any skew worth measuring, narrower than half the probes' period, so a burst never pairs with the next. */
    static final long PAIR_WINDOW_MS = 400;
    private static final long PAIR_WINDOW_NS = PAIR_WINDOW_MS * 1_000_000;

    private final PictureOnsets pictures = new PictureOnsets();
    private final SoundOnsets sounds = new SoundOnsets();

    /** A meter fed by {@code receiver}'s frames and played audio from now on. */
    static MarkSyncMeter listeningTo(Receiver receiver) {
        MarkSyncMeter meter = new MarkSyncMeter();
        receiver.readFrames((pixels, renderNs) -> meter.pictures.shown(pixels.getDataY(), pixels.getStrideY(), renderNs));
        receiver.onPlayout(meter.sounds::played);
        return meter;
    }

    PictureOnsets pictures() {
        return pictures;
    }

    SoundOnsets sounds() {
        return sounds;
    }

    /** The skew of each sound onset in [{@code fromNs}, {@code toNs}) that has a picture onset near enough, ms. */
    List<Double> skewsMs(long fromNs, long toNs) {
        NavigableSet<Long> seen = pictures.onsetsNs();
        List<Double> skews = new ArrayList<>();
        for (long heardNs : sounds.onsetsNs().subSet(fromNs, toNs)) {
            Long before = seen.floor(heardNs);
            Long after = seen.ceiling(heardNs);
            Long nearest = before == null || (after != null && after - heardNs < heardNs - before) ? after : before;
            if (nearest != null && Math.abs(nearest - heardNs) <= PAIR_WINDOW_NS) {
                skews.add((nearest - heardNs) / 1e6);
            }
        }
        return skews;
    }

    /** Sound onsets in [{@code fromNs}, {@code toNs}). */
    int soundOnsets(long fromNs, long toNs) {
        return sounds.onsetsNs().subSet(fromNs, toNs).size();
    }

    /** Picture onsets in [{@code fromNs}, {@code toNs}). */
    int pictureOnsets(long fromNs, long toNs) {
        return pictures.onsetsNs().subSet(fromNs, toNs).size();
    }
}
