package dev.facecast.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.server.FacecastServer;
import dev.facecast.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LoadRunTest {

    @Test
    void shouldReceiveEverySessionAndPrintOneJsonLine() throws Exception {
        try (FacecastServer server = FacecastServer.start(ServerConfig.defaults().withPort(0))) {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            PrintStream original = System.out;
            System.setOut(new PrintStream(stdout, true));
            int exit;
            try {
                exit = new CommandLine(new LoadTestCommand()).execute("--target", server.baseUrl() + "/", "--sessions", "2",
                        "--duration", "3", "--fps", "10", "--width", "320", "--height", "240", "--talk-ratio", "0.5", "--json");
            } finally {
                System.setOut(original);
            }
            String[] lines = stdout.toString().strip().split("\n");
            JsonNode report = new ObjectMapper().readTree(lines[lines.length - 1]);

            assertThat(exit).isZero();
            assertThat(report.get("sessions").asInt()).isEqualTo(2);
            assertThat(report.get("receivedFpsMin").asDouble()).isBetween(8.0, 11.0);
            assertThat(report.get("receivedFpsP50").asDouble()).isBetween(8.0, 11.0);
            assertThat(report.get("serverCpuCoresPerSession").asDouble()).isPositive();
            for (String field : new String[]{"latenessMaxMs", "underruns", "rssMbPerSession", "serverCpuCores"}) {
                assertThat(report.has(field)).as(field).isTrue();
            }
            assertThat(server.baseUrl()).isNotNull();
            assertThat(new ObjectMapper().readTree(URI.create(server.baseUrl() + "/v1/runtime").toURL()).get("sessions").asInt())
                    .isZero();
        }
    }
}
