package dev.facecast.server;

import dev.facecast.client.FacecastClient;
import dev.facecast.media.clock.Await;
import dev.facecast.server.access.AccessPolicy;
import dev.facecast.server.access.ApiKeys;
import dev.facecast.testsupport.Browser;
import dev.facecast.testsupport.CheckLeaks;
import dev.facecast.testsupport.RunningServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions end when nobody is there: never joined, or the browser went away without saying so
 * (killed, or its peer connection closed with no DELETE). The page here holds only its
 * session's token, as it would in production, the session made with an API key.
 */
@Tag("e2e")
@CheckLeaks
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LifetimeEndToEndTest {

    private static final String KEY = "lifetime-key-0123456789abcdef";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    @RegisterExtension
    static final RunningServer<FacecastServer> server = new RunningServer<>(() -> FacecastServer.start(
            ServerConfig.defaults().withPort(0)
                    .withAccess(new AccessPolicy(ApiKeys.load(null, KEY), Set.of(), Set.of(), false))
                    .withLifetimes(new Lifetimes(CONNECT_TIMEOUT, Duration.ofMinutes(10), Duration.ofHours(2),
                            Lifetimes.DEFAULTS.peerGoneAfter()))), FacecastServer::baseUrl);

    private static FacecastClient api() {
        return new FacecastClient(URI.create(server.baseUrl()), KEY);
    }

    @Test
    void shouldCloseASessionNoReceiverJoined() throws Exception {
        String id = api().create(Map.of("width", 320, "height", 240)).id();

        double closedAfterS = secondsUntilGone(id, 15);

        System.out.printf("[lifetime] never connected: closed %.1f s after creation (limit %d s)%n", closedAfterS,
                CONNECT_TIMEOUT.toSeconds());
        assertThat(closedAfterS).isBetween(CONNECT_TIMEOUT.toSeconds() - 0.5, CONNECT_TIMEOUT.toSeconds() + 2.0);
        assertThat(api().metrics()).contains("facecast_sessions_closed_total{reason=\"never_connected\"}");
    }

    @Test
    void shouldCloseASessionWhosePageClosedItsConnectionWithoutGoodbye() throws Exception {
        try (Browser browser = new Browser()) {
            String id = joinWithToken(browser);

            // No DELETE and no beacon: the peer connection just closes.
            browser.script("window.onpagehide = null; window.facecast.sessionId = null; window.facecast.pc.close()");
            double goneAfterS = secondsUntilGone(id, 20);

            System.out.printf("[lifetime] page closed its peer connection: session closed %.1f s later%n", goneAfterS);
            assertThat(goneAfterS).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void shouldCloseASessionWhoseBrowserWasKilled() throws Exception {
        Browser browser = new Browser();
        String id = joinWithToken(browser);

        // Every Chromium this test process started dies at once, with no chance to say goodbye.
        ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").contains("chrom"))
                .forEach(ProcessHandle::destroyForcibly);
        double goneAfterS = secondsUntilGone(id, 20);
        closeQuietly(browser);

        System.out.printf("[lifetime] browser killed: session closed %.1f s later%n", goneAfterS);
        assertThat(goneAfterS).isLessThanOrEqualTo(10);
    }

    @Test
    void shouldCloseASessionWhenItsPageSaysGoodbye() throws Exception {
        try (Browser browser = new Browser()) {
            String id = joinWithToken(browser);

            browser.driver().get("about:blank"); // the page unloads: its pagehide beacon hangs up
            double goneAfterS = secondsUntilGone(id, 10);

            System.out.printf("[lifetime] page left: session closed %.1f s later%n", goneAfterS);
            assertThat(goneAfterS).isLessThanOrEqualTo(2);
            assertThat(api().metrics()).contains("facecast_sessions_closed_total{reason=\"closed_by_client\"}");
        }
    }

    /** A session made with the API key, joined by the page with its token only; returns its id once frames arrive. */
    private static String joinWithToken(Browser browser) throws Exception {
        FacecastClient.CreatedSession created = api().create(Map.of("width", 320, "height", 240, "fps", 10));
        String joined = browser.startSession(server.baseUrl() + "/?session=" + created.id() + "&token=" + created.token());
        browser.waitFor("the first frame decoded", 20, () -> browser.script("return window.facecast.whepToFirstFrameMs") != null);
        assertThat(joined).isEqualTo(created.id());
        return created.id();
    }

    /** Seconds from now until the session is gone (404 to the API key). */
    private static double secondsUntilGone(String id, int maxSeconds) throws InterruptedException {
        long startNs = System.nanoTime();
        Await.until("session " + id + " closed", Duration.ofSeconds(maxSeconds), Duration.ofMillis(100), () -> {
            try {
                return api().send("GET", "/v1/sessions/" + id, null, null).statusCode() == 404;
            } catch (Exception e) {
                return false;
            }
        });
        return (System.nanoTime() - startNs) / 1e9;
    }

    private static void closeQuietly(Browser browser) {
        try {
            browser.close();
        } catch (Exception e) {
            // its browser is dead already: only the driver and the profile are left to tidy
        }
    }
}
