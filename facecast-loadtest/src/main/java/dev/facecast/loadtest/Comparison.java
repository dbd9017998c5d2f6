package dev.facecast.loadtest;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The same load against several servers, one after the other (never at once, so they do not
 * compete for the machine), and the runs side by side: one column per target, labelled by the
 * engine it runs.
 */
final class Comparison {

    /** One table row: its name and how a run's value reads. */
    private record Row(String name, Function<LoadReport, String> value) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("sessions", r -> Integer.toString(r.sessions())),
            new Row("server CPU, cores", r -> String.format("%.3f", r.serverCpuCores())),
            new Row("  per session", r -> String.format("%.3f", r.serverCpuCoresPerSession())),
            new Row("server OS threads at end", r -> Long.toString(r.serverOsThreads())),
            new Row("server RSS MB per session", r -> String.format("%.1f", r.rssMbPerSession())),
            new Row("received fps, min", r -> String.format("%.2f", r.receivedFpsMin())),
            new Row("received fps, median", r -> String.format("%.2f", r.receivedFpsP50())),
            new Row("lateness p50 ms", r -> String.format("%.1f", r.latenessP50Ms())),
            new Row("lateness p99 ms", r -> String.format("%.1f", r.latenessP99Ms())),
            new Row("lateness max ms", r -> String.format("%.1f", r.latenessMaxMs())),
            new Row("mean QP", r -> String.format("%.1f", r.meanQp())),
            new Row("freezes", r -> Long.toString(r.freezes())),
            new Row("packets lost", r -> Long.toString(r.packetsLost())),
            new Row("NACKs / PLIs sent", r -> r.nacks() + " / " + r.plis()),
            new Row("WHEP answer p50 ms", r -> String.format("%.1f", r.whepAnswerMsP50())),
            new Row("WHEP answer max ms", r -> String.format("%.1f", r.whepAnswerMsMax())),
            new Row("first frame p50 ms", r -> String.format("%.1f", r.firstFrameMsP50())),
            new Row("first frame max ms", r -> String.format("%.1f", r.firstFrameMsMax())),
            new Row("audio underruns", r -> Long.toString(r.underruns())),
            new Row("A/V skew p50 / |p95| ms", r -> r.sync() == null ? "-" : r.sync().p50AndAbsP95()),
            new Row("kept up", r -> r.keptUp() ? "yes" : "no"));

    private Comparison() {
    }

    /** Runs {@code settings} against each target in turn; the reports in the targets' order. */
    static List<LoadReport> run(LoadRun.Settings settings, List<URI> targets, PrintStream progress) throws Exception {
        List<LoadReport> runs = new ArrayList<>();
        for (URI target : targets) {
            progress.printf("%n== %s%n", target);
            runs.add(new LoadRun(settings.withTarget(target), progress).run());
        }
        return List.copyOf(runs);
    }

    /**
     * Each run's column heading: its engine, or its URL where the server does not name one;
     * two alike get their URLs added, and the same URL twice its position.
     */
    static List<String> labels(List<LoadReport> runs) {
        List<String> base = runs.stream().map(LoadReport::label).toList();
        List<String> named = IntStream.range(0, runs.size())
                .mapToObj(i -> Collections.frequency(base, base.get(i)) > 1 && runs.get(i).mediaEngine() != null
                        ? base.get(i) + " " + runs.get(i).target() : base.get(i)).toList();
        return IntStream.range(0, runs.size())
                .mapToObj(i -> Collections.frequency(named, named.get(i)) > 1 ? named.get(i) + " #" + (i + 1) : named.get(i))
                .toList();
    }

    static String toTable(List<LoadReport> runs) {
        List<String> labels = labels(runs);
        int nameWidth = ROWS.stream().mapToInt(row -> row.name().length()).max().orElse(0) + 2;
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            int column = i;
            int valueWidth = ROWS.stream().mapToInt(row -> row.value().apply(runs.get(column)).length()).max().orElse(0);
            widths.add(Math.max(labels.get(i).length(), valueWidth) + 2);
        }
        LoadReport first = runs.getFirst();
        StringBuilder table = new StringBuilder(String.format(
                "%d sessions at %d fps (idle %d fps, talking %.0f %% of the time), %.1f s measured per target, "
                        + "one after the other%n",
                first.sessions(), first.fpsRequested(), first.idleFps(), first.talkRatio() * 100, first.durationSeconds()));
        table.append(" ".repeat(nameWidth));
        for (int i = 0; i < runs.size(); i++) {
            table.append(pad(labels.get(i), widths.get(i)));
        }
        for (Row row : ROWS) {
            table.append(System.lineSeparator()).append(String.format("%-" + nameWidth + "s", row.name()));
            for (int i = 0; i < runs.size(); i++) {
                table.append(pad(row.value().apply(runs.get(i)), widths.get(i)));
            }
        }
        return table.toString();
    }

    /** Right-aligned, so that numbers line up. */
    private static String pad(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }
}
