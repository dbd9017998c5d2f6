package dev.facecast.server;

import dev.facecast.testsupport.Browser;
import dev.facecast.testsupport.FreePort;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a native crash costs: the whole process, so it runs under a supervisor that starts it
 * again (systemd's {@code Restart=always}, deploy/systemd/facecast.service; Kubernetes restarts a
 * pod's container the same way), and the page starts a new session once the server answers.
 * Here the supervisor is the shell loop such a unit amounts to, the crash a SIGKILL (what a
 * SIGSEGV or SIGABRT in native code leaves the supervisor with), and the page real Chromium.
 */
@Tag("e2e")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SupervisedRestartTest {

    @Test
    void shouldComeBackUnderItsSupervisorAndThePageShouldStartANewSession() throws Exception {
        int port = FreePort.pick();
        String baseUrl = "http://127.0.0.1:" + port;
        Path log = Files.createTempFile("facecast-supervised-", ".log");
        String serve = String.join(" ", ServerJvm.serve(List.of("--port", Integer.toString(port), "--no-listen",
                "--tts", "freetts", "--media-threads", "1")).stream().map(SupervisedRestartTest::quoted).toList());
        Process supervisor = new ProcessBuilder("bash", "-c", "while true; do " + serve + "; sleep 0.5; done")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        try (Browser browser = new Browser()) {
            awaitAnswering(baseUrl, 90);
            browser.startSession(baseUrl + "/?fps=15");
            browser.waitFor("the first frame", 30, () -> browser.script("return window.facecast.whepToFirstFrameMs") != null);
            String firstSession = (String) browser.script("return window.facecast.sessionId");

            ProcessHandle server = supervisor.toHandle().children().findFirst().orElseThrow();
            long killedAtNs = System.nanoTime();
            server.destroyForcibly();
            awaitAnswering(baseUrl, 90);
            double restartS = (System.nanoTime() - killedAtNs) / 1e9;
            browser.waitFor("the page's new session", 60,
                    () -> ((Number) browser.script("return window.facecast.reconnects")).intValue() == 1
                            && browser.script("return window.facecast.whepToFirstFrameMs") != null);
            double reconnectedS = (System.nanoTime() - killedAtNs) / 1e9;

            System.out.printf("[restart] server answering again %.1f s after SIGKILL; the page showing a new session "
                    + "%.1f s after%n", restartS, reconnectedS);
            assertThat(browser.script("return window.facecast.sessionId")).isNotEqualTo(firstSession);
        } catch (AssertionError | RuntimeException e) {
            List<String> lines = Files.readAllLines(log);
            System.out.println(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            throw e;
        } finally {
            supervisor.descendants().forEach(ProcessHandle::destroyForcibly);
            supervisor.destroyForcibly();
            supervisor.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
        }
    }

    private static void awaitAnswering(String baseUrl, int seconds) throws InterruptedException {
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!ServerJvm.answers(baseUrl)) {
            assertThat(System.nanoTime()).as("the server answering within " + seconds + " s").isLessThan(deadlineNs);
            Thread.sleep(100);
        }
    }

    private static String quoted(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }
}
