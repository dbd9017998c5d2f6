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

/** Writes a load test's results as an HTML page with three plots (PNG, drawn by XChart). */
final class HtmlReport {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 400;

    private HtmlReport() {
    }

    /** Writes {@code index.html} and its plots into {@code dir}; returns the page. */
    static Path write(Path dir, List<LoadReport> runs, String summary) throws IOException {
        Files.createDirectories(dir);
        BitmapEncoder.saveBitmap(cpuPerSession(runs), dir.resolve("cpu-per-session").toString(), BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(lateness(runs), dir.resolve("lateness").toString(), BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(fpsOverTime(runs), dir.resolve("fps-over-time").toString(), BitmapEncoder.BitmapFormat.PNG);
        StringBuilder rows = new StringBuilder();
        for (LoadReport run : runs) {
            rows.append(String.format("<tr><td>%d</td><td>%.3f</td><td>%.3f</td><td>%.2f</td><td>%.2f</td><td>%.1f</td>"
                            + "<td>%.1f</td><td>%d</td><td>%.1f</td><td>%s</td></tr>%n",
                    run.sessions(), run.serverCpuCores(), run.serverCpuCoresPerSession(), run.receivedFpsMin(),
                    run.receivedFpsP50(), run.latenessP50Ms(), run.latenessP99Ms(), run.underruns(), run.rssMbPerSession(),
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
                <table><tr><th>sessions</th><th>server cores</th><th>cores/session</th><th>fps min</th><th>fps p50</th>
                <th>lateness p50 ms</th><th>lateness p99 ms</th><th>underruns</th><th>RSS MB/session</th><th>kept up</th></tr>
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

    private static XYChart cpuPerSession(List<LoadReport> runs) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Server CPU per session")
                .xAxisTitle("sessions").yAxisTitle("cores per session").build();
        chart.addSeries("cores per session", runs.stream().map(r -> (double) r.sessions()).toList(),
                runs.stream().map(LoadReport::serverCpuCoresPerSession).toList());
        return chart;
    }

    private static CategoryChart lateness(List<LoadReport> runs) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Frame lateness (ms)")
                .xAxisTitle("percentile").yAxisTitle("ms").build();
        List<String> percentiles = List.of("p50", "p90", "p99", "p99.9", "max");
        for (LoadReport run : runs) {
            chart.addSeries(run.sessions() + " sessions", percentiles, run.latenessPercentilesMs());
        }
        return chart;
    }

    private static XYChart fpsOverTime(List<LoadReport> runs) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Received fps (mean over sessions)")
                .xAxisTitle("seconds").yAxisTitle("fps").build();
        for (LoadReport run : runs) {
            List<Double> fps = run.fpsOverTime().isEmpty() ? List.of(0.0) : run.fpsOverTime();
            List<Double> seconds = IntStream.rangeClosed(1, fps.size()).mapToObj(i -> (double) i).toList();
            chart.addSeries(run.sessions() + " sessions", seconds, fps);
        }
        return chart;
    }
}
