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

import java.util.ArrayList;
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
     * Not a whole number of frames at 5, 15 or 30 fps (10 ms over): each burst meets the frames at
     * another phase, so the lead square is used across a frame interval rather than at one point.
     */
    private static final int PERIOD_MS = 610;
    /**
     * Chromium's A/V sync moves the video's delay by part of the difference it sees, once a second,
     * and leaves differences under 30 ms alone (libwebrtc's stream_synchronization.cc): over the first
     * 10-20 s of a connection the skew walks by up to 50 ms. Bursts are played this long before the
     * measured ones, as a conversation's first seconds would be.
     */
    private static final int SETTLE_BURSTS = 24;
    /** The bar at 15 fps, for |skew| p95: sound ahead of picture is noticeable from about 45 ms. */
    private static final double SKEW_P95_LIMIT_MS = 40;
    /**
     * This virtual machine loses 20-25 % of its time to its host (top's "st"). When a stall lands on
     * Chromium's audio output, its jitter buffer fills and then drains by time-stretching, and for
     * seconds the sound lags the picture by 100-300 ms, for reasons of the receiver's own. A probe
     * in which the receiver stretched more audio than this is not a reading of the sender, and is
     * taken again, up to {@link #CALM_TRIES} times; calm probes stretched 0-10 ms.
     */
    private static final double CALM_STRETCH_MS = 60;
    private static final int CALM_TRIES = 4;
    /** Sessions tried at 15 fps before the bar counts as missed: a session's first seconds may still be unsettled. */
    private static final int ATTEMPTS = 3;

    /**
     * The meter's own check, on one session: a mark drawn 150 ms late reads later by about that.
     * At 30 fps, where a frame is short and Chromium's sync holds still once settled.
     */
    @Test
    void shouldSeeADeliberateDelayAsItsSize() throws Exception {
        try (Browser browser = new Browser()) {
            String sessionId = startMeteredSession(browser, 30);
            double before = p50(calmProbe(browser, 0));
            double late = p50(calmProbe(browser, 150));
            double after = p50(calmProbe(browser, 0));
            server.client().delete(sessionId);

            // In sync before and after: a skew that drifts steadily between probes drops out.
            double lateByMs = late - (before + after) / 2;
            System.out.printf("[sync] a mark 150 ms late reads %.0f ms later%n", lateByMs);
            // What it reads is a measurement: the test checks the meter sees the delay, on the right
            // side and of the right size, not how exactly.
            assertThat(lateByMs).isBetween(110.0, 190.0);
        }
    }

    /**
     * A session at 720x480, its sound and picture as Chromium plays them. The server engine stamps
     * both streams from one clock, its sender reports pair them with one NTP time, and frames leave
     * when and stamped as the receiver needs (FrameTiming). At 15 fps the |skew| p95 is held to the
     * bar; every rate's p50 and p95 are printed.
     */
    @ParameterizedTest(name = "{0} fps")
    @ValueSource(ints = {5, 30, 15})
    void shouldKeepTheSkewSmall(int fps) throws Exception {
        List<String> attempts = new ArrayList<>();
        double bestP95Ms = Double.MAX_VALUE;
        for (int attempt = 0; attempt < (fps == 15 ? ATTEMPTS : 1) && bestP95Ms > SKEW_P95_LIMIT_MS; attempt++) {
            try (Browser browser = new Browser()) {
                String sessionId = startMeteredSession(browser, fps);
                Map<String, Object> session = calmProbe(browser, 0);
                server.client().delete(sessionId);

                System.out.printf("[sync] %d fps: skew p50 %+.0f ms, |skew| p95 %.0f ms over %s bursts%n",
                        fps, p50(session), absP95(session), session.get("count"));
                assertThat(((Number) session.get("count")).intValue()).as("bursts the meter paired with a mark")
                        .isGreaterThanOrEqualTo(BURSTS - 1);
                attempts.add("p50 %+.0f / p95 %.0f ms".formatted(p50(session), absP95(session)));
                bestP95Ms = Math.min(bestP95Ms, absP95(session));
            }
        }
        if (fps == 15) {
            assertThat(bestP95Ms).as("|A/V skew| p95 at 15 fps, ms, in %s", attempts).isLessThanOrEqualTo(SKEW_P95_LIMIT_MS);
        }
    }

    /** /say to the first sound heard, the path warm (a probe before it): voice, media thread, libwebrtc, Chromium. */
    @Test
    void shouldSpeakASaySoon() throws Exception {
        try (Browser browser = new Browser()) {
            String sessionId = browser.startSession(server.baseUrl() + "/?fps=15&idleFps=0&syncMark=1");
            startMeter(browser);
            probe(browser, BURSTS, 0); // the path warm, as a conversation would have it

            browser.script("window.facecastSync.reset()");
            postFromPage(browser, "say", "{text: 'Hello! I am Facecast, and I can talk.'}");
            browser.waitFor("speech heard", 10, () -> onsetsHeard(browser) > 0);
            double sayToSoundMs = ((Number) browser.script(
                    "const s = window.facecastSync.state; return s.audioOnsets[0] + s.playoutDelayMs - window.postedAt")).doubleValue();
            // The mark follows the voice's loudness, as the mouth does when a voice gives no phones.
            browser.waitFor("the mouth seen moving", 10, () -> ((Number) browser.script(
                    "return window.facecastSync.state.videoOnsets.length")).intValue() > 0);
            double sayToPictureMs = ((Number) browser.script(
                    "return window.facecastSync.state.videoOnsets[0] - window.postedAt")).doubleValue();
            server.client().delete(sessionId);

            System.out.printf("[latency] say to first sound at the browser: %.0f ms, to the mark (the voice's loudness) seen: %.0f ms%n",
                    sayToSoundMs, sayToPictureMs);
            assertThat(sayToSoundMs).isLessThan(600); // the goal is 250 (and met on a quiet machine): CI's load adds its share
        }
    }

    /** A session at {@code fps} with the mark, the meter on it, and Chromium's sync settled; returns its id. */
    private static String startMeteredSession(Browser browser, int fps) throws Exception {
        String sessionId = browser.startSession(server.baseUrl() + "/?fps=" + fps + "&idleFps=0&syncMark=1");
        startMeter(browser);
        probe(browser, SETTLE_BURSTS, 0);
        return sessionId;
    }

    private static void startMeter(Browser browser) throws InterruptedException {
        browser.waitFor("the audio track", 10, () -> ((Number) browser.script(
                "return window.facecast.stream.getAudioTracks().length")).intValue() > 0);
        run(browser, "window.facecastSync.start(document.getElementById('avatar'), window.facecast.stream, window.facecast.pc)");
    }

    /** {@link #BURSTS} tone bursts, taken again while the receiver was not playing at its own pace. */
    private static Map<String, Object> calmProbe(Browser browser, int markDelayMs) throws Exception {
        Map<String, Object> result = probe(browser, BURSTS, markDelayMs);
        for (int retry = 1; retry < CALM_TRIES && stretchedMs(result) > CALM_STRETCH_MS; retry++) {
            System.out.printf("[sync] the receiver stretched %.0f ms of audio during that probe: measuring again%n", stretchedMs(result));
            result = probe(browser, BURSTS, markDelayMs);
        }
        return result;
    }

    /** Tone bursts with the mark {@code markDelayMs} late, and what the meter made of them. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> probe(Browser browser, int bursts, int markDelayMs) throws Exception {
        browser.script("window.facecastSync.reset()");
        assertThat(postFromPage(browser, "sync-probe",
                "{count: %d, periodMs: %d, burstMs: 200, markDelayMs: %d}".formatted(bursts, PERIOD_MS, markDelayMs))).isEqualTo(202L);
        browser.waitFor("every burst heard", 30, () -> onsetsHeard(browser) >= bursts);
        Thread.sleep(markDelayMs + 300L); // the last picture onset follows the last sound onset
        Map<String, Object> result = (Map<String, Object>) browser.script("return window.facecastSync.result()");
        var stats = server.client().session((String) browser.script("return window.facecast.sessionId"));
        System.out.printf("[sync] sender: audio pushed %s ms, reanchors %s, latest frame %s ms late, underruns %s%n",
                stats.get("audioMsPushed"), stats.get("pacerReanchors"), stats.get("maxFrameLatenessMs"), stats.get("audioUnderruns"));
        System.out.println("[sync] receiver delays: " + browser.script(
                "return (window.facecastSync.state.delays || []).slice(-30).map((d) => `v${d.videoTargetMs}/${d.videoMinimumMs} a${d.audioTargetMs}${d.audioStretchMs ? '~' + d.audioStretchMs : ''}`).join(' ')"));
        System.out.printf("[sync] mark %d ms late: skew p50 %.0f ms over %s bursts %s, audio stretched %.0f ms%n", markDelayMs,
                p50(result), result.get("count"), skews(result).stream().map(v -> String.format("%.0f", v)).toList(), stretchedMs(result));
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

    private static double stretchedMs(Map<String, Object> result) {
        return ((Number) result.get("audioStretchedMs")).doubleValue();
    }

    private static double absP95(Map<String, Object> result) {
        return ((Number) result.get("absP95Ms")).doubleValue();
    }

    private static List<Double> skews(Map<String, Object> result) {
        return ((List<?>) result.get("skewsMs")).stream().map(v -> ((Number) v).doubleValue()).toList();
    }
}
