package dev.facecast.brain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facecast.provider.Call;
import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderPolicy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Any OpenAI-compatible chat-completions endpoint with {@code stream: true} (OpenAI, Ollama,
 * llama.cpp server, vLLM), read as server-sent events and spoken sentence by sentence.
 *
 * <p>The base's deadlines bound the connection, the first token and the gap between tokens;
 * the HTTP client gets no timeouts of its own, so one mechanism decides and reports. A read
 * blocked on a stalled stream is woken by closing the response body.
 */
public final class OpenAiBrain extends StreamingBrain {

    /**
     * @param baseUrl      the API root, such as {@code http://localhost:11434/v1}
     * @param model        the model name the endpoint knows
     * @param apiKey       sent as a bearer token; null or blank for none
     * @param systemPrompt the agent's instructions
     * @param timeout      each deadline of a reply: to connect, to the first token, and between tokens
     */
    public record Settings(URI baseUrl, String model, String apiKey, String systemPrompt, Duration timeout) {
        public Settings {
            if (baseUrl == null || model == null || model.isBlank()) {
                throw new IllegalArgumentException("an OpenAI-compatible brain needs a base URL and a model");
            }
        }
    }

    public static final String DEFAULT_SYSTEM_PROMPT = "You are a friendly avatar agent that answers by voice. "
            + "Answer in one to three short spoken sentences, without lists, markdown or emoji.";

    /** How much of an error body is read into the exception. */
    private static final int ERROR_BODY_BYTES = 2_000;

    private final Settings settings;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    public OpenAiBrain(Settings settings) {
        this(settings, policyFor(settings.timeout()));
    }

    public OpenAiBrain(Settings settings, ProviderPolicy policy) {
        super(settings.model(), policy);
        this.settings = settings;
    }

    /** The default policy with every deadline set to {@code timeout}. */
    public static ProviderPolicy policyFor(Duration timeout) {
        long ms = timeout.toMillis();
        return ProviderPolicy.DEFAULTS.withTimeoutsMs(ms, ms, ms);
    }

    @Override
    protected void stream(List<ChatTurn> history, Consumer<String> text, Call call) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request(history), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            call.closeOnAbort(body);
            call.connected();
            if (response.statusCode() != 200) {
                String error = new String(body.readNBytes(ERROR_BODY_BYTES), StandardCharsets.UTF_8);
                throw new BrainException(ErrorKind.ofHttpStatus(response.statusCode()),
                        "the chat endpoint answered " + response.statusCode() + ": " + abbreviate(error), null);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            for (String line; !call.getAsBoolean() && (line = lines.readLine()) != null; ) {
                if (!line.startsWith("data:")) {
                    continue; // SSE comments, event names and blank separators
                }
                String data = line.substring(5).strip();
                if (data.equals("[DONE]")) {
                    return;
                }
                String content = deltaContent(data);
                if (!content.isEmpty()) {
                    text.accept(content);
                }
            }
        }
    }

    private HttpRequest request(List<ChatTurn> history) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(history)));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        return request.build();
    }

    private URI endpoint() {
        String base = settings.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
    }

    private String requestBody(List<ChatTurn> history) {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.model());
        body.put("stream", true);
        ArrayNode messages = body.putArray("messages");
        String system = settings.systemPrompt() == null ? DEFAULT_SYSTEM_PROMPT : settings.systemPrompt();
        messages.addObject().put("role", "system").put("content", system);
        for (ChatTurn turn : history) {
            messages.addObject().put("role", turn.role()).put("content", turn.text());
        }
        return body.toString();
    }

    private String deltaContent(String data) {
        try {
            JsonNode event = json.readTree(data);
            if (event.has("error")) {
                // an error event mid-stream is the endpoint failing on its side, as a 5xx would
                throw new BrainException(ErrorKind.UNAVAILABLE,
                        "the chat endpoint reported an error: " + abbreviate(event.get("error").toString()), null);
            }
            return event.path("choices").path(0).path("delta").path("content").asText("");
        } catch (JsonProcessingException e) {
            throw new BrainException(ErrorKind.PROTOCOL, "the chat stream sent something that is not JSON: " + abbreviate(data), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
