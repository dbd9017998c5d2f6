package dev.facecast.loadtest;

import dev.facecast.client.FacecastClient;
import dev.facecast.media.audio.ToneBursts;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tone bursts of {@code --sync}: every session plays them through the measured window, so
 * that its receiver's {@link MarkSyncMeter} has onsets to pair. A probe carries at most a
 * minute of bursts (the server's limit), so a longer window gets several, each posted a little
 * before the one ahead of it ends: the session plays them one after the other.
 */
final class SyncProbing {

    /** Not a whole number of frame intervals at the usual rates (15, 25, 30 fps): onsets fall at every phase between frames. */
    static final int PERIOD_MS = 610;
    static final int BURST_MS = 200;
    /**
     * Connecting to measuring: libwebrtc's A/V sync, like Chromium's, moves the streams' delays
     * for the first 10-20 s of a connection; bursts before that would measure it settling.
     */
    static final long SETTLE_MS = 10_000;
    /** Bursts end this long before the window does, so the last one's picture still arrives in it. */
    private static final long TAIL_MS = 1_000;
    private static final long POST_AHEAD_MS = 5_000;
    private static final int MOST_BURSTS_PER_PROBE = Math.min(ToneBursts.MAX_COUNT, ToneBursts.MAX_TOTAL_MS / PERIOD_MS);

    private final FacecastClient client;
    private final List<String> sessionIds;
    private final PrintStream progress;

    SyncProbing(FacecastClient client, List<String> sessionIds, PrintStream progress) {
        this.client = client;
        this.sessionIds = List.copyOf(sessionIds);
        this.progress = progress;
    }

    /** Bursts per probe, in order, that fill a window of {@code durationSeconds}; none when it is too short for one. */
    static List<Integer> burstsPerProbe(double durationSeconds) {
        long roomMs = (long) (durationSeconds * 1_000) - TAIL_MS - BURST_MS; // for the starts after the first
        long bursts = roomMs < 0 ? 0 : roomMs / PERIOD_MS + 1;
        List<Integer> probes = new ArrayList<>();
        for (long left = bursts; left > 0; left -= MOST_BURSTS_PER_PROBE) {
            probes.add((int) Math.min(left, MOST_BURSTS_PER_PROBE));
        }
        return probes;
    }

    /** Probes every session for a window of {@code durationSeconds} starting now, on a thread of its own; interrupt it to stop. */
    Thread start(double durationSeconds) {
        return Thread.ofVirtual().name("loadtest-prober").start(() -> probe(burstsPerProbe(durationSeconds)));
    }

    private void probe(List<Integer> probes) {
        long startedMs = System.currentTimeMillis();
        long postedMs = 0; // how long the probes posted so far play
        try {
            for (int bursts : probes) {
                Thread.sleep(Math.max(0, startedMs + postedMs - POST_AHEAD_MS - System.currentTimeMillis()));
                for (String id : sessionIds) {
                    client.syncProbe(id, Map.of("count", bursts, "periodMs", PERIOD_MS, "burstMs", BURST_MS));
                }
                postedMs += (long) bursts * PERIOD_MS;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            progress.println("sync prober stopped: " + e.getMessage());
        }
    }
}
