package dev.facecast.server;

import dev.facecast.client.FacecastClient;
import dev.facecast.server.access.AccessPolicy;
import dev.facecast.server.access.ApiKeys;
import dev.facecast.testsupport.CheckLeaks;
import dev.facecast.testsupport.RunningServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A server with API keys: who gets through to what, and from where. */
@Tag("native")
@CheckLeaks
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AccessTest {

    private static final String KEY = "test-key-0123456789abcdef";
    private static final String APP_ORIGIN = "https://app.example.com";

    @RegisterExtension
    static final RunningServer<FacecastServer> server = new RunningServer<>(() -> FacecastServer.start(
            ServerConfig.defaults().withPort(0).withAccess(new AccessPolicy(ApiKeys.load(null, KEY), Set.of(APP_ORIGIN),
                    Set.of(), false))), FacecastServer::baseUrl);

    private static FacecastClient anonymous() {
        return new FacecastClient(URI.create(server.baseUrl()), null);
    }

    private static FacecastClient control() {
        return anonymous().as(KEY);
    }

    @ParameterizedTest(name = "{0} {1} without a credential: {2}")
    @CsvSource({
            "GET, /healthz, 200", "GET, /metrics, 200", "GET, /, 200", "GET, /index.html, 200",
            "POST, /v1/sessions, 401", "GET, /v1/sessions, 401", "GET, /v1/runtime, 401", "POST, /v1/admin/drain, 401",
            "GET, /v1/sessions/abc, 401", "POST, /v1/sessions/abc/say, 401", "POST, /v1/sessions/abc/messages, 401"})
    void shouldLetNothingButHealthReadinessMetricsAndThePageThroughWithoutACredential(String method, String path, int status)
            throws Exception {
        HttpResponse<String> response = anonymous().send(method, path, method.equals("POST") ? "application/json" : null,
                method.equals("POST") ? "{}" : null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    @Test
    void shouldGrantASessionsTokenItsOwnSessionAndNothingElse() throws Exception {
        FacecastClient.CreatedSession mine = control().create(Map.of("width", 320, "height", 240));
        FacecastClient.CreatedSession other = control().create(Map.of("width", 320, "height", 240));
        FacecastClient page = anonymous().as(mine.token());
        try {
            assertThat(mine.token()).hasSizeGreaterThan(30);
            assertThat(page.send("GET", "/v1/sessions/" + mine.id(), null, null).statusCode()).isEqualTo(200);
            assertThat(page.send("POST", "/v1/sessions/" + mine.id() + "/messages", "application/json", "{\"text\":\"hi\"}")
                    .statusCode()).isEqualTo(202);
            assertThat(page.send("GET", "/v1/sessions/" + other.id(), null, null).statusCode()).isEqualTo(403);
            assertThat(page.send("DELETE", "/v1/sessions/" + other.id(), null, null).statusCode()).isEqualTo(403);
            assertThat(page.send("POST", "/v1/sessions/" + mine.id() + "/say", "application/json", "{\"text\":\"hi\"}")
                    .statusCode()).isEqualTo(403);
            assertThat(page.send("GET", "/v1/sessions", null, null).statusCode()).isEqualTo(403);
            assertThat(page.send("POST", "/v1/sessions", "application/json", "{}").statusCode()).isEqualTo(403);
            assertThat(page.send("POST", "/v1/sessions/" + mine.id() + "/close?token=" + mine.token(), "text/plain", "bye")
                    .statusCode()).isEqualTo(204);
            assertThat(page.send("GET", "/v1/sessions/" + mine.id(), null, null).statusCode())
                    .as("a token dies with its session").isEqualTo(403);
        } finally {
            control().delete(mine.id());
            control().delete(other.id());
        }
    }

    @Test
    void shouldRefuseAWrongKeyAndPlainTextJson() throws Exception {
        assertThat(anonymous().as(KEY + "x").send("GET", "/v1/sessions", null, null).statusCode()).isEqualTo(403);
        HttpResponse<String> plain = control().send("POST", "/v1/sessions", "text/plain", "{}");
        assertThat(plain.statusCode()).isEqualTo(415);
        assertThat(plain.body()).contains("application/json");
    }

    @ParameterizedTest(name = "Host {0}, Origin {1}: {2}")
    @CsvSource({
            "127.0.0.1, '', 200", "localhost, '', 200", "evil.example, '', 403", "127.0.0.1, https://evil.example, 403",
            "127.0.0.1, https://app.example.com, 200"})
    void shouldCheckHostAndOriginBeforeAnythingElse(String host, String origin, int status) throws Exception {
        String response = raw("GET /v1/sessions HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + KEY + "\r\n"
                + (origin.isEmpty() ? "" : "Origin: " + origin + "\r\n") + "Connection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 " + status);
        if (status == 200 && !origin.isEmpty()) {
            assertThat(response).containsIgnoringCase("Access-Control-Allow-Origin: " + origin);
        }
    }

    @Test
    void shouldAnswerAnAllowedOriginsPreflight() throws Exception {
        String response = raw("OPTIONS /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: " + APP_ORIGIN
                + "\r\nAccess-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization, content-type"
                + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 204");
        assertThat(response).containsIgnoringCase("Access-Control-Allow-Headers: Authorization, Content-Type");
    }

    /** A request written by hand: java.net.http will not send another Host than the one it connects to. */
    private static String raw(String request) throws Exception {
        URI base = URI.create(server.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
