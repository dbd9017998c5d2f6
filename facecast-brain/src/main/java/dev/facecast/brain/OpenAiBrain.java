package dev.facecast.brain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Any OpenAI-compatible chat-completions endpoint with {@code stream: true} (OpenAI, Ollama,
 * llama.cpp server, vLLM), read as server-sent events and spoken sentence by sentence.
 */
public final class OpenAiBrain implements Brain {

    /**
     * @param baseUrl        the API root, such as {@code http://localhost:11434/v1}
     * @param model          the model name the endpoint knows
     * @param apiKey         sent as a bearer token; null or blank for none
     * @param systemPrompt   the agent's instructions
     * @param timeout        how long to wait for the response to start
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

    private final Settings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public OpenAiBrain(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public String name() {
        return settings.model();
    }

    @Override
    public void reply(List<ChatTurn> history, Consumer<String> sentences, BooleanSupplier cancelled) {
        HttpResponse<Stream<String>> response = send(history);
        if (response.statusCode() != 200) {
            String body = String.join("\n", response.body().limit(20).toList());
            throw new BrainException("the chat endpoint answered " + response.statusCode() + ": " + abbreviate(body));
        }
        SentenceSplitter splitter = new SentenceSplitter(sentences);
        try (Stream<String> lines = response.body()) {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                if (cancelled.getAsBoolean()) {
                    return;
                }
                String line = it.next();
                if (!line.startsWith("data:")) {
                    continue; // SSE comments, event names and blank separators
                }
                String data = line.substring(5).strip();
                if (data.equals("[DONE]")) {
                    break;
                }
                String content = deltaContent(data);
                if (!content.isEmpty()) {
                    splitter.accept(content);
                }
            }
        } catch (java.io.UncheckedIOException e) {
            throw new BrainException("the chat stream broke: " + e.getMessage(), e);
        }
        splitter.finish();
    }

    private HttpResponse<Stream<String>> send(List<ChatTurn> history) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(history)));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + settings.apiKey());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (HttpTimeoutException e) {
            throw new BrainException("the chat endpoint did not answer within " + settings.timeout().toMillis() + " ms", e);
        } catch (IOException e) {
            throw new BrainException("could not reach the chat endpoint " + endpoint() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrainException("interrupted while waiting for the chat endpoint", e);
        }
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
                throw new BrainException("the chat endpoint reported an error: " + abbreviate(event.get("error").toString()));
            }
            return event.path("choices").path(0).path("delta").path("content").asText("");
        } catch (JsonProcessingException e) {
            throw new BrainException("the chat stream sent something that is not JSON: " + abbreviate(data), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
