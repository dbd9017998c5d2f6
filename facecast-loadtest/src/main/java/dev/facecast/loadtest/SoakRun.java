package dev.facecast.loadtest;

import dev.facecast.client.FacecastClient;
import dev.facecast.webrtc.Receiver;
import dev.facecast.webrtc.ReceiverRuntime;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A soak: keeps N sessions churning on the target server (each lives a random while, then is
 * deleted and replaced by a new one, received over real WebRTC), samples the server's runtime
 * at a fixed period, and judges whether memory and threads stayed flat ({@link Flatness}).
 *
 * <p>Ends by itself: at the soak's deadline, or once it has created {@link #maxSessionsCreated}
 * sessions, whichever comes first. It talks to the target URL alone.
 */
final class SoakRun {

    /** How long a receiver may take to connect before the soak fails. */
    private static final long CONNECT_TIMEOUT_MS = 15_000;
    /** The longest sleep between looking at the clock: stays responsive to the deadline. */
    private static final long MAX_SLEEP_MS = 1_000;

    /**
     * @param soak         how long to keep sessions churning
     * @param samplePeriod how often to read {@code /v1/runtime}
     * @param minLifetime  a session's shortest life
     * @param maxLifetime  its longest; each lives a uniform random time between the two
     */
    record Settings(LoadRun.Settings load, Duration soak, Duration samplePeriod, Duration minLifetime, Duration maxLifetime,
                    long seed) {
        Settings {
            if (soak.isNegative() || soak.isZero() || samplePeriod.isNegative() || samplePeriod.isZero()
                    || minLifetime.isNegative() || minLifetime.isZero() || maxLifetime.compareTo(minLifetime) < 0) {
                throw new IllegalArgumentException("need a soak > 0, a sample period > 0 and lifetimes 0 < min <= max");
            }
        }

        /** Enough for every slot to be replaced as often as the shortest lifetime allows, and no more. */
        long maxSessionsCreated() {
            return load.sessions() * (soak.toMillis() / minLifetime.toMillis() + 1);
        }
    }

    /**
     * @param sessionsCreated sessions created (and deleted) over the soak
     * @param samples         every reading, in order
     */
    record Report(double soakSeconds, int sessions, long sessionsCreated, List<RuntimeSample> samples,
                  Flatness.Verdict verdict) {

        String toText() {
            StringBuilder text = new StringBuilder(String.format(
                    "soak %.0f s: %d sessions churning, %d created and deleted, %d samples%n",
                    soakSeconds, sessions, sessionsCreated, samples.size()));
            if (!verdict.judged()) {
                return text.append(String.format("verdict: NOT JUDGED (fewer than %d samples)", Flatness.MIN_SAMPLES)).toString();
            }
            for (Flatness.Metric metric : verdict.metrics()) {
                text.append(switch (metric.name()) {
                    case "rss" -> String.format("RSS               %-9s middle third %.1f MB, last third %.1f MB (%+.1f %%, at most %+.0f %%)%n",
                            word(metric), metric.middleMean() / 1e6, metric.lastMean() / 1e6, metric.growth() * 100,
                            metric.growthAllowed() * 100);
                    default -> String.format("%-17s %-9s middle third %.1f, last third %.1f (%+.1f, at most %+.0f)%n",
                            metric.name().equals("osThreads") ? "OS threads" : "Facecast threads", word(metric),
                            metric.middleMean(), metric.lastMean(), metric.growth(), metric.growthAllowed());
                });
            }
            return text.append("verdict: ").append(verdict.flat() ? "FLAT" : "GROWING").toString();
        }

        /** The report as one JSON object: every sample, and the verdict with each metric's numbers. */
        Map<String, Object> toJson() {
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (Flatness.Metric metric : verdict.judged() ? verdict.metrics() : List.<Flatness.Metric>of()) {
                Map<String, Object> numbers = new LinkedHashMap<>();
                numbers.put("flat", metric.flat());
                numbers.put("middleMean", metric.middleMean());
                numbers.put("lastMean", metric.lastMean());
                numbers.put("growth", metric.growth());
                numbers.put("growthAllowed", metric.growthAllowed());
                metrics.put(metric.name(), numbers);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("soakSeconds", soakSeconds);
            json.put("sessions", sessions);
            json.put("sessionsCreated", sessionsCreated);
            json.put("samples", samples);
            json.put("judged", verdict.judged());
            json.put("flat", verdict.flat());
            json.put("metrics", metrics);
            return json;
        }

        private static String word(Flatness.Metric metric) {
            return metric.flat() ? "flat:" : "GROWING:";
        }
    }

    /** A session on the server with its receiver here, and when it is due to go. */
    private record Live(String id, Receiver receiver, long endNs) {
    }

    private final Settings settings;
    private final FacecastClient client;
    private final PrintStream lines;
    private final SplittableRandom random;
    private long sessionsCreated;

    /** @param lines where each sample's line goes */
    SoakRun(Settings settings, PrintStream lines) {
        this.settings = settings;
        this.client = new FacecastClient(settings.load().target());
        this.lines = lines;
        this.random = new SplittableRandom(settings.seed());
    }

    Report run() throws Exception {
        try (ReceiverRuntime runtime = new ReceiverRuntime()) {
            return run(runtime);
        }
    }

    private Report run(ReceiverRuntime runtime) throws Exception {
        List<Live> live = new ArrayList<>();
        List<RuntimeSample> samples = new ArrayList<>();
        long startNs = System.nanoTime();
        long deadlineNs = startNs + settings.soak().toNanos();
        long periodNs = settings.samplePeriod().toNanos();
        long nextSampleNs = startNs + periodNs;
        lines.println(RuntimeSample.HEADER);
        // Receivers must close before their runtime (its factory) does, or libwebrtc crashes.
        try {
            for (int i = 0; i < settings.load().sessions(); i++) {
                live.add(open(runtime, System.nanoTime()));
            }
            long nowNs = System.nanoTime();
            while (nowNs < deadlineNs) {
                for (int i = 0; i < live.size(); i++) {
                    if (live.get(i).endNs() <= nowNs && sessionsCreated < settings.maxSessionsCreated()) {
                        // Out of the list before closing: a receiver is closed once only, even if
                        // deleting it or opening the next one fails.
                        close(live.remove(i));
                        live.add(i, open(runtime, nowNs));
                    }
                }
                if (nowNs >= nextSampleNs) {
                    RuntimeSample sample = RuntimeSample.of((nowNs - startNs) / 1e9, client.runtime());
                    samples.add(sample);
                    lines.println(sample.toLine());
                    // By deadline, not by sleeping a period: slow requests do not push samples later.
                    nextSampleNs += periodNs;
                }
                long wakeNs = Math.min(deadlineNs, nextSampleNs);
                for (Live session : live) {
                    if (session.endNs() > nowNs) { // past due stays when the session cap is reached
                        wakeNs = Math.min(wakeNs, session.endNs());
                    }
                }
                Thread.sleep(Math.clamp((wakeNs - System.nanoTime()) / 1_000_000, 1, MAX_SLEEP_MS));
                nowNs = System.nanoTime();
            }
        } finally {
            closeAll(live);
        }
        return new Report((System.nanoTime() - startNs) / 1e9, settings.load().sessions(), sessionsCreated,
                List.copyOf(samples), Flatness.of(samples));
    }

    private Live open(ReceiverRuntime runtime, long nowNs) throws Exception {
        LoadRun.Settings load = settings.load();
        String id = client.createSession(load.session());
        sessionsCreated++;
        Receiver receiver = new Receiver(runtime);
        try {
            receiver.accept(client.whep(id, receiver.offer()));
            receiver.awaitConnected(CONNECT_TIMEOUT_MS);
        } catch (Exception failed) {
            close(new Live(id, receiver, nowNs));
            throw failed;
        }
        long minNs = settings.minLifetime().toNanos();
        long lifetimeNs = minNs + random.nextLong(settings.maxLifetime().toNanos() - minNs + 1);
        return new Live(id, receiver, nowNs + lifetimeNs);
    }

    /** Closes every session, even when deleting one fails; the first failure is rethrown. */
    private void closeAll(List<Live> live) throws Exception {
        Exception first = null;
        for (Live session : live) {
            try {
                close(session);
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private void close(Live session) throws Exception {
        try {
            client.delete(session.id());
        } finally {
            session.receiver().close();
        }
    }
}
