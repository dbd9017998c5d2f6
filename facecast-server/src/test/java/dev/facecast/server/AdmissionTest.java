package dev.facecast.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.client.FacecastClient;
import dev.facecast.media.clock.ManualNanoClock;
import dev.facecast.server.metrics.ResourceSnapshot;
import dev.facecast.testsupport.CheckLeaks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Readiness and admission: full (429 + Retry-After) and draining (503), each with readiness
 * false; and no refusal on a fresh process's start-up noise.
 */
@Tag("native")
@CheckLeaks
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class AdmissionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldRefuseWith429AndNotBeReadyWhenAtCapacity() throws Exception {
        try (FacecastServer server = FacecastServer.start(ServerConfig.defaults().withPort(0).withMaxSessions(2))) {
            FacecastClient api = new FacecastClient(server.baseUrl());
            assertThat(api.send("GET", "/readyz", null, null).statusCode()).isEqualTo(200);
            assertThat(api.send("POST", "/v1/sessions", "application/json", "{}").statusCode()).isEqualTo(201);
            assertThat(api.send("POST", "/v1/sessions", "application/json", "{}").statusCode()).isEqualTo(201);

            HttpResponse<String> refused = api.send("POST", "/v1/sessions", "application/json", "{}");
            HttpResponse<String> readiness = api.send("GET", "/readyz", null, null);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(readiness.body()).get("capacity").asInt()).isEqualTo(2);
            assertThat(api.metrics()).contains("facecast_sessions_rejected_total 1.0");
        }
    }

    @Test
    void shouldTakeNoNewSessionsWhileDraining() throws Exception {
        try (FacecastServer server = FacecastServer.start(ServerConfig.defaults().withPort(0))) {
            FacecastClient api = new FacecastClient(server.baseUrl());
            String existing = api.createSession(Map.of());

            assertThat(api.send("POST", "/v1/admin/drain", null, null).statusCode()).isEqualTo(202);
            HttpResponse<String> refused = api.send("POST", "/v1/sessions", "application/json", "{}");
            JsonNode readiness = JSON.readTree(api.send("GET", "/readyz", null, null).body());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(readiness.get("ready").asBoolean()).isFalse();
            assertThat(readiness.get("draining").asBoolean()).isTrue();
            assertThat(api.send("GET", "/v1/sessions/" + existing, null, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldAdmitAThirdSessionThroughStartUpNoise() {
        ManualNanoClock clock = new ManualNanoClock(0);
        AtomicLong framesPushed = new AtomicLong();
        AtomicLong framesLate = new AtomicLong();
        Capacity capacity = new Capacity(100, 1.6, Capacity.DEFAULT_WARM_UP, clock, framesPushed::get, framesLate::get,
                () -> 2);
        Admission admission = new Admission(capacity);
        // two receivers connected in the first seconds; about 3 s after start the process was
        // compiling and drawing, its frames late: a sample that once cut capacity to 2
        clock.advanceMs(3_000);
        framesPushed.addAndGet(45);
        framesLate.addAndGet(20);
        capacity.learn(new ResourceSnapshot(2, 1.5, Map.of(), Map.of(), 0, 0));
        clock.advanceMs(5_000);
        framesPushed.addAndGet(150);
        framesLate.addAndGet(40);
        capacity.learn(new ResourceSnapshot(2, 1.1, Map.of(), Map.of(), 0, 0));

        assertThatCode(admission::checkCanCreate).doesNotThrowAnyException();
        assertThat(admission.isReady()).isTrue();
    }
}
