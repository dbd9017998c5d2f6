package dev.facecast.server;

import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.facecast.tts.freetts.FreeTtsSynthesizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.facecast.server.BrowserEndToEndTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A spoken conversation in headless Chromium with a fake microphone playing a WAV that the
 * project's own TTS made: the question is transcribed, the agent answers aloud, the page shows
 * both turns; and speaking over a reply interrupts it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConversationEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path wavs;
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
    void shouldHearASpokenQuestionAndAnswerItAloud() throws Exception {
        Path question = speechWav("question.wav", "What time is it?", 1_500); // the microphone connects first
        try (Browser browser = microphoneBrowser(question)) {
            start(browser);
            double energyBefore = audioEnergy(browser);
            browser.driver.findElement(By.id("mic")).click();

            waitFor(() -> turns(browser).size() >= 2, 40);
            List<Map<String, Object>> turns = turns(browser);
            assertThat(turns.get(0).get("role")).isEqualTo("user");
            assertThat((String) turns.get(0).get("text")).contains("time");
            assertThat(turns.get(1).get("role")).isEqualTo("agent");
            assertThat((String) turns.get(1).get("text")).contains("It's");
            assertThat(audioEnergy(browser)).isGreaterThan(energyBefore + 0.01);
            assertThat(browser.driver.findElements(By.cssSelector("#transcript li"))).hasSize(2);
        }
    }

    @Test
    void shouldStopTalkingWhenTheUserSpeaksOverIt() throws Exception {
        // Two seconds of silence first, so the agent is mid-reply when the user starts.
        Path interjection = speechWav("interjection.wav", "Wait, stop, hold on please.", 2_000);
        try (Browser browser = microphoneBrowser(interjection)) {
            String sessionId = start(browser);
            post("/v1/sessions/" + sessionId + "/say", "{\"text\":\"Let me tell you a long story about a lighthouse keeper "
                    + "who counted every wave that reached the rocks, night after night, for forty years.\"}");
            waitFor(() -> "speaking".equals(browser.script("return window.facecast.agentState")), 20);
            browser.driver.findElement(By.id("mic")).click();

            waitFor(() -> turns(browser).stream().anyMatch(turn -> Boolean.TRUE.equals(turn.get("interrupted"))), 40);
            Map<String, Object> cut = turns(browser).stream()
                    .filter(turn -> Boolean.TRUE.equals(turn.get("interrupted"))).findFirst().orElseThrow();
            assertThat(cut.get("role")).isEqualTo("agent");
            assertThat(((Number) cut.get("playedMs")).longValue()).isPositive();
            assertThat(browser.driver.findElements(By.cssSelector("#transcript li.interrupted"))).isNotEmpty();
        }
    }

    private static Browser microphoneBrowser(Path wav) throws Exception {
        return new Browser(List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + wav + "%noloop"));
    }

    private static String start(Browser browser) throws InterruptedException {
        browser.driver.get(server.baseUrl() + "/");
        browser.driver.findElement(By.id("start")).click();
        waitFor(() -> "connected".equals(browser.script("return window.facecast.pc && window.facecast.pc.connectionState")), 20);
        waitFor(() -> "open".equals(browser.script("return window.facecast.channel.readyState")), 20);
        waitFor(() -> browser.driver.findElement(By.id("mic")).isEnabled(), 20);
        return (String) browser.script("return window.facecast.sessionId");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> turns(Browser browser) {
        return (List<Map<String, Object>>) browser.script("return window.facecast.transcript");
    }

    private static double audioEnergy(Browser browser) {
        Object energy = browser.inboundStats().get("totalAudioEnergy");
        return energy == null ? 0 : ((Number) energy).doubleValue();
    }

    private static void post(String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    /** A 48 kHz mono WAV of {@code text} spoken by FreeTTS, after some silence and followed by three seconds of it. */
    private static Path speechWav(String name, String text, int leadingSilenceMs) throws Exception {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        pcm.write(new byte[leadingSilenceMs * 96]);
        try (FreeTtsSynthesizer tts = new FreeTtsSynthesizer(1)) {
            tts.synthesize(text, AudioFormat.mono(48_000), (PcmChunk chunk) -> {
                for (int i = 0; i < chunk.sampleCount(); i++) {
                    pcm.write(chunk.samples()[i] & 0xff);
                    pcm.write(chunk.samples()[i] >> 8);
                }
            }, () -> false);
        }
        pcm.write(new byte[3 * 96_000]);
        byte[] data = pcm.toByteArray();
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(48_000).putInt(96_000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(data.length);
        Path wav = wavs.resolve(name);
        Files.write(wav, header.array());
        Files.write(wav, data, java.nio.file.StandardOpenOption.APPEND);
        return wav;
    }
}
