package dev.facecast.avatar.anam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facecast.avatar.AvatarException;
import dev.facecast.provider.ErrorKind;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Anam's REST calls that start a session ({@code @anam-ai/js-sdk} {@code CoreApiRestClient}; Anam's
 * "session token" docs): {@code POST /v1/auth/session-token} with the API key, then
 * {@code POST /v1/engine/session} with the session token. A refusal becomes an
 * {@link AvatarException} with the kind of its status (400 bad request, 401/403 auth, 402 no
 * credit, 429 "Concurrent session limit reached", 503 unavailable) and Anam's own message.
 * Thread-safe.
 */
final class AnamApi {

    private final HttpClient http;
    private final ObjectMapper json;
    private final AnamSettings settings;
    private final Duration timeout;

    AnamApi(HttpClient http, ObjectMapper json, AnamSettings settings, Duration timeout) {
        this.http = http;
        this.json = json;
        this.settings = settings;
        this.timeout = timeout;
    }

    EngineSession start(int width, int height) throws IOException, InterruptedException {
        ObjectNode persona = json.createObjectNode();
        persona.put("avatarId", settings.avatarId());
        persona.put("enableAudioPassthrough", true); // we send speech; Anam runs no brain or voice of its own

        ObjectNode tokenRequest = json.createObjectNode();
        tokenRequest.put("clientLabel", settings.clientLabel());
        tokenRequest.set("personaConfig", persona);
        String sessionToken = post("/v1/auth/session-token", settings.apiKey(), tokenRequest).path("sessionToken").asText("");
        if (sessionToken.isEmpty()) {
            throw new AvatarException(ErrorKind.PROTOCOL, "Anam gave no sessionToken", null);
        }

        ObjectNode sessionRequest = json.createObjectNode();
        sessionRequest.set("personaConfig", persona);
        sessionRequest.putObject("sessionOptions").put("videoWidth", width).put("videoHeight", height);
        JsonNode session = post("/v1/engine/session", sessionToken, sessionRequest);
        JsonNode client = session.path("clientConfig");
        EngineSession engine = new EngineSession(session.path("sessionId").asText(""), session.path("engineHost").asText(""),
                session.path("engineProtocol").asText("https"), session.path("signallingEndpoint").asText(""),
                client.path("heartbeatIntervalSeconds").asInt(5), AnamIceServers.parse(client.path("iceServers")));
        if (engine.sessionId().isEmpty() || engine.engineHost().isEmpty() || engine.signallingEndpoint().isEmpty()) {
            throw new AvatarException(ErrorKind.PROTOCOL, "Anam's engine session lacks sessionId, engineHost or signallingEndpoint", null);
        }
        return engine;
    }

    private JsonNode post(String path, String bearer, ObjectNode body) throws IOException, InterruptedException {
        URI uri = settings.resolve(path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new AvatarException(ErrorKind.ofHttpStatus(response.statusCode()),
                    "Anam refused " + path + ": HTTP " + response.statusCode() + " " + message(response.body()), null);
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new AvatarException(ErrorKind.PROTOCOL, "Anam answered " + path + " with something not JSON", e);
        }
    }

    /** Anam's error bodies carry a message (or error); anything else is shown cut short. */
    private String message(String body) {
        try {
            JsonNode node = json.readTree(body);
            for (String field : new String[] {"message", "error", "title"}) {
                if (node.path(field).isTextual()) {
                    return node.get(field).asText();
                }
            }
        } catch (IOException notJson) {
            // shown as it is below
        }
        return body.length() <= 120 ? body : body.substring(0, 120) + "…";
    }
}
