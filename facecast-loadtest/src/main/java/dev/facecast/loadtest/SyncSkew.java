package dev.facecast.loadtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A/V skew over every receiver of a run: picture onset - sound onset, positive when the picture
 * is late (see {@link MarkSyncMeter}).
 *
 * @param soundOnsets   onsets of the probes' tone bursts the receivers heard in the window
 * @param pictureOnsets onsets of the sync mark they showed in the window
 * @param pairs         sound onsets paired with a picture onset: the skews measured
 * @param p50Ms         median skew; null without pairs
 * @param absP95Ms      95th percentile of |skew|; null without pairs
 * @param playoutPace   the slowest receiver's seconds of audio played per second (see {@link SoundOnsets#playoutPace});
 *                      below 1, its audio runs late by its own doing, and the skew with it
 */
record SyncSkew(int soundOnsets, int pictureOnsets, int pairs, Double p50Ms, Double absP95Ms, double playoutPace) {

    /** What {@code meters} measured in [{@code fromNs}, {@code toNs}). */
    static SyncSkew over(List<MarkSyncMeter> meters, long fromNs, long toNs) {
        List<Double> skews = new ArrayList<>();
        int sounds = 0;
        int pictures = 0;
        for (MarkSyncMeter meter : meters) {
            skews.addAll(meter.skewsMs(fromNs, toNs));
            sounds += meter.soundOnsets(fromNs, toNs);
            pictures += meter.pictureOnsets(fromNs, toNs);
        }
        List<Double> magnitudes = skews.stream().map(Math::abs).sorted().toList();
        skews.sort(Comparator.naturalOrder());
        double pace = meters.stream().mapToDouble(meter -> meter.sounds().playoutPace()).min().orElse(0);
        return new SyncSkew(sounds, pictures, skews.size(), percentile(skews, 50), percentile(magnitudes, 95), pace);
    }

    /** The page meter's percentile: the value at rank ceil(n p / 100); null of none. */
    private static Double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        return sorted.get(Math.clamp((int) Math.ceil(sorted.size() * p / 100.0) - 1, 0, sorted.size() - 1));
    }

    String toText() {
        String pace = String.format("; receivers' audio played at %.1f %% of real time", playoutPace * 100);
        return (pairs == 0 ? String.format("no pairs (%d sound onsets, %d picture onsets)", soundOnsets, pictureOnsets)
                : String.format("p50 %+.1f ms (+: picture late), |skew| p95 %.1f ms, over %d pairs (%d sound, %d picture "
                        + "onsets)", p50Ms, absP95Ms, pairs, soundOnsets, pictureOnsets)) + pace;
    }

    /** For a table cell: "p50 / |skew| p95", or "-" without pairs. */
    String p50AndAbsP95() {
        return pairs == 0 ? "-" : String.format("%+.1f / %.1f", p50Ms, absP95Ms);
    }
}
