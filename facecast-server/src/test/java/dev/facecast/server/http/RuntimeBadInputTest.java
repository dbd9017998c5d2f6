package dev.facecast.server.http;

import dev.facecast.client.FacecastClient;
import dev.facecast.server.FacecastServer;
import dev.facecast.server.ServerConfig;
import dev.facecast.testsupport.CheckLeaks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.facecast.server.http.BadInput.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad requests to the process endpoints (/healthz, /readyz, /metrics, /v1/runtime,
 * /v1/admin/drain) and to paths that do not exist; OPTIONS and HEAD on every endpoint.
 */
@Tag("native")
@CheckLeaks
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RuntimeBadInputTest extends BadInputSuite {

    static Stream<BadInput> wrongMethodsAndPaths() {
        return BadInput.concat(
                Stream.of("/healthz", "/readyz", "/metrics", "/v1/runtime").flatMap(path -> Stream.of("POST", "PUT", "PATCH", "DELETE", "TRACE")
                        .map(method -> new BadInput(method + " " + path, method, path, JSON, "{}", 405))).toList(),
                Stream.of("GET", "HEAD", "PUT", "PATCH", "DELETE").map(method ->
                        new BadInput(method + " /v1/admin/drain (nothing drained)", method, "/v1/admin/drain", null, null, 405)).toList(),
                Stream.of("/v1", "/v1/", "/v2/sessions", "/V1/SESSIONS", "/healthz/extra", "/metrics.json", "/v1/admin",
                        "/v1/admin/drain/now", "/index.php", "/.env", "/.git/config", "/v1/sessions/%2e%2e/%2e%2e/healthz", "/%E2%9C%93", "/" + "x".repeat(4_000))
                        .map(path -> new BadInput("GET " + (path.length() > 60 ? "a path of 4000 characters" : path) + " (no such endpoint)",
                                "GET", path, null, null, 404)).toList(),
                // Jetty refuses these before any route: the decoded path leaves the root, or is ambiguous.
                List.of(new BadInput("GET an encoded path escaping the root", "GET", "/%2e%2e/%2e%2e/etc/passwd", null, null, 400),
                        new BadInput("GET an encoded traversal out of the static files", "GET", "/static/..%2F..%2Fpom.xml", null, null, 400),
                        new BadInput("POST to no such endpoint with a JSON body", "POST", "/v1/nothing", JSON, "{\"a\":1}", 404),
                        new BadInput("DELETE no such endpoint", "DELETE", "/v1/nothing", null, null, 404),
                        new BadInput("OPTIONS no such endpoint", "OPTIONS", "/v1/nothing", null, null, 404),
                        new BadInput("HEAD no such endpoint", "HEAD", "/v1/nothing", null, null, 404)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongMethodsAndPaths")
    void shouldAnswerWrongMethodsWith405AndUnknownPathsWith404(BadInput input) throws Exception {
        assertRefused(input);
    }

    @ParameterizedTest(name = "OPTIONS {0} lists {1}")
    @CsvSource(delimiter = '|', value = {
            "/v1/sessions|GET, HEAD, OPTIONS, POST",
            "/v1/sessions/{id}|DELETE, GET, HEAD, OPTIONS, PATCH",
            "/v1/sessions/0123456789abcdef|DELETE, GET, HEAD, OPTIONS, PATCH",
            "/v1/sessions/{id}/whep|DELETE, OPTIONS, POST",
            "/v1/sessions/{id}/whip|DELETE, OPTIONS, POST",
            "/v1/sessions/{id}/say|OPTIONS, POST",
            "/v1/sessions/{id}/messages|OPTIONS, POST",
            "/v1/sessions/{id}/sync-probe|OPTIONS, POST",
            "/v1/sessions/{id}/transcript|GET, HEAD, OPTIONS",
            "/v1/admin/drain|OPTIONS, POST",
            "/v1/runtime|GET, HEAD, OPTIONS",
            "/healthz|GET, HEAD, OPTIONS",
            "/readyz|GET, HEAD, OPTIONS",
            "/metrics|GET, HEAD, OPTIONS"})
    void shouldListTheMethodsOfEveryEndpoint(String path, String allow) throws Exception {
        HttpResponse<String> response = api().send("OPTIONS", path.replace("{id}", bystander), null, null);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Allow")).hasValue(allow);
        assertThat(response.body()).isEmpty();
    }

    @ParameterizedTest(name = "HEAD {0} answers as GET does, without a body")
    @CsvSource({"/v1/sessions", "/v1/sessions/{id}", "/v1/sessions/{id}/transcript", "/v1/runtime", "/healthz", "/readyz", "/metrics"})
    void shouldAnswerHeadOnEveryReadableEndpoint(String path) throws Exception {
        HttpResponse<String> get = api().send("GET", path.replace("{id}", bystander), null, null);
        HttpResponse<String> head = api().send("HEAD", path.replace("{id}", bystander), null, null);

        assertThat(head.statusCode()).isEqualTo(get.statusCode());
        assertThat(head.headers().firstValue("Content-Type")).isEqualTo(get.headers().firstValue("Content-Type"));
        assertThat(head.body()).isEmpty();
    }

    /** Its own server: draining the suite's would refuse every later case's sessions. */
    @Test
    void shouldDrainIgnoringAJunkBodyAndStillRefuseBadInputWhileDraining() throws Exception {
        try (FacecastServer own = FacecastServer.start(ServerConfig.defaults().withPort(0).withMaxSessions(1))) {
            FacecastClient client = new FacecastClient(own.baseUrl());

            HttpResponse<String> drain = client.send("POST", "/v1/admin/drain", "text/plain", "\u0000 not json {");

            assertThat(drain.statusCode()).isEqualTo(202);
            ErrorShape.assertError(client.send("POST", "/v1/sessions", JSON, "{}"), 503);
            ErrorShape.assertError(client.send("POST", "/v1/sessions", JSON, "{\"fps\":"), 400);
            ErrorShape.assertError(client.send("GET", "/v1/admin/drain", null, null), 405);
            assertThat(client.send("GET", "/readyz", null, null).statusCode()).isEqualTo(503);
        }
    }
}
