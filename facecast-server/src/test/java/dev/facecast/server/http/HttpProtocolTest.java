package dev.facecast.server.http;

import dev.facecast.client.FacecastClient;
import dev.facecast.server.FacecastServer;
import dev.facecast.server.ServerConfig;
import dev.facecast.testsupport.CheckLeaks;
import dev.facecast.testsupport.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP by the book: methods, HEAD, OPTIONS, WHEP/WHIP hang-up, Jetty's own errors, body limits and deadlines. */
@Tag("native")
@CheckLeaks
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HttpProtocolTest {

    @RegisterExtension
    static final RunningServer<FacecastServer> server = new RunningServer<>(
            () -> FacecastServer.start(ServerConfig.defaults().withPort(0).withMaxSessions(4)), FacecastServer::baseUrl);
    private static String bystander;

    @BeforeAll
    static void createBystander() throws Exception {
        bystander = api().createSession(Map.of("width", 320, "height", 240));
    }

    @AfterEach
    void bystanderUnharmedAndServerAnswers() throws Exception {
        assertThat(api().session(bystander).get("state").asText()).isEqualTo("created");
        assertThat(api().send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} {1} answers 405 with Allow: {2}")
    @CsvSource(delimiter = '|', value = {
            "PUT|/v1/sessions|GET, HEAD, OPTIONS, POST",
            "POST|/v1/sessions/{id}|DELETE, GET, HEAD, OPTIONS, PATCH",
            "GET|/v1/sessions/{id}/whep|DELETE, OPTIONS, POST",
            "PATCH|/v1/sessions/{id}/whip|DELETE, OPTIONS, POST",
            "GET|/v1/sessions/{id}/say|OPTIONS, POST",
            "HEAD|/v1/sessions/{id}/messages|OPTIONS, POST",
            "DELETE|/v1/sessions/{id}/transcript|GET, HEAD, OPTIONS",
            "GET|/v1/admin/drain|OPTIONS, POST",
            "POST|/healthz|GET, HEAD, OPTIONS"})
    void shouldAnswer405WithTheMethodsAPathTakes(String method, String path, String allow) throws Exception {
        HttpResponse<String> response = api().send(method, path.replace("{id}", bystander), null, null);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue(allow);
        if (!method.equals("HEAD")) {
            ErrorShape.assertError(response, 405);
        }
    }

    /** A preflight from an origin that is not allowed is refused (AccessTest has an allowed one). */
    @Test
    void shouldAnswerOptionsWithAllowAndRefuseAPreflightFromAnOriginNotAllowed() throws Exception {
        RawHttp.Response preflight = RawHttp.exchange(server.baseUrl(), "OPTIONS /v1/sessions/" + bystander + "/whep HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nOrigin: https://player.example\r\nAccess-Control-Request-Method: POST\r\n\r\n");
        HttpResponse<String> plain = api().send("OPTIONS", "/v1/sessions/" + bystander + "/whip", null, null);

        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.headers()).doesNotContainKey("access-control-allow-origin");
        assertThat(plain.statusCode()).isEqualTo(204);
        assertThat(plain.headers().firstValue("Allow")).hasValue("DELETE, OPTIONS, POST");
        assertThat(plain.body()).isEmpty();
    }

    @ParameterizedTest(name = "HEAD {0} has GET''s status and headers, no body")
    @CsvSource({"/v1/sessions/{id}", "/v1/sessions/no-such-session", "/v1/sessions/{id}/transcript", "/v1/sessions",
            "/healthz", "/readyz", "/v1/nothing-here", "/"})
    void shouldAnswerHeadLikeGet(String path) throws Exception {
        String request = " " + path.replace("{id}", bystander) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

        RawHttp.Response get = RawHttp.exchange(server.baseUrl(), "GET" + request);
        RawHttp.Response head = RawHttp.exchange(server.baseUrl(), "HEAD" + request);

        assertThat(head.status()).isEqualTo(get.status());
        assertThat(head.headers().get("content-type")).isEqualTo(get.headers().get("content-type"));
        assertThat(head.headers().containsKey("content-length")).isEqualTo(get.headers().containsKey("content-length"));
        assertThat(head.body()).isEmpty();
    }

    @ParameterizedTest(name = "DELETE on the {0} resource ends the session")
    @CsvSource({"whep", "whip"})
    void shouldHangUpWithDeleteOnTheResource(String resource) throws Exception {
        String id = api().createSession(Map.of("width", 320, "height", 240));

        HttpResponse<String> hangUp = api().send("DELETE", "/v1/sessions/" + id + "/" + resource, null, null);

        assertThat(hangUp.statusCode()).isEqualTo(200);
        ErrorShape.assertError(api().send("GET", "/v1/sessions/" + id, null, null), 404);
        ErrorShape.assertError(api().send("DELETE", "/v1/sessions/" + id + "/" + resource, null, null), 404);
    }

    @ParameterizedTest(name = "{0}: Jetty''s own {1} is the JSON error")
    @CsvSource(delimiter = '|', value = {
            "a request line that is not HTTP|400|GARBAGE\\r\\n\\r\\n",
            "a header line without a colon|400|GET /healthz HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nBad Header\\r\\n\\r\\n",
            "HTTP/1.1 without Host|400|GET /healthz HTTP/1.1\\r\\n\\r\\n",
            "a Content-Length that is no number|400|POST /v1/sessions HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Length: abc\\r\\n\\r\\n{}",
            "Content-Length and chunked together|400|POST /v1/sessions HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Length: 2\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2\\r\\n{}\\r\\n0\\r\\n\\r\\n",
            "an unknown transfer coding|400|POST /v1/sessions HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n{}",
            "a path escaping the root|400|GET /../etc/passwd HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n",
            "an encoded NUL in the path|400|GET /v1/sessions/a%00b HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n",
            "a bad percent escape|400|GET /v1/sessions/%zz HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n",
            "HTTP/2 in clear text without upgrade|426|GET /healthz HTTP/2.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n",
            "an unknown path, no route|404|GET /v1/nothing-here HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n",
            "a wrong method on a known path|405|PUT /healthz HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n"})
    void shouldAnswerProtocolErrorsAsJson(String what, int status, String request) throws Exception {
        ErrorShape.assertError(RawHttp.exchange(server.baseUrl(), request.translateEscapes()), status);
    }

    @Test
    void shouldAnswer414And431AsJsonForOversizedHeads() throws Exception {
        ErrorShape.assertError(RawHttp.exchange(server.baseUrl(),
                "GET /v1/sessions/" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), 414);
        ErrorShape.assertError(RawHttp.exchange(server.baseUrl(),
                "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(9_000) + "\r\n\r\n"), 431);
    }

    @ParameterizedTest(name = "a chunked body without end on {0} is cut at {1} bytes with 413, the rest unread")
    @CsvSource(delimiter = '|', value = {"/v1/sessions|16384|application/json", "/v1/sessions/{id}/whep|65536|application/sdp"})
    void shouldCutAChunkedBodyAtItsLimitWithoutReadingTheRest(String path, int limitBytes, String contentType) throws Exception {
        // Sent until the answer comes: a server that read bodies whole would never answer before this cap.
        long bodyBytes = 2L * 1024 * 1024 * 1024;
        AtomicLong sentBytes = new AtomicLong();
        try (RawHttp http = RawHttp.connect(server.baseUrl())) {
            http.send("POST " + path.replace("{id}", bystander) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n");
            Thread writer = Thread.ofVirtual().start(() -> {
                String chunk = Integer.toHexString(64 * 1024) + "\r\n" + " ".repeat(64 * 1024) + "\r\n";
                try {
                    while (sentBytes.get() < bodyBytes && !Thread.currentThread().isInterrupted()) {
                        http.send(chunk);
                        sentBytes.addAndGet(64 * 1024);
                    }
                } catch (Exception closed) {
                    // the server may stop reading
                }
            });

            RawHttp.Response response = http.read();
            long sentWhenAnswered = sentBytes.get();
            writer.interrupt();

            ErrorShape.assertError(response, 413);
            assertThat(response.body()).contains(String.valueOf(limitBytes));
            assertThat(response.headers()).containsEntry("connection", "close");
            assertThat(sentWhenAnswered).as("answered before the body ended").isLessThan(bodyBytes);
        }
    }

    @Test
    void shouldRefuseADeclaredLengthOverTheLimitBeforeReading() throws Exception {
        try (RawHttp http = RawHttp.connect(server.baseUrl())) {
            http.send("POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\n\r\n{");

            RawHttp.Response response = http.read();

            ErrorShape.assertError(response, 413);
            assertThat(response.headers()).containsEntry("connection", "close");
        }
    }

    @ParameterizedTest(name = "a body trickled byte by byte ({0}) is cut with 408 within a few seconds")
    @CsvSource(delimiter = '|', value = {"Content-Length: 1000|%s", "Transfer-Encoding: chunked|1\\r\\n%s\\r\\n"})
    void shouldCutATrickledBody(String framing, String byteFormat) throws Exception {
        long startNs = System.nanoTime();
        try (RawHttp http = RawHttp.connect(server.baseUrl())) {
            http.send("POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n");
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        http.send(byteFormat.translateEscapes().formatted(" "));
                        Thread.sleep(200);
                    }
                } catch (Exception stopped) {
                    // interrupted, or the server closed
                }
            });

            RawHttp.Response response = http.read();
            trickle.interrupt();

            ErrorShape.assertError(response, 408);
            assertThat(Duration.ofNanos(System.nanoTime() - startNs))
                    .isLessThan(BoundedBody.READ_DEADLINE.plus(HttpServerSettings.REQUEST_IDLE_TIMEOUT));
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void shouldCloseAConnectionWhoseHeadersTrickleInPastTheDeadline() throws Exception {
        long startNs = System.nanoTime();
        try (RawHttp http = RawHttp.connect(server.baseUrl())) {
            http.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            // One header byte every 2 s: each read is within the idle timeout, the headers never end.
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(2_000);
                        http.send("X");
                    }
                } catch (Exception stopped) {
                    // interrupted, or the server closed
                }
            });

            boolean closed = http.closedByServer();
            trickle.interrupt();

            assertThat(closed).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - startNs))
                    .isLessThan(HeaderDeadline.DEADLINE.plusSeconds(5));
        }
    }

    @Test
    void shouldCutABodyThatStopsArriving() throws Exception {
        try (RawHttp http = RawHttp.connect(server.baseUrl())) {
            http.send("POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");

            RawHttp.Response response = http.read();

            ErrorShape.assertError(response, 408);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest(name = "malformed chunked framing ({0}) is a 400 JSON error")
    @CsvSource(delimiter = '|', value = {
            "a chunk size that is not hex|ZZ\\r\\n{}\\r\\n0\\r\\n\\r\\n",
            "a chunk longer than its size|2\\r\\n{}XX0\\r\\n\\r\\n",
            "a chunk size beyond any number|2\\r\\n{}\\r\\nFFFFFFFFFFFFFFFFFFFF\\r\\n\\r\\n"})
    void shouldAnswer400ForMalformedChunkedFraming(String what, String body) throws Exception {
        RawHttp.Response response = RawHttp.exchange(server.baseUrl(), "POST /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + body.translateEscapes());

        ErrorShape.assertError(response, 400);
    }

    private static FacecastClient api() {
        return server.client();
    }
}
