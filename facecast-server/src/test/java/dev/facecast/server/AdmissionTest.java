package dev.facecast.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.media.clock.ManualNanoClock;
import dev.facecast.server.metrics.ResourceSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class AdmissionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldRefuseWith429AndNotBeReadyWhenAtCapacity() throws Exception {
        try (FacecastServer server = FacecastServer.start(ServerConfig.defaults().withPort(0).withMaxSessions(2))) {
            assertThat(call(server, "GET", "/readyz", "").statusCode()).isEqualTo(200);
            assertThat(call(server, "POST", "/v1/sessions", "{}").statusCode()).isEqualTo(201);
            assertThat(call(server, "POST", "/v1/sessions", "{}").statusCode()).isEqualTo(201);

            HttpResponse<String> refused = call(server, "POST", "/v1/sessions", "{}");
            HttpResponse<String> readiness = call(server, "GET", "/readyz", "");

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(readiness.body()).get("capacity").asInt()).isEqualTo(2);
            assertThat(call(server, "GET", "/metrics", "").body()).contains("facecast_sessions_rejected_total 1.0");
        }
    }

    @Test
    void shouldTakeNoNewSessionsWhileDraining() throws Exception {
        try (FacecastServer server = FacecastServer.start(ServerConfig.defaults().withPort(0))) {
            String existing = JSON.readTree(call(server, "POST", "/v1/sessions", "{}").body()).get("id").asText();

            assertThat(call(server, "POST", "/v1/admin/drain", "").statusCode()).isEqualTo(202);
            HttpResponse<String> refused = call(server, "POST", "/v1/sessions", "{}");
            JsonNode readiness = JSON.readTree(call(server, "GET", "/readyz", "").body());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(readiness.get("ready").asBoolean()).isFalse();
            assertThat(readiness.get("draining").asBoolean()).isTrue();
            assertThat(call(server, "GET", "/v1/sessions/" + existing, "").statusCode()).isEqualTo(200);
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

    private static HttpResponse<String> call(FacecastServer server, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
