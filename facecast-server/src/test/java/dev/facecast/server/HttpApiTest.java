package dev.facecast.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.client.FacecastClient;
import dev.facecast.testsupport.CheckLeaks;
import dev.facecast.testsupport.RunningServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP contract, bad input above all: a clear 4xx with a JSON error, and nothing else affected. */
@Tag("native")
@CheckLeaks
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HttpApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final RunningServer<FacecastServer> server = new RunningServer<>(
            () -> FacecastServer.start(ServerConfig.defaults().withPort(0).withMaxSessions(3)), FacecastServer::baseUrl);
    private static String bystander;

    @BeforeAll
    static void createBystander() throws Exception {
        bystander = api().createSession(Map.of());
    }

    @Test
    void shouldCreateASessionWithDefaultsAndShowIt() throws Exception {
        HttpResponse<String> created = api().send("POST", "/v1/sessions", "application/json", "{\"fps\":12,\"width\":640,\"height\":360}");
        JsonNode body = JSON.readTree(created.body());
        String id = body.get("id").asText();

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/v1/sessions/" + id);
        JsonNode shown = JSON.readTree(api().send("GET", "/v1/sessions/" + id, null, null).body());
        assertThat(shown.get("state").asText()).isEqualTo("created");
        assertThat(shown.get("fps").asInt()).isEqualTo(12);
        assertThat(shown.get("width").asInt()).isEqualTo(640);
        assertThat(shown.get("framesPushed").asLong()).isZero();
        assertThat(shown.get("audioMsPushed").asLong()).isZero();

        assertThat(api().send("PATCH", "/v1/sessions/" + id, "application/json", "{\"fps\":30,\"idleFps\":3}").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(api().send("GET", "/v1/sessions/" + id, null, null).body()).get("idleFps").asInt()).isEqualTo(3);
        assertThat(JSON.readTree(api().send("GET", "/v1/sessions/" + id, null, null).body()).get("fps").asInt()).isEqualTo(30);
        assertThat(api().send("POST", "/v1/sessions/" + id + "/say", "application/json", "{\"text\":\"queued before connecting\"}").statusCode())
                .isEqualTo(202);
        assertThat(api().send("DELETE", "/v1/sessions/" + id, null, null).statusCode()).isEqualTo(204);
        assertError(api().send("DELETE", "/v1/sessions/" + id, null, null), 404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"fps\":0}|fps",
            "{\"fps\":61}|fps",
            "{\"fps\":\"fast\"}|fps",
            "{\"width\":721}|width",
            "{\"width\":100000,\"height\":480}|width",
            "{\"height\":-2}|height",
            "{\"idleFps\":99}|idleFps",
            "{\"idleFps\":-1}|idleFps",
            "[1,2,3]|JSON object",
            "not json at all|JSON"})
    void shouldRefuseBadSessionSettingsWithoutHoldingASlot(String body, String mentioned) throws Exception {
        int sessionsBefore = JSON.readTree(api().send("GET", "/v1/sessions", null, null).body()).get("sessions").size();

        HttpResponse<String> response = api().send("POST", "/v1/sessions", "application/json", body);

        assertError(response, 400);
        assertThat(JSON.readTree(api().send("GET", "/v1/sessions", null, null).body()).get("sessions").size()).isEqualTo(sessionsBefore);
        assertThat(response.body()).contains(mentioned);
        assertBystanderUnharmed();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "v=0\r\nthis is not sdp\r\nm=video\r\n", "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"})
    void shouldRefuseMalformedOffersWith400(String offer) throws Exception {
        String id = createSession();

        HttpResponse<String> response = api().send("POST", "/v1/sessions/" + id + "/whep", "application/sdp", offer);

        assertError(response, 400);
        assertThat(JSON.readTree(api().send("GET", "/v1/sessions/" + id, null, null).body()).get("state").asText()).isEqualTo("created");
        api().send("DELETE", "/v1/sessions/" + id, null, null);
        assertBystanderUnharmed();
    }

    @Test
    void shouldAnswer404ForUnknownSessionsAndEndpoints() throws Exception {
        assertError(api().send("GET", "/v1/sessions/does-not-exist", null, null), 404);
        assertError(api().send("PATCH", "/v1/sessions/does-not-exist", "application/json", "{\"fps\":5}"), 404);
        assertError(api().send("POST", "/v1/sessions/does-not-exist/say", "application/json", "{\"text\":\"hi\"}"), 404);
        assertError(api().send("POST", "/v1/sessions/does-not-exist/whep", "application/sdp", "v=0\r\n"), 404);
        assertError(api().send("GET", "/v1/nothing-here", null, null), 404);
    }

    @Test
    void shouldRefuseHugeBodiesWrongTypesAndBadSpeech() throws Exception {
        String id = createSession();
        String huge = "x".repeat(2 * 1024 * 1024);

        assertError(api().send("POST", "/v1/sessions", "application/json", "{\"pad\":\"" + huge + "\"}"), 413);
        assertError(api().send("POST", "/v1/sessions/" + id + "/whep", "application/sdp", "v=0\r\n" + huge), 413);
        assertError(api().send("POST", "/v1/sessions/" + id + "/whep", "application/json", "{}"), 415);
        assertError(api().send("POST", "/v1/sessions/" + id + "/say", "application/json", "{\"text\":\"" + "a".repeat(2_001) + "\"}"), 400);
        assertError(api().send("POST", "/v1/sessions/" + id + "/say", "application/json", "{\"text\":\"   \"}"), 400);
        assertError(api().send("POST", "/v1/sessions/" + id + "/say", "application/json", "{\"words\":\"hi\"}"), 400);
        assertError(api().send("PATCH", "/v1/sessions/" + id, "application/json", "{}"), 400);
        assertError(api().send("PATCH", "/v1/sessions/" + id, "application/json", "{\"fps\":1000}"), 400);
        assertError(api().send("PATCH", "/v1/sessions/" + id, "application/json", "{\"idleFps\":-1}"), 400);
        api().send("DELETE", "/v1/sessions/" + id, null, null);
        assertBystanderUnharmed();
    }

    @Test
    void shouldAnswer429WithRetryAfterWhenFullAndReportReadiness() throws Exception {
        assertThat(api().send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
        String a = createSession();
        String b = createSession();

        HttpResponse<String> refused = api().send("POST", "/v1/sessions", "application/json", "{}");
        HttpResponse<String> readiness = api().send("GET", "/readyz", null, null);
        api().send("DELETE", "/v1/sessions/" + a, null, null);
        api().send("DELETE", "/v1/sessions/" + b, null, null);

        assertError(refused, 429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(api().send("GET", "/readyz", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldExportEveryMetricAsFacecastWithADescription() throws Exception {
        HttpResponse<String> scrape = api().send("GET", "/metrics", null, null);

        assertThat(scrape.statusCode()).isEqualTo(200);
        List<String> samples = scrape.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
        assertThat(samples).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("facecast_"));
        for (String metric : List.of("facecast_sessions_active", "facecast_sessions_capacity", "facecast_frames_pushed_total",
                "facecast_frames_late_total", "facecast_frame_lateness_seconds", "facecast_scheduler_lag_seconds",
                "facecast_audio_underruns_total", "facecast_resamplers_active", "facecast_cpu_seconds_total",
                "facecast_process_rss_bytes", "facecast_encode_time_per_frame_seconds", "facecast_video_bitrate_bits_per_second")) {
            assertThat(scrape.body()).as(metric).contains("# HELP " + metric);
        }
    }

    @Test
    void shouldServeEveryMetricTheDashboardQueries() throws Exception {
        String dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("..", "deploy", "grafana-dashboard.json"));
        String scrape = api().send("GET", "/metrics", null, null).body();
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("facecast_[a-z_]+").matcher(dashboard);

        // Per-session series exist only while sessions stream; Prometheus shows no HELP without samples.
        java.util.Set<String> perSession = java.util.Set.of("facecast_session_cpu_cores");
        int checked = 0;
        while (names.find()) {
            String metric = names.group().replaceAll("_bucket$", "");
            if (perSession.contains(metric)) {
                continue;
            }
            assertThat(scrape).as("dashboard queries " + metric).contains("# HELP " + metric);
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
    }

    private static String createSession() throws Exception {
        return api().createSession(Map.of("width", 320, "height", 240));
    }

    private static void assertBystanderUnharmed() throws Exception {
        HttpResponse<String> response = api().send("GET", "/v1/sessions/" + bystander, null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("state").asText()).isEqualTo("created");
    }

    private static void assertError(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.get("status").asInt()).isEqualTo(status);
    }

    private static FacecastClient api() {
        return server.client();
    }
}
