package dev.facecast.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code facecast loadtest}: drives N real WebRTC receivers against a running server. */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
        description = "Create N sessions on a Facecast server, receive them over real WebRTC in this process, "
                + "and report the server's CPU per session, received frame rates and frame lateness.")
public final class LoadTestCommand implements Callable<Integer> {

    private static final URI DEFAULT_TARGET = URI.create("http://127.0.0.1:8080/");

    @Option(names = "--target", description = "The server's base URL (default: http://127.0.0.1:8080/). Repeat it to "
            + "compare servers, such as one per --media-engine: the same load runs against each in turn, never at once, "
            + "and the results print side by side.")
    List<URI> targets = new ArrayList<>();

    @Option(names = "--sessions", description = "Sessions at once; with --sweep, the most to try (default: ${DEFAULT-VALUE}).")
    int sessions = 1;

    @Option(names = "--duration", description = "Measured seconds per run, after a 3 s warm-up (default: ${DEFAULT-VALUE}).")
    double durationSeconds = 20;

    @Option(names = "--fps", description = "Frame rate per session (default: ${DEFAULT-VALUE}).")
    int fps = 15;

    @Option(names = "--idle-fps", description = "Sessions' frame rate while silent; 0 keeps the full rate, so "
            + "frame rate and lateness are measured against --fps (default: ${DEFAULT-VALUE}).")
    int idleFps = 0;

    @Option(names = "--width", description = "Frame width (default: ${DEFAULT-VALUE}).")
    int width = 720;

    @Option(names = "--height", description = "Frame height (default: ${DEFAULT-VALUE}).")
    int height = 480;

    @Option(names = "--talk-ratio", description = "Share of time each session speaks, 0..1 (default: ${DEFAULT-VALUE}).")
    double talkRatio = 0;

    @Option(names = "--sync", description = "Measure A/V sync at the receivers: sessions draw the sync mark and, instead "
            + "of talking, play " + SyncProbing.BURST_MS + " ms tone bursts every " + SyncProbing.PERIOD_MS + " ms through "
            + "the measured window; each receiver times the mark it decodes against the bursts it plays. The warm-up "
            + "becomes " + SyncProbing.SETTLE_MS / 1_000 + " s, because libwebrtc's A/V sync (like Chromium's) needs "
            + "10-20 s after connecting to settle. Reports skew p50 (+: picture late), |skew| p95 and pairs.")
    boolean sync;

    @Option(names = "--sweep", description = "Double the sessions from 1 until p99 lateness exceeds a frame interval "
            + "or fps drops; report the most sessions per core.")
    boolean sweep;

    @Option(names = "--soak", converter = DurationConverter.class, description = "Soak for this long (such as 30m): keep "
            + "--sessions sessions churning, sample the server's /v1/runtime every --sample-every, and judge whether its "
            + "memory and threads stay flat.")
    Duration soak;

    @Option(names = "--sample-every", converter = DurationConverter.class,
            description = "With --soak, the sampling period (default: 30s).")
    Duration samplePeriod = Duration.ofSeconds(30);

    @Option(names = "--min-lifetime", converter = DurationConverter.class,
            description = "With --soak, a session's shortest life (default: 20s).")
    Duration minLifetime = Duration.ofSeconds(20);

    @Option(names = "--max-lifetime", converter = DurationConverter.class,
            description = "With --soak, a session's longest life (default: 60s).")
    Duration maxLifetime = Duration.ofSeconds(60);

    @Option(names = "--json", description = "Print one final JSON line instead of the table (with several targets: "
            + "{\"runs\": [one per target]}).")
    boolean json;

    @Option(names = "--report", description = "Write an HTML report with plots into this directory.")
    Path reportDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int exitCode = new CommandLine(new LoadTestCommand()).execute(args);
        System.out.flush();
        System.err.flush();
        // Everything is closed by now, but libwebrtc's threads still try to attach to a
        // JVM that is shutting down and print to stdout, after the final JSON line. Halting
        // skips that teardown; there are no shutdown hooks of ours to miss.
        Runtime.getRuntime().halt(exitCode);
    }

    @Override
    public Integer call() throws Exception {
        List<URI> targets = this.targets.isEmpty() ? List.of(DEFAULT_TARGET) : List.copyOf(this.targets);
        if (targets.size() > 1 && (soak != null || sweep)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--soak and --sweep take one --target");
        }
        if (sync && (soak != null || talkRatio > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sync plays tone bursts instead of talking, and measures runs, not a --soak");
        }
        LoadRun.Settings settings = new LoadRun.Settings(targets.getFirst(), sessions, durationSeconds, fps, idleFps, width,
                height, talkRatio, sync);
        ObjectMapper mapper = new ObjectMapper();
        if (soak != null) {
            // With --json, stdout carries the one JSON line alone; the sample lines go with the progress.
            SoakRun.Report report = new SoakRun(new SoakRun.Settings(settings, soak, samplePeriod, minLifetime, maxLifetime,
                    System.nanoTime()), json ? System.err : System.out).run();
            System.out.println(json ? mapper.writeValueAsString(report.toJson()) : report.toText());
            return 0;
        }
        if (sweep) {
            Sweep.Result result = Sweep.run(settings, sessions < 2 ? 64 : sessions, System.err);
            String summary = String.format("Kept up with %d sessions: %.2f sessions per core.",
                    result.maxSessionsKeptUp(), result.sessionsPerCore());
            writeReport(result.steps(), summary);
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("maxSessions", result.maxSessionsKeptUp());
                line.put("sessionsPerCore", result.sessionsPerCore());
                line.put("steps", result.steps());
                System.out.println(mapper.writeValueAsString(line));
            } else {
                System.out.println(summary);
            }
            return 0;
        }
        if (targets.size() > 1) {
            List<LoadReport> runs = Comparison.run(settings, targets, System.err);
            writeReport(runs, "The same load against " + String.join(", ", Comparison.labels(runs))
                    + ", one after the other.");
            System.out.println(json ? mapper.writeValueAsString(Map.of("runs", runs)) : Comparison.toTable(runs));
            return 0;
        }
        LoadReport report = new LoadRun(settings, System.err).run();
        writeReport(List.of(report), report.keptUp() ? "Delivered as asked." : "Did not keep up.");
        System.out.println(json ? mapper.writeValueAsString(report) : report.toTable());
        return 0;
    }

    private void writeReport(List<LoadReport> runs, String summary) throws java.io.IOException {
        if (reportDir != null) {
            System.err.println("report: " + HtmlReport.write(reportDir, runs, summary).toAbsolutePath());
        }
    }
}
