package dev.facecast.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facecast.client.FacecastClient;
import dev.facecast.fakevendors.FakeVendorServer;
import dev.facecast.server.FacecastServer;
import dev.facecast.testsupport.CheckLeaks;
import dev.facecast.webrtc.Receiver;
import dev.facecast.webrtc.ReceiverRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve --avatar anam}: a session whose vendor ends its side is closed cleanly and counted,
 * and a vendor that refuses a new face gets a clear answer without costing a slot.
 */
@Tag("native")
@CheckLeaks
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HostedAvatarSessionTest {

    private FakeVendorServer vendors;
    private FacecastServer server;
    private ReceiverRuntime receivers;
    private FacecastClient api;

    @BeforeAll
    void start() {
        vendors = FakeVendorServer.start(0);
        ServerOptions options = new ServerOptions();
        new CommandLine(options).parseArgs("--port", "0", "--no-listen", "--audio-rate", "24000", "--tts", "freetts",
                "--avatar", "anam", "--anam-url", vendors.anamBaseUrl(), "--anam-api-key", "test-key");
        server = FacecastServer.start(options.toConfig(), options.toConversationConfig());
        receivers = new ReceiverRuntime();
        api = new FacecastClient(server.baseUrl());
    }

    @AfterEach
    void behave() {
        vendors.anam().reset();
    }

    @AfterAll
    void stop() {
        server.close();
        receivers.close();
        vendors.close();
    }

    @Test
    void shouldCloseTheSessionWhenTheVendorEndsIt() throws Exception {
        vendors.anam().knobs().endSessionAfterMs(500);
        String id = api.createSession(Map.of());
        try (Receiver receiver = new Receiver(receivers)) {
            receiver.accept(api.whep(id, receiver.offer()));
            receiver.awaitConnected(10_000);

            long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (api.send("GET", "/v1/sessions/" + id, null, null).statusCode() == 200 && System.nanoTime() < deadlineNs) {
                Thread.sleep(50);
            }

            assertThat(api.send("GET", "/v1/sessions/" + id, null, null).statusCode()).isEqualTo(404);
            assertThat(api.metrics()).contains("facecast_sessions_closed_total{reason=\"avatar_ended\"} 1.0");
        }
    }

    @Test
    void shouldPublishTheReturnedVoiceAsItComesAndResampleOnlyTheLocalVoice() throws Exception {
        String id = api.createSession(Map.of());
        try {
            JsonNode session = api.session(id);

            assertThat(session.get("speechSampleRateHz").asInt()).as("what Anam takes").isEqualTo(24_000);
            assertThat(session.get("audioSampleRateHz").asInt()).as("what comes back, whatever --audio-rate says").isEqualTo(48_000);
            assertThat(session.get("resamplersActive").asInt()).as("FreeTTS makes 16 kHz only: 16 to 24 kHz").isEqualTo(1);
        } finally {
            api.delete(id);
        }
    }

    @Test
    void shouldAnswerARefusedFaceWithTheVendorsReason() throws Exception {
        vendors.anam().knobs().refuseWith(429);

        var refused = api.send("POST", "/v1/sessions", "application/json", "{}");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("Concurrent session limit reached");
        assertThat(api.runtime().get("sessions").asInt()).isZero();
    }
}
