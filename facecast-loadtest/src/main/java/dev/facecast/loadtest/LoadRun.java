package dev.facecast.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facecast.webrtc.Receiver;
import dev.facecast.webrtc.ReceiverRuntime;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One load test: creates sessions through the API, connects a real WebRTC receiver to each,
 * lets them run (and talk, for a share of the time), and measures the server and receivers.
 */
final class LoadRun {

    /** Spoken by talking sessions; about four seconds with the local TTS. */
    static final String SENTENCE = "Thank you for waiting. I can answer questions about your account, and I will be brief.";
    private static final double SENTENCE_SECONDS = 4.0;
    private static final long WARM_UP_MS = 3_000;

    record Settings(URI target, int sessions, double durationSeconds, int fps, int width, int height, double talkRatio) {
        Settings {
            if (sessions < 1 || durationSeconds <= 0 || talkRatio < 0 || talkRatio > 1) {
                throw new IllegalArgumentException("need sessions >= 1, duration > 0 and talk ratio 0..1");
            }
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
        // Receivers must close before their runtime (its factory) does, or libwebrtc crashes.
        try {
            long rssBefore = client.runtime().get("rssBytes").asLong();
            for (int i = 0; i < settings.sessions(); i++) {
                String id = client.createSession(settings.width(), settings.height(), settings.fps());
                sessionIds.add(id);
                Receiver receiver = new Receiver(runtime);
                receivers.add(receiver);
                receiver.accept(client.whep(id, receiver.offer()));
            }
            for (Receiver receiver : receivers) {
                receiver.awaitConnected(15_000);
            }
            progress.printf("%d sessions connected; warming up%n", receivers.size());
            Thread talker = settings.talkRatio() > 0 ? Thread.ofVirtual().name("loadtest-talker").start(() -> talk(sessionIds)) : null;
            Thread.sleep(WARM_UP_MS);

            JsonNode start = client.runtime();
            long startNs = System.nanoTime();
            long[] framesAtStart = receivers.stream().mapToLong(Receiver::framesReceived).toArray();
            receivers.forEach(Receiver::takeMaxFrameGapNs);
            long endNs = startNs + (long) (settings.durationSeconds() * 1e9);
            while (System.nanoTime() < endNs) {
                Thread.sleep(Math.min(1_000, Math.max(1, (endNs - System.nanoTime()) / 1_000_000)));
                reportProgress(start, startNs, receivers, framesAtStart);
            }
            JsonNode end = client.runtime();
            double seconds = (System.nanoTime() - startNs) / 1e9;
            double[] fps = new double[receivers.size()];
            long maxGapNs = 0;
            for (int i = 0; i < receivers.size(); i++) {
                fps[i] = (receivers.get(i).framesReceived() - framesAtStart[i]) / seconds;
                maxGapNs = Math.max(maxGapNs, receivers.get(i).takeMaxFrameGapNs());
            }
            if (talker != null) {
                talker.interrupt();
            }
            long underruns = 0;
            for (String id : sessionIds) {
                underruns += client.session(id).get("audioUnderruns").asLong();
            }
            double cores = (end.get("processCpuSeconds").asDouble() - start.get("processCpuSeconds").asDouble()) / seconds;
            Arrays.sort(fps);
            double maxGapMs = maxGapNs / 1e6;
            int n = settings.sessions();
            return new LoadReport(n, settings.fps(), seconds, cores, cores / n, fps[0], fps[fps.length / 2],
                    maxGapMs, Math.max(0, maxGapMs - 1000.0 / settings.fps()), underruns,
                    (end.get("rssBytes").asLong() - rssBefore) / 1e6 / n);
        } finally {
            for (String id : sessionIds) {
                client.delete(id);
            }
            receivers.forEach(Receiver::close);
        }
    }

    /** Each session speaks one sentence in every {@code SENTENCE_SECONDS / talkRatio} seconds, staggered. */
    private void talk(List<String> sessionIds) {
        double cycleSeconds = SENTENCE_SECONDS / settings.talkRatio();
        long cycleMs = (long) (cycleSeconds * 1000);
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

    private void reportProgress(JsonNode start, long startNs, List<Receiver> receivers, long[] framesAtStart) throws Exception {
        double seconds = (System.nanoTime() - startNs) / 1e9;
        double minFps = Double.MAX_VALUE;
        for (int i = 0; i < receivers.size(); i++) {
            minFps = Math.min(minFps, (receivers.get(i).framesReceived() - framesAtStart[i]) / seconds);
        }
        double cores = (client.runtime().get("processCpuSeconds").asDouble() - start.get("processCpuSeconds").asDouble()) / seconds;
        progress.printf("  %5.1f s  %d sessions  slowest receiver %.1f fps  server %.2f cores%n",
                seconds, receivers.size(), minFps, cores);
    }
}
