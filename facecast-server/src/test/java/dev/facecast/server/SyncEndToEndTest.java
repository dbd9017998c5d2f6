package dev.facecast.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A/V sync where the user is: Chromium decodes and plays the session, and the page's sync
 * meter times the avatar's mark against the tone bursts it hears.
 */
@Tag("e2e")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SyncEndToEndTest {

    private static final int BURSTS = 12;
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
    void shouldKeepPictureAndSoundWithin40MsAt15Fps() throws Exception {
        Map<String, Object> result = measure("fps=15", 0);

        assertThat(((Number) result.get("count")).intValue()).isGreaterThanOrEqualTo(BURSTS - 2);
        assertThat(((Number) result.get("absP95Ms")).doubleValue()).isLessThanOrEqualTo(40);
    }

    @Test
    void shouldSeeADeliberateDelayAsItsSize() throws Exception {
        double inSync = ((Number) measure("fps=30", 0).get("p50Ms")).doubleValue();
        double delayed = ((Number) measure("fps=30", 150).get("p50Ms")).doubleValue();

        assertThat(delayed - inSync).isCloseTo(150, within(20.0));
    }

    /** One session with the mark, a run of tone bursts, and what the page's meter made of it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> measure(String query, int markDelayMs) throws Exception {
        try (Browser browser = new Browser()) {
            browser.driver.get(server.baseUrl() + "/?idleFps=0&syncMark=1&syncMarkDelayMs=" + markDelayMs + "&" + query);
            browser.driver.findElement(By.id("start")).click();
            BrowserEndToEndTest.waitFor(() -> browser.script("return window.facecast.whepToFirstFrameMs") != null, 20);
            BrowserEndToEndTest.waitFor(() -> ((Number) browser.script(
                    "return window.facecast.stream.getAudioTracks().length")).intValue() > 0, 10);
            browser.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    window.facecastSync.start(document.getElementById('avatar'), window.facecast.stream)
                        .then(() => done(true), (e) => done(String(e)));
                    """);
            Thread.sleep(2_000); // past the first key frame and the first sender reports
            Object status = browser.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    window.probePostedAt = performance.now();
                    fetch(`/v1/sessions/${window.facecast.sessionId}/sync-probe`, {method: 'POST',
                        headers: {'Content-Type': 'application/json'}, body: JSON.stringify({count: %d, periodMs: 600, burstMs: 200})})
                      .then((r) => done(r.status), (e) => done(String(e)));
                    """.formatted(BURSTS));
            assertThat(status).isEqualTo(202L);
            BrowserEndToEndTest.waitFor(() -> ((Number) browser.script(
                    "return window.facecastSync.state.audioOnsets.length")).intValue() >= BURSTS, 30);
            Thread.sleep(500); // the last picture onset may follow the last sound onset
            Map<String, Object> result = (Map<String, Object>) browser.script("return window.facecastSync.result()");
            Thread.sleep(1_000);
            browser.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    window.sayPostedAt = performance.now();
                    window.onsetsBeforeSay = window.facecastSync.state.audioOnsets.length;
                    window.marksBeforeSay = window.facecastSync.state.videoOnsets.length;
                    fetch(`/v1/sessions/${window.facecast.sessionId}/say`, {method: 'POST',
                        headers: {'Content-Type': 'application/json'}, body: JSON.stringify({text: 'Hello! I am Facecast, and I can talk.'})})
                      .then((r) => done(r.status), (e) => done(String(e)));
                    """);
            Thread.sleep(3_000);
            System.out.printf("[latency] %s: say to first sound %s ms%n", query,
                    browser.script("return window.facecastSync.state.audioOnsets[window.onsetsBeforeSay] - window.sayPostedAt"));
            System.out.printf("[sync] %s, mark delayed %d ms: POST to first sound %s ms, to first mark %s ms; "
                            + "skew p50 %s ms, |skew| p95 %s ms over %s bursts %s%n",
                    query, markDelayMs,
                    browser.script("return window.facecastSync.state.audioOnsets[0] - window.probePostedAt"),
                    browser.script("return window.facecastSync.state.videoOnsets.find((t) => t > window.probePostedAt) - window.probePostedAt"), result.get("p50Ms"), result.get("absP95Ms"), result.get("count"),
                    ((List<?>) result.get("skewsMs")).stream().map(v -> String.format("%.0f", ((Number) v).doubleValue())).toList());
            return result;
        }
    }
}
