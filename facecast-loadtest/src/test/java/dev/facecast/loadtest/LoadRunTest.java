package dev.facecast.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.server.FacecastServer;
import dev.facecast.server.ServerConfig;
import dev.facecast.testsupport.CheckLeaks;
import dev.facecast.testsupport.RunningServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The load-test tool against an in-process server: its JSON line, its report, its sweep, its soak. */
@Tag("native")
@CheckLeaks
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LoadRunTest {

    @RegisterExtension
    static final RunningServer<FacecastServer> server = new RunningServer<>(() -> {
        System.setProperty("java.awt.headless", "true");
        return FacecastServer.start(ServerConfig.defaults().withPort(0));
    }, FacecastServer::baseUrl);

    @Test
    void shouldReceiveEverySessionPrintOneJsonLineAndWriteAReport(@TempDir Path reportDir) throws Exception {
        JsonNode report = runJson("--sessions", "2", "--duration", "3", "--fps", "10", "--width", "320", "--height", "240",
                "--talk-ratio", "0.5", "--report", reportDir.toString());

        assertThat(report.get("sessions").asInt()).isEqualTo(2);
        assertThat(report.get("receivedFpsMin").asDouble()).isBetween(8.0, 11.0);
        assertThat(report.get("receivedFpsP50").asDouble()).isBetween(8.0, 11.0);
        assertThat(report.get("serverCpuCoresPerSession").asDouble()).isPositive();
        assertThat(report.get("latenessP99Ms").asDouble()).isBetween(0.0, 1000.0);
        for (String field : new String[]{"underruns", "rssMbPerSession", "fpsOverTime"}) {
            assertThat(report.has(field)).as(field).isTrue();
        }
        assertThat(reportDir.resolve("index.html")).exists();
        assertThat(Files.readString(reportDir.resolve("index.html"))).contains("cpu-per-session.png");
        assertThat(Files.size(reportDir.resolve("lateness.png"))).isPositive();
        assertThat(Files.size(reportDir.resolve("fps-over-time.png"))).isPositive();
        assertThat(server.client().runtime().get("sessions").asInt()).isZero();
    }

    @Test
    void shouldSweepUpToTheLimitAndReportSessionsPerCore() throws Exception {
        JsonNode sweep = runJson("--sweep", "--sessions", "2", "--duration", "2", "--fps", "10", "--width", "320",
                "--height", "240");

        assertThat(sweep.get("steps")).hasSize(2);
        assertThat(sweep.get("steps").get(1).get("sessions").asInt()).isEqualTo(2);
        assertThat(sweep.get("maxSessions").asInt()).isBetween(0, 2);
        assertThat(sweep.get("sessionsPerCore").asDouble()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldSoakWithChurningSessionsSampleTheRuntimeAndJudgeFlatness() throws Exception {
        JsonNode soak = runJson("--soak", "20s", "--sample-every", "2s", "--min-lifetime", "4s", "--max-lifetime", "8s",
                "--sessions", "2", "--fps", "10", "--width", "320", "--height", "240");

        assertThat(soak.get("soakSeconds").asDouble()).isBetween(20.0, 60.0);
        // Two slots living 4-8 s (plus connecting) over 20 s: each replaced at least once.
        assertThat(soak.get("sessionsCreated").asLong()).isBetween(4L, 12L);
        assertThat(soak.get("samples").size()).isBetween(5, 11);
        assertThat(soak.get("samples").get(0).get("sessions").asInt()).isBetween(1, 2);
        for (String field : new String[]{"rssBytes", "osThreads", "facecastThreads", "nativeFramesOutstanding", "poolFramesOutstanding"}) {
            assertThat(soak.get("samples").get(0).has(field)).as(field).isTrue();
        }
        assertThat(soak.get("judged").asBoolean()).isTrue();
        assertThat(soak.get("metrics").get("rss").has("growthAllowed")).isTrue();
        assertThat(soak.get("metrics").get("facecastThreads").has("flat")).isTrue();
        assertThat(server.client().runtime().get("sessions").asInt()).isZero();
    }

    private static JsonNode runJson(String... options) throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(stdout, true));
        int exit;
        try {
            String[] args = new String[options.length + 3];
            args[0] = "--target";
            args[1] = server.baseUrl() + "/";
            args[2] = "--json";
            System.arraycopy(options, 0, args, 3, options.length);
            exit = new CommandLine(new LoadTestCommand()).execute(args);
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isZero();
        String[] lines = stdout.toString().strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
