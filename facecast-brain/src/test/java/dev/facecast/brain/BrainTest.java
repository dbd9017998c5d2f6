package dev.facecast.brain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both brains; the OpenAI-compatible one against a local fake server speaking server-sent events. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BrainTest {

    private final ObjectMapper json = new ObjectMapper();
    private HttpServer fake;

    @AfterEach
    void stopFake() {
        if (fake != null) {
            fake.stop(0);
        }
    }

    @Test
    void shouldGreetNameTellTimeAndSayGoodbyeByRule() {
        Clock noon = Clock.fixed(Instant.parse("2026-01-01T12:05:00Z"), ZoneOffset.UTC);
        RuleBrain rules = new RuleBrain("Ava", noon);

        assertThat(reply(rules, "hello")).first().asString().contains("Hello");
        assertThat(String.join(" ", reply(rules, "what's your name?"))).contains("Ava");
        assertThat(String.join(" ", reply(rules, "what time is it"))).contains("12:05 PM");
        assertThat(String.join(" ", reply(rules, "goodbye"))).contains("Goodbye");
        assertThat(reply(rules, "tell me about quantum gravity")).isNotEmpty();
    }

    @Test
    void shouldStreamSentencesFromAnOpenAiCompatibleEndpointWithHistory() throws Exception {
        AtomicReference<JsonNode> request = new AtomicReference<>();
        AtomicReference<String> authorization = new AtomicReference<>();
        serve(exchange -> {
            request.set(json.readTree(exchange.getRequestBody()));
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            sse(exchange, 200, "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}",
                    ": keep-alive comment",
                    "data: {\"choices\":[{\"delta\":{\"content\":\"Hello the\"}}]}",
                    "data: {\"choices\":[{\"delta\":{\"content\":\"re. It costs 3.5 dollars! How are\"}}]}",
                    "data: {\"choices\":[{\"delta\":{\"content\":\" you?\"}}]}",
                    "data: [DONE]");
        });
        OpenAiBrain brain = brain("secret-key", Duration.ofSeconds(5));

        List<String> sentences = reply(brain, List.of(ChatTurn.user("hi"), ChatTurn.assistant("Hello."), ChatTurn.user("price?")));

        assertThat(sentences).containsExactly("Hello there.", "It costs 3.5 dollars!", "How are you?");
        assertThat(request.get().get("stream").asBoolean()).isTrue();
        assertThat(request.get().get("model").asText()).isEqualTo("tiny-model");
        assertThat(request.get().get("messages")).hasSize(4);
        assertThat(request.get().get("messages").get(0).get("role").asText()).isEqualTo("system");
        assertThat(request.get().get("messages").get(3).get("content").asText()).isEqualTo("price?");
        assertThat(authorization.get()).isEqualTo("Bearer secret-key");
    }

    @Test
    void shouldReportHttpErrorsTimeoutsAndBadStreams() throws Exception {
        serve(exchange -> {
            switch (exchange.getRequestURI().getPath()) {
                case "/error/chat/completions" -> sse(exchange, 401, "{\"error\":\"invalid api key\"}");
                case "/slow/chat/completions" -> {
                    sleep(2_000);
                    sse(exchange, 200, "data: [DONE]");
                }
                case "/garbage/chat/completions" -> sse(exchange, 200, "data: this is not json");
                default -> sse(exchange, 404, "no");
            }
        });

        assertThatThrownBy(() -> reply(brainAt("/error", Duration.ofSeconds(5)), "hi"))
                .isInstanceOf(BrainException.class).hasMessageContaining("401").hasMessageContaining("invalid api key");
        assertThatThrownBy(() -> reply(brainAt("/slow", Duration.ofMillis(300)), "hi"))
                .isInstanceOf(BrainException.class).hasMessageContaining("did not answer within 300 ms");
        assertThatThrownBy(() -> reply(brainAt("/garbage", Duration.ofSeconds(5)), "hi"))
                .isInstanceOf(BrainException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> reply(new OpenAiBrain(new OpenAiBrain.Settings(URI.create("http://127.0.0.1:1/v1"),
                "m", null, null, Duration.ofSeconds(2))), "hi"))
                .isInstanceOf(BrainException.class).hasMessageContaining("could not reach");
    }

    @Test
    void shouldStopStreamingWhenCancelled() throws Exception {
        serve(exchange -> sse(exchange, 200,
                "data: {\"choices\":[{\"delta\":{\"content\":\"One. \"}}]}",
                "data: {\"choices\":[{\"delta\":{\"content\":\"Two. \"}}]}",
                "data: {\"choices\":[{\"delta\":{\"content\":\"Three. \"}}]}",
                "data: [DONE]"));
        List<String> sentences = new ArrayList<>();

        brain(null, Duration.ofSeconds(5)).reply(List.of(ChatTurn.user("count")), sentences::add, () -> !sentences.isEmpty());

        assertThat(sentences).containsExactly("One.");
    }

    private OpenAiBrain brain(String key, Duration timeout) {
        return new OpenAiBrain(new OpenAiBrain.Settings(URI.create("http://127.0.0.1:" + fake.getAddress().getPort() + "/v1"),
                "tiny-model", key, null, timeout));
    }

    private OpenAiBrain brainAt(String prefix, Duration timeout) {
        return new OpenAiBrain(new OpenAiBrain.Settings(URI.create("http://127.0.0.1:" + fake.getAddress().getPort() + prefix),
                "tiny-model", null, null, timeout));
    }

    private static List<String> reply(Brain brain, String userText) {
        return reply(brain, List.of(ChatTurn.user(userText)));
    }

    private static List<String> reply(Brain brain, List<ChatTurn> history) {
        List<String> sentences = new ArrayList<>();
        brain.reply(history, sentences::add, () -> false);
        return sentences;
    }

    private void serve(Handler handler) throws IOException {
        fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/", exchange -> {
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        fake.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        fake.start();
    }

    private static void sse(HttpExchange exchange, int status, String... lines) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", status == 200 ? "text/event-stream" : "application/json");
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String line : lines) {
                out.write((line + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }
}
