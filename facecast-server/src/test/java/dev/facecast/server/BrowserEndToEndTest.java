package dev.facecast.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facecast.client.FacecastClient;
import dev.facecast.testsupport.Browser;
import dev.facecast.testsupport.CheckLeaks;
import dev.facecast.testsupport.RunningServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The foundation, end to end: the demo page in headless Chromium creates a session, receives
 * VP8 video and Opus audio from libwebrtc, follows a frame-rate change, hears speech, and the
 * server is back to its baseline after DELETE.
 */
@Tag("e2e")
@CheckLeaks
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BrowserEndToEndTest {

    @RegisterExtension
    static final RunningServer<FacecastServer> server = new RunningServer<>(
            () -> FacecastServer.start(ServerConfig.defaults().withPort(0)), FacecastServer::baseUrl);

    /**
     * OS threads the JVM may add for itself during a session and keep past it: a compiler thread
     * (C2 starts them as code gets hot), a carrier the virtual-thread scheduler keeps idle for 30 s.
     * Facecast's own threads are counted exactly (facecastThreads).
     */
    private static final int JVM_THREADS_SLACK = 2;
    private static final String SEVEN_SECONDS_OF_SPEECH = "Hello! I am Facecast, and I can talk. I speak with a face that "
            + "moves its mouth in time with every word, and I keep talking for a while so you can watch me do it.";

    @Test
    void shouldStreamTheTalkingHeadToChromiumAndReleaseEverythingAfterDelete() throws Exception {
        FacecastClient api = server.client();
        try (Browser browser = new Browser()) {
            // idleFps=0: the requested rate also while silent; the idle rate is checked below
            String sessionId = browser.startSession(server.baseUrl() + "/?fps=15&idleFps=0");
            browser.waitFor("the first frame decoded", 20, () -> browser.script("return window.facecast.whepToFirstFrameMs") != null);
            System.out.printf("[e2e] WHEP POST to first decoded frame: %.0f ms (%s)%n",
                    ((Number) browser.script("return window.facecast.whepToFirstFrameMs")).doubleValue(),
                    browser.script("const t = window.facecast.timings; return `answer ${(t.answered - t.whepPosted).toFixed(0)} ms, "
                            + "connected ${(t.connected - t.whepPosted).toFixed(0)} ms`"));

            // The server engine codes a frame only when the picture changed (and at least every 200 ms
            // while it is still), so the full rate is what a receiver sees while the avatar talks.
            double energyBefore = browser.totalAudioEnergy();
            api.say(sessionId, SEVEN_SECONDS_OF_SPEECH);
            browser.waitFor("speech heard", 20, () -> browser.totalAudioEnergy() > energyBefore + 0.01);
            double fps15 = decodedFps(browser, 4_000);
            Map<String, Object> video = browser.inboundStats();
            System.out.printf("[e2e] decoded %.2f fps at 15 requested, speaking; freezes %s%n", fps15, video.get("freezeCount"));
            assertThat(((Number) video.get("frameWidth")).intValue()).isEqualTo(720);
            assertThat(((Number) video.get("frameHeight")).intValue()).isEqualTo(480);
            assertThat(fps15).isCloseTo(15.0, within(1.5));
            Files.write(Path.of("target", "e2e-speaking.png"), browser.driver().getScreenshotAs(OutputType.BYTES));
            JsonNode state = api.session(sessionId);
            assertThat(state.get("speechMsPushed").asLong()).isPositive();
            assertThat(state.get("resamplersActive").asInt()).isZero();

            api.patch(sessionId, Map.of("fps", 5));
            Thread.sleep(1_500); // let the frames already in flight at the old rate arrive
            double fps5 = decodedFps(browser, 8_000); // longer: at 5 fps one frame is 4 % of 5 s
            System.out.printf("[e2e] decoded %.2f fps at 5 requested%n", fps5);
            assertThat(fps5).isCloseTo(5.0, within(0.5));

            api.patch(sessionId, Map.of("fps", 15, "idleFps", 3));
            Thread.sleep(1_500); // likewise, before measuring the idle rate
            double idleFps = decodedFps(browser, 5_000);
            System.out.printf("[e2e] decoded %.2f fps silent at idle rate 3 (fps 15); freezes %s%n", idleFps,
                    browser.inboundStats().get("freezeCount"));
            assertThat(idleFps).isCloseTo(3.0, within(0.5));

            assertThat(api.send("DELETE", "/v1/sessions/" + sessionId, null, null).statusCode()).isEqualTo(204);
            browser.driver().findElement(By.id("stop")).click(); // the page's own DELETE now gets 404 and it resets
            browser.waitFor("no sessions", 10, () -> runtime().get("sessions").asInt() == 0);

            // The first session also started process-wide threads (virtual-thread schedulers,
            // Java2D's disposer); what matters is that a session leaves nothing behind.
            Thread.sleep(2_000); // for those to settle before the baseline
            JsonNode baseline = api.runtime();
            browser.driver().findElement(By.id("start")).click();
            browser.waitFor("the second session's first frame", 20,
                    () -> browser.script("return window.facecast.whepToFirstFrameMs") != null);
            String second = (String) browser.script("return window.facecast.sessionId");
            api.say(second, "Goodbye.");
            Thread.sleep(1_000); // stop while it speaks
            browser.driver().findElement(By.id("stop")).click();
            AtomicReference<JsonNode> last = new AtomicReference<>();
            try {
                browser.waitFor("the second session's threads and frames released", 15, () -> {
                    JsonNode now = runtime();
                    last.set(now);
                    return now.get("sessions").asInt() == 0
                            && now.get("nativeFramesOutstanding").asLong() == 0
                            && now.get("facecastThreads").asLong() <= baseline.get("facecastThreads").asLong()
                            && now.get("osThreads").asLong() <= baseline.get("osThreads").asLong() + JVM_THREADS_SLACK;
                });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; before the session " + baseline + ", at the end " + last.get(), e);
            }
            JsonNode after = api.runtime();
            System.out.printf("[e2e] threads before the second session %d, after it %d%n",
                    baseline.get("osThreads").asLong(), after.get("osThreads").asLong());
            assertThat(after.get("poolFramesOutstanding").asLong()).isZero();
            assertThat(api.json(api.send("GET", "/v1/sessions/" + second, null, null)).get("status").asInt()).isEqualTo(404);
        }
    }

    private static double decodedFps(Browser browser, long windowMs) throws InterruptedException {
        Map<String, Object> first = browser.inboundStats();
        Thread.sleep(windowMs); // the window over which frames are counted
        Map<String, Object> second = browser.inboundStats();
        double frames = ((Number) second.get("framesDecoded")).doubleValue() - ((Number) first.get("framesDecoded")).doubleValue();
        double seconds = (((Number) second.get("videoTimestamp")).doubleValue() - ((Number) first.get("videoTimestamp")).doubleValue()) / 1000.0;
        return frames / seconds;
    }

    private static JsonNode runtime() {
        try {
            return server.client().runtime();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
