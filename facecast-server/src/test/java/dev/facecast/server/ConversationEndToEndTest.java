package dev.facecast.server;

import dev.facecast.testsupport.Browser;
import dev.facecast.testsupport.CheckLeaks;
import dev.facecast.testsupport.RunningServer;
import dev.facecast.tts.freetts.FreeTtsSynthesizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A spoken conversation in headless Chromium with a fake microphone playing a WAV that the
 * project's own TTS made: the question is transcribed, the agent answers aloud, the page shows
 * both turns; and speaking over a reply interrupts it.
 */
@Tag("e2e")
@CheckLeaks
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConversationEndToEndTest {

    @TempDir
    static Path wavs;
    @RegisterExtension
    static final RunningServer<FacecastServer> server = new RunningServer<>(
            () -> FacecastServer.start(ServerConfig.defaults().withPort(0)), FacecastServer::baseUrl);

    @Test
    void shouldHearASpokenQuestionAndAnswerItAloud() throws Exception {
        Path question = speechWav("question.wav", "What time is it?", 1_500); // the microphone connects first
        try (Browser browser = Browser.withMicrophone(question)) {
            String sessionId = browser.startConversation(server.baseUrl() + "/");
            double energyBefore = browser.totalAudioEnergy();
            browser.driver().findElement(By.id("mic")).click();

            browser.waitFor("two turns", 40, () -> browser.transcript().size() >= 2);
            List<Map<String, Object>> turns = browser.transcript();
            assertThat(turns.get(0).get("role")).isEqualTo("user");
            assertThat((String) turns.get(0).get("text")).contains("time");
            assertThat(turns.get(1).get("role")).isEqualTo("agent");
            assertThat((String) turns.get(1).get("text")).contains("It's");
            assertThat(browser.totalAudioEnergy()).isGreaterThan(energyBefore + 0.01);
            assertThat(browser.driver().findElements(By.cssSelector("#transcript li"))).hasSize(2);
            // The microphone's 48 kHz is resampled once, to the recogniser's 16 kHz, and that counts process-wide.
            assertThat(server.client().metrics()).contains("facecast_resamplers_active 1.0");
            end(sessionId);
        }
    }

    @Test
    void shouldStopTalkingWhenTheUserSpeaksOverIt() throws Exception {
        // Two seconds of silence first, so the agent is mid-reply when the user starts.
        Path interjection = speechWav("interjection.wav", "Wait, stop, hold on please.", 2_000);
        try (Browser browser = Browser.withMicrophone(interjection)) {
            String sessionId = browser.startConversation(server.baseUrl() + "/");
            server.client().say(sessionId, "Let me tell you a long story about a lighthouse keeper "
                    + "who counted every wave that reached the rocks, night after night, for forty years.");
            browser.waitFor("the agent speaking", 20, () -> "speaking".equals(browser.script("return window.facecast.agentState")));
            browser.driver().findElement(By.id("mic")).click();

            browser.waitFor("an interrupted turn", 40,
                    () -> browser.transcript().stream().anyMatch(turn -> Boolean.TRUE.equals(turn.get("interrupted"))));
            Map<String, Object> cut = browser.transcript().stream()
                    .filter(turn -> Boolean.TRUE.equals(turn.get("interrupted"))).findFirst().orElseThrow();
            assertThat(cut.get("role")).isEqualTo("agent");
            assertThat(((Number) cut.get("playedMs")).longValue()).isPositive();
            assertThat(browser.driver().findElements(By.cssSelector("#transcript li.interrupted"))).isNotEmpty();
            end(sessionId);
        }
    }

    /** Closing the page alone would leave the session until its peer connection times out. */
    private static void end(String sessionId) throws Exception {
        server.client().delete(sessionId);
    }

    /** A 48 kHz mono WAV of {@code text} spoken by FreeTTS, after some silence and followed by three seconds of it. */
    private static Path speechWav(String name, String text, int leadingSilenceMs) throws Exception {
        try (FreeTtsSynthesizer tts = new FreeTtsSynthesizer(1)) {
            return UserSpeech.spoken(tts, text, leadingSilenceMs, 3_000).writeWav(wavs.resolve(name));
        }
    }
}
