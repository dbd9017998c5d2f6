package dev.facecast.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facecast.client.FacecastClient;
import dev.facecast.webrtc.Receiver;
import dev.facecast.webrtc.ReceiverRuntime;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One load test: creates sessions through the API, connects a real WebRTC receiver to each,
 * lets them run (and talk, for a share of the time, or play sync probes), and measures the
 * server and receivers.
 */
final class LoadRun {

    /** Spoken by talking sessions; about four seconds with the local TTS. */
    static final String SENTENCE = "Thank you for waiting. I can answer questions about your account, and I will be brief.";
    private static final double SENTENCE_SECONDS = 4.0;
    private static final long WARM_UP_MS = 3_000;
    private static final double[] REPORTED_PERCENTILES = {50, 90, 99, 99.9, 100};
    private static final long STATS_TIMEOUT_MS = 5_000;

    /** @param sync whether sessions draw the sync mark and play tone bursts, and receivers measure A/V skew (then no talking) */
    record Settings(URI target, int sessions, double durationSeconds, int fps, int idleFps, int width, int height,
                    double talkRatio, boolean sync) {
        Settings {
            if (sessions < 1 || durationSeconds <= 0 || talkRatio < 0 || talkRatio > 1 || fps < 1 || idleFps < 0) {
                throw new IllegalArgumentException("need sessions >= 1, duration > 0, fps >= 1, idle fps >= 0 and talk ratio 0..1");
            }
            if (sync && talkRatio > 0) {
                throw new IllegalArgumentException("sync probes and talking would queue behind each other: not both");
            }
        }

        Settings withSessions(int newSessions) {
            return new Settings(target, newSessions, durationSeconds, fps, idleFps, width, height, talkRatio, sync);
        }

        Settings withTarget(URI newTarget) {
            return new Settings(newTarget, sessions, durationSeconds, fps, idleFps, width, height, talkRatio, sync);
        }

        /** The body that creates each session. */
        Map<String, Object> session() {
            Map<String, Object> body = new HashMap<>(Map.of("width", width, "height", height, "fps", fps, "idleFps", idleFps));
            if (sync) {
                body.put("syncMark", true);
            }
            return body;
        }
    }

    private final Settings settings;
    private final PrintStream progress;
    private final FacecastClient client;

    LoadRun(Settings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
        this.client = new FacecastClient(settings.target());
    }

    LoadReport run() throws Exception {
        try (ReceiverRuntime runtime = new ReceiverRuntime()) {
            return run(runtime);
        }
    }

    private LoadReport run(ReceiverRuntime runtime) throws Exception {
        List<String> sessionIds = new ArrayList<>();
        List<Receiver> receivers = new ArrayList<>();
        List<MarkSyncMeter> syncMeters = new ArrayList<>();
        // When each session's WHEP POST went out and when its answer came back.
        List<Long> postedAtNs = new ArrayList<>();
        List<Long> answeredAtNs = new ArrayList<>();
        long periodNs = 1_000_000_000L / settings.fps();
        // Lateness of a frame: how much longer than one interval it came after the previous one.
        Recorder lateness = new Recorder(3);
        // Receivers must close before their runtime (its factory) does, or libwebrtc crashes.
        try {
            JsonNode before = client.runtime();
            long rssBefore = before.get("rssBytes").asLong();
            String mediaEngine = before.hasNonNull("mediaEngine") ? before.get("mediaEngine").asText() : null;
            for (int i = 0; i < settings.sessions(); i++) {
                String id = client.createSession(settings.session());
                sessionIds.add(id);
                Receiver receiver = new Receiver(runtime);
                receivers.add(receiver);
                String offer = receiver.offer();
                postedAtNs.add(System.nanoTime());
                String answer = client.whep(id, offer);
                answeredAtNs.add(System.nanoTime());
                receiver.accept(answer);
                receiver.onFrameGap(gapNs -> lateness.recordValue(Math.max(0, gapNs - periodNs) / 1_000));
                if (settings.sync()) {
                    syncMeters.add(MarkSyncMeter.listeningTo(receiver));
                }
            }
            for (Receiver receiver : receivers) {
                receiver.awaitConnected(15_000);
            }
            progress.printf("%d sessions connected to %s (%s engine); %s%n", receivers.size(), settings.target(),
                    mediaEngine == null ? "unnamed" : mediaEngine,
                    settings.sync() ? "letting A/V sync settle for " + SyncProbing.SETTLE_MS / 1_000 + " s" : "warming up");
            FleetSpread.of(client, sessionIds).ifPresent(spread -> progress.printf(
                    "fleet: sessions by worker %s (server CPU below is the entry worker's alone)%n", spread));
            Thread talker = settings.talkRatio() > 0
                    ? Thread.ofVirtual().name("loadtest-talker").start(() -> talk(sessionIds)) : null;
            Thread.sleep(settings.sync() ? SyncProbing.SETTLE_MS : WARM_UP_MS);

            JsonNode start = client.runtime();
            long startNs = System.nanoTime();
            Thread prober = settings.sync()
                    ? new SyncProbing(client, sessionIds, progress).start(settings.durationSeconds()) : null;
            long[] framesAtStart = framesOf(receivers);
            Receiver.Stats videoAtStart = videoStatsOf(receivers);
            lateness.getIntervalHistogram(); // drop the warm-up
            List<Double> fpsOverTime = new ArrayList<>();
            long[] framesAtLastSecond = framesAtStart;
            long endNs = startNs + (long) (settings.durationSeconds() * 1e9);
            while (System.nanoTime() < endNs) {
                Thread.sleep(Math.min(1_000, Math.max(1, (endNs - System.nanoTime()) / 1_000_000)));
                long[] framesNow = framesOf(receivers);
                fpsOverTime.add(meanDelta(framesAtLastSecond, framesNow));
                framesAtLastSecond = framesNow;
                reportProgress(start, startNs, receivers.size(), fpsOverTime.getLast());
            }
            JsonNode end = client.runtime();
            long windowEndNs = System.nanoTime();
            double seconds = (windowEndNs - startNs) / 1e9;
            SyncSkew sync = settings.sync() ? SyncSkew.over(syncMeters, startNs, windowEndNs) : null;
            Histogram histogram = lateness.getIntervalHistogram();
            Receiver.Stats video = videoStatsOf(receivers).minus(videoAtStart);
            for (Thread helper : new Thread[]{talker, prober}) {
                if (helper != null) {
                    helper.interrupt();
                }
            }
            double[] fps = perReceiverFps(framesAtStart, framesOf(receivers), seconds);
            long underruns = 0;
            for (String id : sessionIds) {
                underruns += client.session(id).get("audioUnderruns").asLong();
            }
            double cores = (end.get("processCpuSeconds").asDouble() - start.get("processCpuSeconds").asDouble()) / seconds;
            int n = settings.sessions();
            List<Double> percentiles = Arrays.stream(REPORTED_PERCENTILES)
                    .mapToObj(p -> histogram.getValueAtPercentile(p) / 1000.0).toList();
            double[] answerMs = sortedMs(postedAtNs, answeredAtNs);
            double[] firstFrameMs = sortedMs(postedAtNs, receivers.stream().map(Receiver::firstFrameAtNs).toList());
            return new LoadReport(settings.target().toString(), mediaEngine, n, settings.fps(), settings.idleFps(),
                    settings.talkRatio(), seconds, end.get("availableProcessors").asInt(), cores, cores / n, fps[0],
                    fps[fps.length / 2], histogram.getValueAtPercentile(50) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0, underruns,
                    (end.get("rssBytes").asLong() - rssBefore) / 1e6 / n, end.get("osThreads").asLong(),
                    video.framesDecoded() == 0 ? 0 : (double) video.qpSum() / video.framesDecoded(), video.freezeCount(),
                    video.packetsLost(), video.nackCount(), video.pliCount(), p50(answerMs), max(answerMs),
                    p50(firstFrameMs), max(firstFrameMs), sync, List.copyOf(fpsOverTime), percentiles);
        } finally {
            for (String id : sessionIds) {
                client.delete(id);
            }
            receivers.forEach(Receiver::close);
        }
    }

    private static long[] framesOf(List<Receiver> receivers) {
        return receivers.stream().mapToLong(Receiver::framesReceived).toArray();
    }

    /** Every receiver's video statistics, summed; asked of all at once. */
    private static Receiver.Stats videoStatsOf(List<Receiver> receivers) throws Exception {
        List<CompletableFuture<Receiver.Stats>> asked = receivers.stream().map(Receiver::stats).toList();
        Receiver.Stats sum = Receiver.Stats.NONE;
        for (CompletableFuture<Receiver.Stats> stats : asked) {
            sum = sum.plus(stats.get(STATS_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        }
        return sum;
    }

    /** Milliseconds from each start to its end, sorted; an end of 0 (never happened) is left out. */
    private static double[] sortedMs(List<Long> startsNs, List<Long> endsNs) {
        double[] ms = new double[startsNs.size()];
        int n = 0;
        for (int i = 0; i < ms.length; i++) {
            if (endsNs.get(i) != 0) {
                ms[n++] = (endsNs.get(i) - startsNs.get(i)) / 1e6;
            }
        }
        ms = Arrays.copyOf(ms, n);
        Arrays.sort(ms);
        return ms;
    }

    /** The median as receivedFpsP50 takes it (the upper one of an even count); -1 when there is none. */
    private static double p50(double[] sorted) {
        return sorted.length == 0 ? -1 : sorted[sorted.length / 2];
    }

    private static double max(double[] sorted) {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }

    private static double meanDelta(long[] before, long[] after) {
        double sum = 0;
        for (int i = 0; i < before.length; i++) {
            sum += after[i] - before[i];
        }
        return sum / before.length;
    }

    private static double[] perReceiverFps(long[] before, long[] after, double seconds) {
        double[] fps = new double[before.length];
        for (int i = 0; i < fps.length; i++) {
            fps[i] = (after[i] - before[i]) / seconds;
        }
        Arrays.sort(fps);
        return fps;
    }

    /** Each session speaks one sentence in every {@code SENTENCE_SECONDS / talkRatio} seconds, staggered. */
    private void talk(List<String> sessionIds) {
        long cycleMs = (long) (SENTENCE_SECONDS / settings.talkRatio() * 1000);
        long started = System.currentTimeMillis();
        long[] nextMs = new long[sessionIds.size()];
        for (int i = 0; i < nextMs.length; i++) {
            nextMs[i] = started + cycleMs * i / nextMs.length;
        }
        try {
            while (!Thread.currentThread().isInterrupted()) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < nextMs.length; i++) {
                    if (now >= nextMs[i]) {
                        client.say(sessionIds.get(i), SENTENCE);
                        nextMs[i] += cycleMs;
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            progress.println("talker stopped: " + e.getMessage());
        }
    }

    private void reportProgress(JsonNode start, long startNs, int sessions, double fpsLastSecond) throws Exception {
        double seconds = (System.nanoTime() - startNs) / 1e9;
        double cores = (client.runtime().get("processCpuSeconds").asDouble() - start.get("processCpuSeconds").asDouble()) / seconds;
        progress.printf("  %5.1f s  %d sessions  %.1f fps received (mean, last second)  server %.2f cores%n",
                seconds, sessions, fpsLastSecond, cores);
    }
}
