package dev.facecast.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Facecast's HTTP API over java.net.http. The typed calls expect the API's success status and
 * throw {@link IOException} (a {@link RefusedException} for 429 and 503) on any other;
 * {@link #send} returns whatever the server answered. Thread-safe.
 */
public final class FacecastClient {

    private static final String JSON_TYPE = "application/json";

    /** Where the tools find the control API key when none is given. */
    public static final String API_KEY_VARIABLE = "FACECAST_API_KEY";

    private final URI base;
    private final String credential;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param base       the server, such as {@code http://127.0.0.1:8080}
     * @param credential sent as {@code Authorization: Bearer}: an API key, or a session's token; null for none
     */
    public FacecastClient(URI base, String credential) {
        this.base = base;
        this.credential = credential;
    }

    /** A client with the API key in {@value #API_KEY_VARIABLE}, if set (none is needed on a loopback server without keys). */
    public FacecastClient(URI base) {
        this(base, System.getenv(API_KEY_VARIABLE));
    }

    public FacecastClient(String base) {
        this(URI.create(base));
    }

    /** The same server with another credential, such as a session's token. */
    public FacecastClient as(String otherCredential) {
        return new FacecastClient(base, otherCredential);
    }

    /** {@code POST /v1/sessions}; returns the new session's id. */
    public String createSession(int width, int height, int fps, int idleFps) throws IOException, InterruptedException {
        return createSession(Map.of("width", width, "height", height, "fps", fps, "idleFps", idleFps));
    }

    /** {@code POST /v1/sessions} with these settings (any of width, height, fps, idleFps); returns the id. */
    public String createSession(Map<String, ?> settings) throws IOException, InterruptedException {
        return create(settings).id();
    }

    /** A session's id and the token that grants its media and messages (shown only at creation). */
    public record CreatedSession(String id, String token) {
    }

    /** {@code POST /v1/sessions}; the id and the session's token. */
    public CreatedSession create(Map<String, ?> settings) throws IOException, InterruptedException {
        JsonNode created = expectJson(send("POST", "/v1/sessions", JSON_TYPE, write(settings)), 201);
        return new CreatedSession(created.get("id").asText(), created.path("token").asText(null));
    }

    /** {@code POST /v1/sessions/{id}/whep}: the receiver's offer in, the answer out. */
    public String whep(String sessionId, String offerSdp) throws IOException, InterruptedException {
        return expect(send("POST", "/v1/sessions/" + sessionId + "/whep", "application/sdp", offerSdp), 201).body();
    }

    /** {@code PATCH /v1/sessions/{id}} with {@code fps} and/or {@code idleFps}. */
    public void patch(String sessionId, Map<String, ?> settings) throws IOException, InterruptedException {
        expect(send("PATCH", "/v1/sessions/" + sessionId, JSON_TYPE, write(settings)), 200);
    }

    /** {@code POST /v1/sessions/{id}/say}: the avatar says exactly {@code text}. */
    public void say(String sessionId, String text) throws IOException, InterruptedException {
        expect(send("POST", "/v1/sessions/" + sessionId + "/say", JSON_TYPE, write(Map.of("text", text))), 202);
    }

    /**
     * {@code POST /v1/sessions/{id}/sync-probe}: the avatar plays tone bursts after what it is
     * saying, with {@code probe}'s count, periodMs, burstMs and markDelayMs (any of them).
     */
    public void syncProbe(String sessionId, Map<String, ?> probe) throws IOException, InterruptedException {
        expect(send("POST", "/v1/sessions/" + sessionId + "/sync-probe", JSON_TYPE, write(probe)), 202);
    }

    /** {@code POST /v1/sessions/{id}/messages}: a typed user turn that the agent answers. */
    public void message(String sessionId, String text) throws IOException, InterruptedException {
        expect(send("POST", "/v1/sessions/" + sessionId + "/messages", JSON_TYPE, write(Map.of("text", text))), 202);
    }

    /** {@code GET /v1/sessions/{id}/transcript}. */
    public JsonNode transcript(String sessionId) throws IOException, InterruptedException {
        return expectJson(send("GET", "/v1/sessions/" + sessionId + "/transcript", null, null), 200);
    }

    /** {@code DELETE /v1/sessions/{id}}; a session already gone is no error. */
    public void delete(String sessionId) throws IOException, InterruptedException {
        send("DELETE", "/v1/sessions/" + sessionId, null, null);
    }

    /** {@code GET /v1/sessions/{id}}. */
    public JsonNode session(String sessionId) throws IOException, InterruptedException {
        return expectJson(send("GET", "/v1/sessions/" + sessionId, null, null), 200);
    }

    /** {@code GET /v1/runtime}: the process's threads, native frames, CPU and memory. */
    public JsonNode runtime() throws IOException, InterruptedException {
        return expectJson(send("GET", "/v1/runtime", null, null), 200);
    }

    /** {@code GET /metrics}: Prometheus text. */
    public String metrics() throws IOException, InterruptedException {
        return expect(send("GET", "/metrics", null, null), 200).body();
    }

    /** Any request; the answer whatever its status. {@code contentType} and {@code body} may be null. */
    public HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (credential != null && !credential.isBlank()) {
            request.header("Authorization", "Bearer " + credential);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a response, as JSON; an empty body is an empty object. */
    public JsonNode json(HttpResponse<String> response) throws IOException {
        return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    }

    private String write(Map<String, ?> body) throws JsonProcessingException {
        return json.writeValueAsString(body);
    }

    private JsonNode expectJson(HttpResponse<String> response, int expected) throws IOException {
        return json(expect(response, expected));
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int expected) throws IOException {
        if (response.statusCode() == 429 || response.statusCode() == 503) {
            throw new RefusedException("the server refused: " + response.body());
        }
        if (response.statusCode() != expected) {
            throw new IOException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** The server refused: it is at capacity (429) or draining (503). */
    public static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }
}
