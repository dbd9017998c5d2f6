package dev.facecast.server;

import dev.facecast.testsupport.Browser;
import dev.facecast.testsupport.CheckLeaks;
import dev.facecast.testsupport.RunningServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A/V sync and response time where the user is: Chromium decodes and plays the session, and
 * the page's sync meter times the avatar's mark against the tone bursts it hears
 * ({@code static/sync-meter.js}).
 */
@Tag("e2e")
@CheckLeaks
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SyncEndToEndTest {

    @RegisterExtension
    static final RunningServer<FacecastServer> server = new RunningServer<>(
            () -> FacecastServer.start(ServerConfig.defaults().withPort(0)), FacecastServer::baseUrl);
    private static final int BURSTS = 12;

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
            String sessionId = browser.startSession(server.baseUrl() + "/?idleFps=0&syncMark=1&syncMarkDelayMs=" + markDelayMs + "&" + query);
            browser.waitFor("the audio track", 10, () -> ((Number) browser.script(
                    "return window.facecast.stream.getAudioTracks().length")).intValue() > 0);
            browser.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    window.facecastSync.start(document.getElementById('avatar'), window.facecast.stream)
                        .then(() => done(true), (e) => done(String(e)));
                    """);
            Thread.sleep(2_000); // past the first key frame and the first sender reports
            assertThat(postFromPage(browser, "sync-probe", "{count: %d, periodMs: 600, burstMs: 200}".formatted(BURSTS))).isEqualTo(202L);
            browser.waitFor("every burst heard", 30, () -> ((Number) browser.script(
                    "return window.facecastSync.state.audioOnsets.length")).intValue() >= BURSTS);
            Thread.sleep(500); // the last picture onset may follow the last sound onset
            Map<String, Object> result = (Map<String, Object>) browser.script("return window.facecastSync.result()");
            System.out.printf("[sync] %s, mark delayed %d ms: POST to first sound %.0f ms; skew p50 %.0f ms, |skew| p95 %.0f ms"
                            + " over %s bursts %s%n", query, markDelayMs, sinceLastPost(browser, 0),
                    ((Number) result.get("p50Ms")).doubleValue(), ((Number) result.get("absP95Ms")).doubleValue(),
                    result.get("count"), ((List<?>) result.get("skewsMs")).stream()
                            .map(v -> String.format("%.0f", ((Number) v).doubleValue())).toList());
            int heardBefore = BURSTS;
            postFromPage(browser, "say", "{text: 'Hello! I am Facecast, and I can talk.'}");
            browser.waitFor("speech heard", 10, () -> ((Number) browser.script(
                    "return window.facecastSync.state.audioOnsets.length")).intValue() > heardBefore);
            System.out.printf("[latency] %s: say to first sound %.0f ms (session %s)%n", query, sinceLastPost(browser, heardBefore), sessionId);
            return result;
        }
    }

    /** POSTs {@code body} (a JS object literal) to the page's session, timing it on the page's clock. */
    private static Object postFromPage(Browser browser, String action, String body) {
        return browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                window.postedAt = performance.now();
                fetch(`/v1/sessions/${window.facecast.sessionId}/%s`, {method: 'POST',
                    headers: {'Content-Type': 'application/json'}, body: JSON.stringify(%s)})
                  .then((r) => done(r.status), (e) => done(String(e)));
                """.formatted(action, body));
    }

    /** From the last POST to the sound onset numbered {@code onset}, in ms. */
    private static double sinceLastPost(Browser browser, int onset) {
        return ((Number) browser.script("return window.facecastSync.state.audioOnsets[arguments[0]] - window.postedAt", onset))
                .doubleValue();
    }
}
