package dev.facecast.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facecast.client.FacecastClient;
import dev.facecast.fakevendors.FakeVendorServer;
import dev.facecast.server.FacecastServer;
import dev.facecast.testsupport.CheckLeaks;
import dev.facecast.webrtc.Receiver;
import dev.facecast.webrtc.ReceiverRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code serve --tts inworld --inworld-url URL --audio-rate 24000} against the fake Inworld: the
 * sessions speak through it at 24 kHz with no resampler, and a vendor failure costs one reply, not the session.
 */
@Tag("native")
@CheckLeaks
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class InworldVoiceTest {

    private FakeVendorServer vendors;
    private FacecastServer server;
    private ReceiverRuntime receivers;
    private FacecastClient api;

    @BeforeAll
    void start() {
        vendors = FakeVendorServer.start(0);
        ServerOptions options = parse("--port", "0", "--no-listen", "--audio-rate", "24000", "--tts", "inworld",
                "--inworld-url", vendors.inworldBaseUrl(), "--inworld-api-key", "test-key");
        server = FacecastServer.start(options.toConfig(), options.toConversationConfig());
        receivers = new ReceiverRuntime();
        api = new FacecastClient(server.baseUrl());
    }

    @AfterAll
    void stop() {
        server.close();
        receivers.close();
        vendors.close();
    }

    @Test
    void shouldSpeakThroughInworldAtTheSessionsRateWithNoResampler() throws Exception {
        String id = api.createSession(Map.of());
        try (Receiver receiver = new Receiver(receivers)) {
            receiver.accept(api.whep(id, receiver.offer()));
            receiver.awaitConnected(10_000);

            api.say(id, "Hello there, I speak through a cloud voice.");
            JsonNode session = awaitSpeech(id, 1_000);

            assertThat(session.get("audioSampleRateHz").asInt()).isEqualTo(24_000);
            assertThat(session.get("resamplersActive").asInt()).isZero();
            assertThat(vendors.inworld().received()).anySatisfy(message -> assertThat(message).contains("\"sampleRateHertz\":24000"));
            System.out.printf("session %s at 24 kHz through Inworld: resamplersActive %d%n", id, session.get("resamplersActive").asInt());

            vendors.inworld().knobs().garbage(true);
            api.say(id, "This reply breaks on the way.");
            vendors.inworld().awaitReceived("This reply breaks", 1, 5_000);
            vendors.inworld().reset();
            long spokenMs = api.session(id).get("speechMsPushed").asLong();
            api.say(id, "And this one is heard again.");

            assertThat(awaitSpeech(id, spokenMs + 500).get("state").asText()).isEqualTo("streaming");
        } finally {
            api.delete(id);
        }
    }

    @Test
    void shouldRefuseInworldWithoutItsUrl() {
        ServerOptions options = parse("--tts", "inworld", "--inworld-api-key", "k");

        assertThatThrownBy(options::toConversationConfig).hasMessageContaining("--inworld-url");
    }

    private JsonNode awaitSpeech(String id, long atLeastMs) throws Exception {
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode session = api.session(id);
        while (session.get("speechMsPushed").asLong() < atLeastMs && System.nanoTime() < deadlineNs) {
            Thread.sleep(50);
            session = api.session(id);
        }
        assertThat(session.get("speechMsPushed").asLong()).as("speech pushed").isGreaterThanOrEqualTo(atLeastMs);
        return session;
    }

    private static ServerOptions parse(String... args) {
        ServerOptions options = new ServerOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }
}
