package dev.facecast.brain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderPolicy;
import dev.facecast.provider.testing.FakeStreamingServer;
import dev.facecast.provider.testing.FakeStreamingServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OpenAI-compatible brain against a local fake endpoint speaking server-sent events. */
@Tag("unit")
class OpenAiBrainTest extends BrainConformance {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Reply HELLO = Reply.events(
            "{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"Hello the\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\"re. It costs 3.5 dollars! How are\"}}]}",
            "{\"choices\":[{\"delta\":{\"content\":\" you?\"}}]}",
            "[DONE]");

    private final FakeStreamingServer fake = FakeStreamingServer.start();

    @Override
    protected Brain create(ProviderPolicy policy) {
        return new OpenAiBrain(settings("secret-key"), policy);
    }

    @BeforeEach
    void answerHello() {
        fake.reply(HELLO);
    }

    @AfterAll
    void stopFake() {
        fake.close();
    }

    @Test
    void shouldSendTheModelHistoryAndKeyAndSplitSentences() throws Exception {
        List<String> sentences = reply(brain(), List.of(ChatTurn.user("hi"), ChatTurn.assistant("Hello."), ChatTurn.user("price?")));

        assertThat(sentences).containsExactly("Hello there.", "It costs 3.5 dollars!", "How are you?");
        FakeStreamingServer.Request request = fake.requests().getFirst();
        JsonNode body = new ObjectMapper().readTree(request.body());
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("model").asText()).isEqualTo("tiny-model");
        assertThat(body.get("messages")).hasSize(4);
        assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("system");
        assertThat(body.get("messages").get(3).get("content").asText()).isEqualTo("price?");
        assertThat(request.authorization()).isEqualTo("Bearer secret-key");
    }

    @Test
    void shouldRefuseBadCredentialsAndRequestsWithoutRetrying() {
        fake.reply(Reply.status(401, "{\"error\":\"invalid api key\"}"));
        assertThat(failure()).satisfies(e -> assertThat(e.kind()).isEqualTo(ErrorKind.AUTH)).hasMessageContaining("invalid api key");
        assertThat(fake.requests()).hasSize(1);

        fake.reply(Reply.status(400, "{\"error\":\"no such model\"}"));
        assertThat(failure().kind()).isEqualTo(ErrorKind.BAD_REQUEST);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void shouldRetryRateLimitsAndOutagesBeforeTheFirstSentence() {
        fake.reply(Reply.status(429, "{\"error\":\"slow down\"}"), HELLO);
        assertThat(reply(retrying(), GREETING)).hasSize(3);
        assertThat(fake.requests()).hasSize(2);

        fake.reply(Reply.status(503, "{\"error\":\"overloaded\"}"));
        assertThatThrownBy(() -> reply(retrying(), GREETING))
                .isInstanceOfSatisfying(BrainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void shouldReportGarbageAsAProtocolFailure() {
        fake.reply(Reply.events("this is not json"));

        assertThat(failure().kind()).isEqualTo(ErrorKind.PROTOCOL);
        assertThat(failure()).hasMessageContaining("not JSON");
    }

    @Test
    void shouldTimeOutAResponseThatDoesNotStart() {
        fake.reply(HELLO.withLatencyMs(5_000));
        long startNs = System.nanoTime();

        assertThat(failure().kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - startNs)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void shouldTimeOutAStreamThatStallsAfterItsFirstSentenceWithoutRetrying() {
        fake.reply(Reply.events("{\"choices\":[{\"delta\":{\"content\":\"One. Two\"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\" and three.\"}}]}", "[DONE]").stallingAfter(1));
        List<String> sentences = new ArrayList<>();
        long startNs = System.nanoTime();

        assertThatThrownBy(() -> retrying().reply(GREETING, sentences::add, () -> false))
                .isInstanceOfSatisfying(BrainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT))
                .hasMessageContaining("no output for 500 ms");

        assertThat(sentences).containsExactly("One.");
        assertThat(fake.requests()).as("a sentence was spoken: never retried").hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - startNs)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void shouldReportAnUnreachableEndpoint() {
        OpenAiBrain nowhere = new OpenAiBrain(new OpenAiBrain.Settings(URI.create("http://127.0.0.1:1/v1"), "m", null, null, TIMEOUT));

        assertThatThrownBy(() -> reply(nowhere, GREETING))
                .isInstanceOfSatisfying(BrainException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    }

    private OpenAiBrain.Settings settings(String apiKey) {
        return new OpenAiBrain.Settings(fake.uri("/v1"), "tiny-model", apiKey, null, TIMEOUT);
    }

    /** Two attempts without a pause, so retries are quick to test. */
    private OpenAiBrain retrying() {
        return new OpenAiBrain(settings(null), OpenAiBrain.policyFor(TIMEOUT).withRetries(2, 0));
    }

    private BrainException failure() {
        try {
            reply(new OpenAiBrain(settings(null)), GREETING);
        } catch (BrainException e) {
            return e;
        }
        throw new AssertionError("the reply did not fail");
    }
}
