package dev.facecast.fakevendors.inworld;

import dev.facecast.fakevendors.FakeVendorServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake takes both spellings working Inworld clients send, as Inworld does. */
@Tag("unit")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FakeInworldHttpStreamTest {

    private final FakeVendorServer vendors = FakeVendorServer.start(0);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    void stop() {
        http.close();
        vendors.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"text\":\"Hello.\",\"voiceId\":\"Ashley\",\"modelId\":\"inworld-tts-1.5-mini\",\"audioConfig\":{\"audioEncoding\":\"LINEAR16\",\"sampleRateHertz\":16000},\"timestampType\":\"WORD\"}",
            "{\"text\":\"Hello.\",\"voice_id\":\"Ashley\",\"model_id\":\"inworld-tts-1.5-mini\",\"audio_config\":{\"audio_encoding\":\"LINEAR16\",\"sample_rate_hertz\":16000},\"timestamp_type\":\"WORD\"}"})
    void shouldStreamAudioLinesForEitherSpelling(String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(vendors.inworldBaseUrl() + FakeInworldHttpStream.PATH))
                .header("Authorization", "Basic any").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().lines()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{\"result\":{\"audioContent\":"));
        assertThat(response.body()).contains("\"phoneticDetails\"");
    }
}
