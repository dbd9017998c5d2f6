package dev.facecast.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few Facecast API calls the load test makes. Thread-safe. */
final class FacecastClient {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    FacecastClient(URI base) {
        this.base = base;
    }

    String createSession(int width, int height, int fps, int idleFps) throws IOException, InterruptedException {
        return send("POST", "/v1/sessions", "application/json", json.writeValueAsString(
                Map.of("width", width, "height", height, "fps", fps, "idleFps", idleFps)), 201).get("id").asText();
    }

    String whep(String sessionId, String offerSdp) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request("POST", "/v1/sessions/" + sessionId + "/whep", "application/sdp", offerSdp),
                HttpResponse.BodyHandlers.ofString());
        expect(response, 201);
        return response.body();
    }

    void say(String sessionId, String text) throws IOException, InterruptedException {
        send("POST", "/v1/sessions/" + sessionId + "/say", "application/json", json.writeValueAsString(Map.of("text", text)), 202);
    }

    void delete(String sessionId) throws IOException, InterruptedException {
        http.send(request("DELETE", "/v1/sessions/" + sessionId, null, null), HttpResponse.BodyHandlers.discarding());
    }

    JsonNode session(String sessionId) throws IOException, InterruptedException {
        return send("GET", "/v1/sessions/" + sessionId, null, null, 200);
    }

    JsonNode runtime() throws IOException, InterruptedException {
        return send("GET", "/v1/runtime", null, null, 200);
    }

    private JsonNode send(String method, String path, String contentType, String body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(method, path, contentType, body), HttpResponse.BodyHandlers.ofString());
        expect(response, expected);
        return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
    }

    private HttpRequest request(String method, String path, String contentType, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return builder.build();
    }

    /** The server refused a session: it is at capacity (429) or draining (503). */
    static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    private static void expect(HttpResponse<String> response, int expected) throws IOException {
        if (response.statusCode() == 429 || response.statusCode() == 503) {
            throw new RefusedException("the server refused: " + response.body());
        }
        if (response.statusCode() != expected) {
            throw new IOException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }
}
