package dev.facecast.server;

import dev.facecast.testsupport.Browser;
import dev.facecast.testsupport.CheckLeaks;
import dev.facecast.testsupport.RunningServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A/V sync and response time where the user is: Chromium decodes and plays the session, and
 * the page's sync meter ({@code static/sync-meter.js}) times the avatar's mark against the
 * tone bursts it hears.
 */
@Tag("e2e")
@CheckLeaks
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SyncEndToEndTest {

    @RegisterExtension
    static final RunningServer<FacecastServer> server = new RunningServer<>(
            () -> FacecastServer.start(ServerConfig.defaults().withPort(0)), FacecastServer::baseUrl);
    private static final int BURSTS = 12;
    /**
     * A guard on the median, not the goal (|skew| p95 40 ms, then 20): on the server engine the 15 fps
     * median read +4 to +32 ms against Chromium's own sender (-63 once, in a cold JVM), and the p95 of
     * 12 bursts (their largest) 52-175 ms, one stray burst deciding it. Chromium's own sender reads
     * 20-50 ms differently from one browser start to the next: the meter's limit, not the session's.
     */
    private static final double SKEW_P50_LIMIT_MS = 100;

    /** The meter's own check, on Chromium's own sender: a mark drawn 150 ms late reads later by about that. */
    @Test
    void shouldSeeADeliberateDelayAsItsSize() throws Exception {
        try (Browser browser = new Browser()) {
            browser.driver().get(server.baseUrl() + "/");
            double inSync = p50(reference(browser, 0));
            double late = p50(reference(browser, 150));

            System.out.printf("[sync] Chromium's own sender: skew p50 %.0f ms; a mark 150 ms late reads %.0f ms later%n",
                    inSync, late - inSync);
            // What it reads is a measurement (124-204 ms seen on two loaded cores): the test checks the
            // meter sees the delay, on the right side and of the right order, not how exactly.
            assertThat(late - inSync).isBetween(75.0, 300.0);
        }
    }

    /**
     * A session at 720x480 read against Chromium's own sender measured the same way in the same
     * browser: that takes out the meter's bias (WebAudio's buffering on the sound's side, which
     * differs from one browser start to the next), leaving what the session adds. The server
     * engine stamps both streams from one clock and its sender reports pair them with one NTP
     * time; at 15 fps the median skew is held under a guard, and every rate's p50 and p95 are printed.
     */
    @ParameterizedTest(name = "{0} fps")
    @ValueSource(ints = {5, 30, 15})
    void shouldKeepASessionsSkewSmallAgainstChromiumsOwnSender(int fps) throws Exception {
        try (Browser browser = new Browser()) {
            browser.driver().get(server.baseUrl() + "/");
            double referenceMs = p50(reference(browser, 0));
            String sessionId = browser.startSession(server.baseUrl() + "/?fps=" + fps + "&idleFps=0&syncMark=1");
            startMeter(browser);
            probe(browser, 0); // Chromium's A/V sync settles over the first seconds of a connection
            Map<String, Object> session = probe(browser, 0);
            server.client().delete(sessionId);

            List<Double> againstReference = skews(session).stream().map(skew -> skew - referenceMs).toList();
            List<Double> magnitudes = againstReference.stream().map(Math::abs).sorted().toList();
            double p95 = magnitudes.isEmpty() ? Double.NaN : magnitudes.get((int) Math.ceil(magnitudes.size() * 0.95) - 1);
            System.out.printf("[sync] %d fps against Chromium's own sender (%.0f ms): skew p50 %+.0f ms, |skew| p95 %.0f ms%n",
                    fps, referenceMs, p50(session) - referenceMs, p95);
            if (fps == 15) {
                // At 5 fps a mark can come a whole 200 ms frame after its burst, past the meter's pairing window.
                assertThat(magnitudes).as("bursts the meter paired with a mark").hasSizeGreaterThanOrEqualTo(BURSTS / 2);
                assertThat(Math.abs(p50(session) - referenceMs)).as("|A/V skew| median at 15 fps, ms")
                        .isLessThanOrEqualTo(SKEW_P50_LIMIT_MS);
            }
        }
    }

    /** /say to the first sound heard, the path warm (a probe before it): voice, media thread, libwebrtc, Chromium. */
    @Test
    void shouldSpeakASaySoon() throws Exception {
        try (Browser browser = new Browser()) {
            String sessionId = browser.startSession(server.baseUrl() + "/?fps=15&idleFps=0&syncMark=1");
            startMeter(browser);
            probe(browser, 0); // the path warm and A/V sync settled, as a conversation would have it

            browser.script("window.facecastSync.reset()");
            postFromPage(browser, "say", "{text: 'Hello! I am Facecast, and I can talk.'}");
            browser.waitFor("speech heard", 10, () -> onsetsHeard(browser) > 0);
            double sayToSoundMs = ((Number) browser.script(
                    "return window.facecastSync.state.audioOnsets[0] - window.postedAt")).doubleValue();
            server.client().delete(sessionId);

            System.out.printf("[latency] say to first sound at the browser: %.0f ms%n", sayToSoundMs);
            assertThat(sayToSoundMs).isLessThan(600); // the goal is 250 (and met on a quiet machine): CI's load adds its share
        }
    }

    /** Chromium's own sender through the meter ({@code facecastSync.reference}). */
    private static Map<String, Object> reference(Browser browser, int markDelayMs) {
        Map<String, Object> result = run(browser, "window.facecastSync.reference(%d, 600, 200, %d)".formatted(BURSTS, markDelayMs));
        System.out.printf("[sync] Chromium's own sender, mark %d ms late: skew p50 %.0f ms over %s bursts%n",
                markDelayMs, p50(result), result.get("count"));
        return result;
    }

    private static void startMeter(Browser browser) throws InterruptedException {
        browser.waitFor("the audio track", 10, () -> ((Number) browser.script(
                "return window.facecast.stream.getAudioTracks().length")).intValue() > 0);
        run(browser, "window.facecastSync.start(document.getElementById('avatar'), window.facecast.stream)");
        browser.script("window.facecastSync.watchDelays(window.facecast.pc)");
    }

    /** Tone bursts with the mark {@code markDelayMs} late, and what the meter made of them. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> probe(Browser browser, int markDelayMs) throws Exception {
        browser.script("window.facecastSync.reset()");
        assertThat(postFromPage(browser, "sync-probe",
                "{count: %d, periodMs: 600, burstMs: 200, markDelayMs: %d}".formatted(BURSTS, markDelayMs))).isEqualTo(202L);
        browser.waitFor("every burst heard", 30, () -> onsetsHeard(browser) >= BURSTS);
        Thread.sleep(markDelayMs + 300L); // the last picture onset follows the last sound onset
        Map<String, Object> result = (Map<String, Object>) browser.script("return window.facecastSync.result()");
        var stats = server.client().session((String) browser.script("return window.facecast.sessionId"));
        System.out.printf("[sync] sender: audio pushed %s ms, reanchors %s, latest frame %s ms late, underruns %s%n",
                stats.get("audioMsPushed"), stats.get("pacerReanchors"), stats.get("maxFrameLatenessMs"), stats.get("audioUnderruns"));
        System.out.println("[sync] receiver delays: " + browser.script(
                "return (window.facecastSync.state.delays || []).slice(-30).map((d) => `v${d.videoTargetMs}/${d.videoMinimumMs} a${d.audioTargetMs}${d.audioStretchMs ? '~' + d.audioStretchMs : ''}`).join(' ')"));
        System.out.printf("[sync] mark %d ms late: skew p50 %.0f ms over %s bursts %s%n", markDelayMs, p50(result),
                result.get("count"), skews(result).stream().map(v -> String.format("%.0f", v)).toList());
        return result;
    }

    private static int onsetsHeard(Browser browser) {
        return ((Number) browser.script("return window.facecastSync.state.audioOnsets.length")).intValue();
    }

    /** Runs a promise-returning expression on the page and returns what it resolves to. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(Browser browser, String promise) {
        Object result = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                (%s).then((r) => done(r || {}), (e) => done({error: String(e)}));
                """.formatted(promise));
        assertThat(result).isInstanceOf(Map.class);
        assertThat((Map<String, Object>) result).doesNotContainKey("error");
        return (Map<String, Object>) result;
    }

    /** POSTs {@code body} (a JS object literal) to the page's session, noting when on the page's clock. */
    private static Object postFromPage(Browser browser, String action, String body) {
        return browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                window.postedAt = performance.now();
                fetch(`/v1/sessions/${window.facecast.sessionId}/%s`, {method: 'POST',
                    headers: {'Content-Type': 'application/json'}, body: JSON.stringify(%s)})
                  .then((r) => done(r.status), (e) => done(String(e)));
                """.formatted(action, body));
    }

    private static double p50(Map<String, Object> result) {
        return ((Number) result.get("p50Ms")).doubleValue();
    }

    private static List<Double> skews(Map<String, Object> result) {
        return ((List<?>) result.get("skewsMs")).stream().map(v -> ((Number) v).doubleValue()).toList();
    }
}
