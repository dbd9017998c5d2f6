package dev.facecast.loadtest;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Writes a load test's results as an HTML page with three plots (PNG, drawn by XChart). Runs
 * against several targets (a {@link Comparison}) are plotted one series per target; runs against
 * one (a sweep) one series per session count.
 */
final class HtmlReport {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 400;

    private HtmlReport() {
    }

    /** Writes {@code index.html} and its plots into {@code dir}; returns the page. */
    static Path write(Path dir, List<LoadReport> runs, String summary) throws IOException {
        Files.createDirectories(dir);
        boolean oneTarget = runs.stream().map(LoadReport::target).distinct().count() == 1;
        List<String> series = oneTarget ? runs.stream().map(run -> run.sessions() + " sessions").toList()
                : Comparison.labels(runs);
        BitmapEncoder.saveBitmap(cpuPerSession(runs, oneTarget ? List.of() : series),
                dir.resolve("cpu-per-session").toString(), BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(lateness(runs, series), dir.resolve("lateness").toString(), BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(fpsOverTime(runs, series), dir.resolve("fps-over-time").toString(),
                BitmapEncoder.BitmapFormat.PNG);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            LoadReport run = runs.get(i);
            rows.append(String.format("<tr><td>%s</td><td>%d</td><td>%.3f</td><td>%.3f</td><td>%.2f</td><td>%.2f</td>"
                            + "<td>%.1f</td><td>%.1f</td><td>%d</td><td>%.1f</td><td>%d</td><td>%.1f</td><td>%d</td>"
                            + "<td>%.0f</td><td>%.0f</td><td>%s</td></tr>%n",
                    escape(oneTarget ? run.label() : series.get(i)), run.sessions(), run.serverCpuCores(),
                    run.serverCpuCoresPerSession(), run.receivedFpsMin(), run.receivedFpsP50(), run.latenessP50Ms(), run.latenessP99Ms(), run.underruns(), run.rssMbPerSession(),
                    run.serverOsThreads(), run.meanQp(), run.freezes(), run.whepAnswerMsP50(), run.firstFrameMsP50(),
                    run.keptUp() ? "yes" : "no"));
        }
        LoadReport first = runs.getFirst();
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Facecast load test</title>
                <style>body{font-family:system-ui,sans-serif;max-width:800px;margin:2rem auto;color:#1d2733}
                table{border-collapse:collapse}td,th{padding:.3rem .6rem;border-bottom:1px solid #ccd}
                img{max-width:100%%}</style></head><body>
                <h1>Facecast load test</h1>
                <p>%dx%d at %d fps (idle %d fps), talking %.0f %% of the time; %.0f s measured per step.</p>
                <p><strong>%s</strong></p>
                <table><tr><th>target</th><th>sessions</th><th>server cores</th><th>cores/session</th><th>fps min</th>
                <th>fps p50</th><th>lateness p50 ms</th><th>lateness p99 ms</th><th>underruns</th><th>RSS MB/session</th>
                <th>OS threads</th><th>mean QP</th><th>freezes</th><th>WHEP answer p50 ms</th><th>first frame p50 ms</th><th>kept up</th></tr>
                %s</table>
                <h2>CPU per session</h2><img src="cpu-per-session.png" alt="CPU per session against sessions">
                <h2>Frame lateness at the receivers</h2><img src="lateness.png" alt="lateness percentiles">
                <h2>Received frame rate over time</h2><img src="fps-over-time.png" alt="fps over time">
                </body></html>
                """.formatted(WIDTH, HEIGHT, first.fpsRequested(), first.idleFps(), first.talkRatio() * 100,
                first.durationSeconds(), summary, rows);
        Path page = dir.resolve("index.html");
        Files.writeString(page, html);
        return page;
    }

    /** One line over the session counts, or with {@code targets} named, one point per target. */
    private static XYChart cpuPerSession(List<LoadReport> runs, List<String> targets) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Server CPU per session")
                .xAxisTitle("sessions").yAxisTitle("cores per session").build();
        if (targets.isEmpty()) {
            chart.addSeries("cores per session", runs.stream().map(r -> (double) r.sessions()).toList(),
                    runs.stream().map(LoadReport::serverCpuCoresPerSession).toList());
            return chart;
        }
        for (int i = 0; i < runs.size(); i++) {
            chart.addSeries(targets.get(i), List.of((double) runs.get(i).sessions()),
                    List.of(runs.get(i).serverCpuCoresPerSession()));
        }
        return chart;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static CategoryChart lateness(List<LoadReport> runs, List<String> series) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Frame lateness (ms)")
                .xAxisTitle("percentile").yAxisTitle("ms").build();
        List<String> percentiles = List.of("p50", "p90", "p99", "p99.9", "max");
        for (int i = 0; i < runs.size(); i++) {
            chart.addSeries(series.get(i), percentiles, runs.get(i).latenessPercentilesMs());
        }
        return chart;
    }

    private static XYChart fpsOverTime(List<LoadReport> runs, List<String> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Received fps (mean over sessions)")
                .xAxisTitle("seconds").yAxisTitle("fps").build();
        for (int i = 0; i < runs.size(); i++) {
            List<Double> fps = runs.get(i).fpsOverTime().isEmpty() ? List.of(0.0) : runs.get(i).fpsOverTime();
            List<Double> seconds = IntStream.rangeClosed(1, fps.size()).mapToObj(s -> (double) s).toList();
            chart.addSeries(series.get(i), seconds, fps);
        }
        return chart;
    }
}
