package dev.facecast.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facecast.client.FacecastClient;
import dev.facecast.fakevendors.FakeVendorServer;
import dev.facecast.fakevendors.anam.FakeAnamSession;
import dev.facecast.server.FacecastServer;
import dev.facecast.testsupport.Browser;
import dev.facecast.testsupport.CheckLeaks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.OutputType;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The seed's configuration end to end: {@code demo --tts inworld --avatar anam} against the fake
 * vendors, watched in headless Chromium. Inworld speaks at the session's 24 kHz; the speech goes to
 * the fake Anam engine, whose lip-synced face and voice come back over WebRTC and are republished
 * to the page at the session's frame rate, the voice at the 48 kHz it comes back in: nothing resamples.
 */
@Tag("e2e")
@CheckLeaks
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HostedVendorsEndToEndTest {

    private FakeVendorServer vendors;
    private FacecastServer server;
    private FacecastClient api;

    @BeforeAll
    void start() {
        vendors = FakeVendorServer.start(0);
        ServerOptions options = new ServerOptions();
        new CommandLine(options).parseArgs("--port", "0", "--no-listen", "--audio-rate", "24000",
                "--tts", "inworld", "--inworld-url", vendors.inworldBaseUrl(), "--inworld-api-key", "test-key",
                "--avatar", "anam", "--anam-url", vendors.anamBaseUrl(), "--anam-api-key", "test-key");
        server = FacecastServer.start(options.toConfig(), options.toConversationConfig());
        api = new FacecastClient(server.baseUrl());
    }

    @AfterAll
    void stop() {
        server.close();
        vendors.close();
    }

    @Test
    void shouldShowATalkingHostedFaceVoicedByTheCloudTts() throws Exception {
        try (Browser browser = new Browser()) {
            String sessionId = browser.startSession(server.baseUrl() + "/?fps=15&idleFps=0");
            browser.waitFor("the first frame decoded", 30, () -> browser.script("return window.facecast.whepToFirstFrameMs") != null);

            double energyBefore = browser.totalAudioEnergy();
            api.say(sessionId, "Hello! I am a hosted face, and a cloud voice speaks for me.");
            browser.waitFor("speech heard", 30, () -> browser.totalAudioEnergy() > energyBefore + 0.01);
            Files.write(Path.of("target", "e2e-hosted-speaking.png"), browser.driver().getScreenshotAs(OutputType.BYTES));

            Map<String, Object> video = browser.inboundStats();
            assertThat(((Number) video.get("frameWidth")).intValue()).isEqualTo(720);
            assertThat(((Number) video.get("frameHeight")).intValue()).isEqualTo(480);
            double fps = decodedFps(browser, 3_000);
            assertThat(fps).isCloseTo(15.0, within(2.0));

            api.patch(sessionId, Map.of("fps", 8)); // the hosted face's rate is the session's, changed while it runs
            Thread.sleep(1_500); // frames already in flight at the old rate arrive first
            double fps8 = decodedFps(browser, 4_000);
            assertThat(fps8).isCloseTo(8.0, within(1.0));

            JsonNode session = api.session(sessionId);
            FakeAnamSession engine = vendors.anam().sessions().getFirst();
            assertThat(engine.audioMessages()).isPositive();
            assertThat(engine.droppedBeforeReady()).isZero();
            assertThat(vendors.inworld().received()).anySatisfy(m -> assertThat(m).contains("\"sampleRateHertz\":24000"));
            assertThat(session.get("speechSampleRateHz").asInt()).as("asked of Inworld: what Anam takes").isEqualTo(24_000);
            assertThat(session.get("audioSampleRateHz").asInt()).as("published: what comes back from Anam").isEqualTo(48_000);
            assertThat(session.get("resamplersActive").asInt()).isZero();
            System.out.printf("[e2e] hosted: decoded %.1f fps at 15 and %.1f at 8, speech %d ms pushed, resamplersActive %d "
                    + "(speech made at 24 kHz, the returned voice published at its 48 kHz)%n",
                    fps, fps8, session.get("speechMsPushed").asLong(), session.get("resamplersActive").asInt());

            api.delete(sessionId);
            browser.waitFor("the engine session ended", 10, () -> vendors.anam().sessions().isEmpty());
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
}
