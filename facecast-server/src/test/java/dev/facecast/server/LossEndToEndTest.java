package dev.facecast.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facecast.testsupport.Browser;
import dev.facecast.testsupport.CheckLeaks;
import dev.facecast.testsupport.ImpairedRelay;
import dev.facecast.testsupport.RunningServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server engine under a bad network, as Chromium receives it: every packet either way
 * crosses a relay that loses 3 % and delays 80 ms (see {@link ImpairedRelay} for why a relay
 * and not netem). Video must keep playing (NACKs answered from the packet history, PLIs
 * answered with keyframes), audio must stay intelligible (little concealment), and both must
 * recover once the loss ends.
 */
@Tag("e2e")
@CheckLeaks
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LossEndToEndTest {

    private static final ImpairedRelay relay = new ImpairedRelay();

    @RegisterExtension
    static final RunningServer<FacecastServer> server = new RunningServer<>(() -> {
        ServerConfig defaults = ServerConfig.defaults().withPort(0);
        FacecastServer started = FacecastServer.start(defaults.withMedia(defaults.media().withAdvertised(List.of(relay.address()))));
        relay.forwardTo(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), started.mediaPort()));
        return started;
    }, FacecastServer::baseUrl);

    private static final String LONG_REPLY = "Let me tell you a story while the network misbehaves. Once upon a time there "
            + "was a small talking head that lived inside a server, and it spoke to everyone who opened its page, "
            + "patiently and clearly, even when some of its packets never arrived, because it kept them for a while "
            + "and sent them again whenever somebody asked.";

    @Test
    void shouldKeepVideoPlayingAndSpeechIntelligibleUnderLossAndRecoverAfter() throws Exception {
        try (relay; Browser browser = new Browser()) {
            String sessionId = browser.startSession(server.baseUrl() + "/?fps=15&idleFps=0");
            browser.waitFor("the first frame decoded", 20, () -> browser.script("return window.facecast.whepToFirstFrameMs") != null);
            server.client().say(sessionId, LONG_REPLY);

            relay.impair(0.03, Duration.ofMillis(80));
            Thread.sleep(2_000); // the receiver's jitter buffers grow to the new delay
            Window lossy = Window.measure(browser, 10_000);
            long dropped = relay.dropped();
            relay.impair(0, Duration.ZERO);
            Thread.sleep(5_000); // what was lost is repaired or replaced, and the jitter buffers shrink back
            Window clean = Window.measure(browser, 5_000);
            JsonNode engine = server.client().session(sessionId).get("engine");
            server.client().delete(sessionId);

            System.out.printf("[loss] 3 %% loss, 80 ms delay: %.1f fps, %d freezes, %d NACKs sent, %d answered, %d PLIs, "
                            + "%.1f %% of audio concealed; %d packets dropped by the relay%n",
                    lossy.fps, lossy.freezes, lossy.nacks, engine.get("nacksAnswered").asLong(), lossy.plis,
                    lossy.concealedRatio * 100, dropped);
            System.out.printf("[loss] after: %.1f fps, %d freezes, %.1f %% of audio concealed%n",
                    clean.fps, clean.freezes, clean.concealedRatio * 100);
            assertThat(dropped).as("the relay lost packets").isPositive();
            assertThat(lossy.nacks).as("the receiver asked for lost packets").isPositive();
            assertThat(engine.get("nacksAnswered").asLong()).as("the server sent them again").isPositive();
            assertThat(lossy.fps).as("video kept playing").isGreaterThan(10);
            assertThat(lossy.concealedRatio).as("audio concealment under 3 %% loss").isLessThan(0.10);
            assertThat(clean.fps).as("video recovered").isGreaterThan(13);
            // A freeze is any frame later than about 200 ms: on two loaded cores one hiccup of the
            // media thread or the receiver makes one, loss or not (seen once in a CI run).
            assertThat(clean.freezes).as("freezes after the loss").isLessThanOrEqualTo(1);
            assertThat(clean.concealedRatio).as("audio recovered").isLessThan(0.01);
        }
    }

    /** The receiver's counters over a window of time. */
    private record Window(double fps, long freezes, long nacks, long plis, double concealedRatio) {

        static Window measure(Browser browser, long millis) throws InterruptedException {
            Map<String, Object> before = browser.inboundStats();
            Thread.sleep(millis);
            Map<String, Object> after = browser.inboundStats();
            double samples = delta(before, after, "audioSamples");
            return new Window(delta(before, after, "framesDecoded") * 1000.0 / millis, (long) delta(before, after, "freezeCount"),
                    (long) delta(before, after, "nackCount"), (long) delta(before, after, "pliCount"),
                    samples == 0 ? 1 : delta(before, after, "concealedSamples") / samples);
        }

        private static double delta(Map<String, Object> before, Map<String, Object> after, String key) {
            return ((Number) after.getOrDefault(key, 0)).doubleValue() - ((Number) before.getOrDefault(key, 0)).doubleValue();
        }
    }
}
