package dev.facecast.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The foundation, end to end: the demo page in headless Chromium creates a session, receives
 * VP8 video and Opus audio from libwebrtc, follows a frame-rate change, hears speech, and the
 * server is back to its baseline after DELETE.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BrowserEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static FacecastServer server;

    @BeforeAll
    static void startServer() {
        server = FacecastServer.start(ServerConfig.defaults().withPort(0));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void shouldStreamTheTalkingHeadToChromiumAndReleaseEverythingAfterDelete() throws Exception {
        try (Browser browser = new Browser()) {
            // idleFps=0: the requested rate also while silent; the idle rate is checked below
            browser.driver.get(server.baseUrl() + "/?fps=15&idleFps=0");
            browser.driver.findElement(By.id("start")).click();
            waitFor(() -> "connected".equals(browser.script("return window.facecast.pc && window.facecast.pc.connectionState")), 20);
            waitFor(() -> browser.script("return window.facecast.whepToFirstFrameMs") != null, 20);
            String sessionId = (String) browser.script("return window.facecast.sessionId");
            System.out.printf("[e2e] WHEP POST to first decoded frame: %.0f ms (%s)%n",
                    ((Number) browser.script("return window.facecast.whepToFirstFrameMs")).doubleValue(),
                    browser.script("const t = window.facecast.timings; return `answer ${(t.answered - t.whepPosted).toFixed(0)} ms, "
                            + "connected ${(t.connected - t.whepPosted).toFixed(0)} ms`"));

            Thread.sleep(1_000); // let the decoder settle past the first key frame
            double fps15 = decodedFps(browser, 5_000);
            Map<String, Object> video = browser.inboundStats();
            System.out.printf("[e2e] decoded %.2f fps at 15 requested%n", fps15);
            assertThat(((Number) video.get("frameWidth")).intValue()).isEqualTo(720);
            assertThat(((Number) video.get("frameHeight")).intValue()).isEqualTo(480);
            assertThat(fps15).isCloseTo(15.0, within(1.5));

            patch("/v1/sessions/" + sessionId, "{\"fps\":5}");
            Thread.sleep(1_500);
            double fps5 = decodedFps(browser, 8_000); // longer: at 5 fps one frame is 4 % of 5 s
            System.out.printf("[e2e] decoded %.2f fps at 5 requested%n", fps5);
            assertThat(fps5).isCloseTo(5.0, within(0.5));

            patch("/v1/sessions/" + sessionId, "{\"fps\":15,\"idleFps\":3}");
            Thread.sleep(1_500);
            double idleFps = decodedFps(browser, 5_000);
            System.out.printf("[e2e] decoded %.2f fps silent at idle rate 3 (fps 15)%n", idleFps);
            assertThat(idleFps).isCloseTo(3.0, within(0.5));

            double energyBefore = audioEnergy(browser);
            post("/v1/sessions/" + sessionId + "/say", "{\"text\":\"Hello! I am Facecast, and I can talk.\"}", 202);
            waitFor(() -> audioEnergy(browser) > energyBefore + 0.01, 20);
            java.nio.file.Files.write(java.nio.file.Path.of("target", "e2e-speaking.png"),
                    browser.driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            JsonNode state = get("/v1/sessions/" + sessionId);
            assertThat(state.get("speechMsPushed").asLong()).isPositive();
            assertThat(state.get("resamplersActive").asInt()).isZero();

            HttpResponse<String> deleted = send(HttpRequest.newBuilder(uri("/v1/sessions/" + sessionId)).DELETE().build());
            assertThat(deleted.statusCode()).isEqualTo(204);
            browser.driver.findElement(By.id("stop")).click(); // the page's own DELETE now gets 404 and it resets
            waitFor(() -> getUnchecked("/v1/runtime").get("sessions").asInt() == 0, 10);

            // The first session also started process-wide threads (virtual-thread schedulers,
            // Java2D's disposer); what matters is that a session leaves nothing behind.
            Thread.sleep(2_000);
            JsonNode baseline = get("/v1/runtime");
            browser.driver.findElement(By.id("start")).click();
            waitFor(() -> browser.script("return window.facecast.whepToFirstFrameMs") != null, 20);
            String second = (String) browser.script("return window.facecast.sessionId");
            post("/v1/sessions/" + second + "/say", "{\"text\":\"Goodbye.\"}", 202);
            Thread.sleep(1_000);
            browser.driver.findElement(By.id("stop")).click();
            waitFor(() -> {
                JsonNode now = getUnchecked("/v1/runtime");
                return now.get("sessions").asInt() == 0
                        && now.get("nativeFramesOutstanding").asLong() == 0
                        && now.get("osThreads").asLong() <= baseline.get("osThreads").asLong();
            }, 15);
            JsonNode after = get("/v1/runtime");
            System.out.printf("[e2e] threads before the second session %d, after it %d%n",
                    baseline.get("osThreads").asLong(), after.get("osThreads").asLong());
            assertThat(after.get("poolFramesOutstanding").asLong()).isZero();
            assertThat(get("/v1/sessions/" + second).get("status").asInt()).isEqualTo(404);
        }
    }

    private static double decodedFps(Browser browser, long windowMs) throws InterruptedException {
        Map<String, Object> first = browser.inboundStats();
        Thread.sleep(windowMs);
        Map<String, Object> second = browser.inboundStats();
        double frames = ((Number) second.get("framesDecoded")).doubleValue() - ((Number) first.get("framesDecoded")).doubleValue();
        double seconds = (((Number) second.get("videoTimestamp")).doubleValue() - ((Number) first.get("videoTimestamp")).doubleValue()) / 1000.0;
        return frames / seconds;
    }

    private static double audioEnergy(Browser browser) {
        Object energy = browser.inboundStats().get("totalAudioEnergy");
        return energy == null ? 0 : ((Number) energy).doubleValue();
    }

    static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }

    private static URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    private static JsonNode get(String path) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(uri(path)).GET().build()).body());
    }

    private static JsonNode getUnchecked(String path) {
        try {
            return get(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void patch(String path, String json) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void post(String path, String json, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
