package dev.facecast.server.http;

import dev.facecast.testsupport.CheckLeaks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.facecast.server.http.BadInput.JSON;

/** Bad requests to the conversation: /say, /messages, /transcript and /sync-probe of a session. */
@Tag("native")
@CheckLeaks
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConversationBadInputTest extends BadInputSuite {

    /** {@code text} values neither /say nor /messages takes. */
    static final Map<String, String> BAD_TEXTS = BadInput.named(
            "no text field", "{}",
            "text null", "{\"text\":null}",
            "text a number", "{\"text\":42}",
            "text true", "{\"text\":true}",
            "text an array", "{\"text\":[\"hi\"]}",
            "text an object", "{\"text\":{\"value\":\"hi\"}}",
            "empty text", "{\"text\":\"\"}",
            "only spaces", "{\"text\":\"   \"}",
            "only line breaks", "{\"text\":\"\\n\\r\\n\\t\"}",
            "2001 characters", "{\"text\":\"" + "a".repeat(2_001) + "\"}",
            "an escaped NUL", "{\"text\":\"hi\\u0000there\"}",
            "a bell", "{\"text\":\"hi\\u0007\"}",
            "a terminal escape", "{\"text\":\"\\u001b[31mred\"}",
            "DEL", "{\"text\":\"hi\\u007f\"}",
            "a C1 control", "{\"text\":\"hi\\u0085\"}",
            "a lone high surrogate", "{\"text\":\"hi\\ud800\"}",
            "a lone low surrogate", "{\"text\":\"\\udc00hi\"}",
            "reversed surrogates", "{\"text\":\"\\ude00\\ud83d\"}",
            "a misspelt field", "{\"txt\":\"hi\"}",
            "text and an unknown field", "{\"text\":\"hi\",\"voice\":\"loud\"}",
            "text twice", "{\"text\":\"hi\",\"text\":\"ho\"}",
            "a body over 16 KiB", "{\"text\":\"" + "a".repeat(16 * 1024) + "\"}");

    static Stream<BadInput> texts() {
        return Stream.of("say", "messages").flatMap(endpoint -> BadInput.concat(
                BadInput.each(BadInput.MALFORMED_JSON, bad -> post(endpoint, "with " + bad.getKey(), JSON, bad.getValue(), 400)),
                BadInput.each(BAD_TEXTS, bad -> post(endpoint, "with " + bad.getKey(), JSON, bad.getValue(),
                        bad.getKey().startsWith("a body over") ? 413 : 400)),
                BadInput.each(BadInput.NOT_JSON_TYPES, type -> post(endpoint, "sent as " + type.getKey(), type.getValue(), "{\"text\":\"hi\"}", 415)),
                List.of(post(endpoint, "with no content type", null, "{\"text\":\"hi\"}", 415),
                        new BadInput("POST " + endpoint + " to an unknown session", "POST", "/v1/sessions/0123456789abcdef/" + endpoint,
                                JSON, "{\"text\":\"hi\"}", 404))));
    }

    static Stream<BadInput> syncProbes() {
        return BadInput.concat(
                BadInput.each(BadInput.MALFORMED_JSON, bad -> probe("with " + bad.getKey(), bad.getValue(), 400)),
                BadInput.each(BadInput.named("count", "count", "periodMs", "periodMs", "burstMs", "burstMs", "frequencyHz", "frequencyHz",
                        "markDelayMs", "markDelayMs"), field -> probe("with " + field.getKey() + " a string", "{\"" + field.getValue() + "\":\"6\"}", 400)),
                BadInput.each(BadInput.named("count", "count", "periodMs", "periodMs", "burstMs", "burstMs", "frequencyHz", "frequencyHz",
                        "markDelayMs", "markDelayMs"), field -> probe("with " + field.getKey() + " a float", "{\"" + field.getValue() + "\":6.5}", 400)),
                BadInput.each(BadInput.named("count", "count", "periodMs", "periodMs", "burstMs", "burstMs", "frequencyHz", "frequencyHz",
                        "markDelayMs", "markDelayMs"), field -> probe("with " + field.getKey() + " -1", "{\"" + field.getValue() + "\":-1}", 400)),
                BadInput.each(BadInput.named("count", "count", "periodMs", "periodMs", "burstMs", "burstMs", "frequencyHz", "frequencyHz",
                        "markDelayMs", "markDelayMs"), field -> probe("with " + field.getKey() + " at the int maximum", "{\"" + field.getValue() + "\":2147483647}", 400)),
                List.of(
                        probe("with count 0", "{\"count\":0}", 400),
                        probe("with count 101", "{\"count\":101}", 400),
                        probe("with periodMs 99", "{\"periodMs\":99}", 400),
                        probe("with periodMs 5001", "{\"periodMs\":5001}", 400),
                        probe("with burstMs 19", "{\"burstMs\":19}", 400),
                        probe("with burstMs past the period", "{\"periodMs\":200,\"burstMs\":180}", 400),
                        probe("with frequencyHz 99", "{\"frequencyHz\":99}", 400),
                        probe("with frequencyHz 4001", "{\"frequencyHz\":4001}", 400),
                        probe("with markDelayMs 1001", "{\"markDelayMs\":1001}", 400),
                        probe("with an unknown field", "{\"volume\":11}", 400),
                        probe("with a body over 16 KiB", "{\"count\":1,\"p\":\"" + "x".repeat(16 * 1024) + "\"}", 413),
                        new BadInput("POST sync-probe sent as text/plain", "POST", "/v1/sessions/{id}/sync-probe", "text/plain", "{\"count\":1}", 415),
                        new BadInput("POST sync-probe to an unknown session", "POST", "/v1/sessions/0123456789abcdef/sync-probe", JSON, "{}", 404)));
    }

    static Stream<BadInput> transcriptsAndMethods() {
        return BadInput.concat(
                BadInput.each(SessionsBadInputTest.ODD_IDS, id -> new BadInput("GET transcript with " + id.getKey(), "GET",
                        "/v1/sessions/" + id.getValue() + "/transcript", null, null, 404)),
                Stream.of("POST", "PUT", "PATCH", "DELETE").map(method -> new BadInput(method + " transcript", method,
                        "/v1/sessions/{id}/transcript", JSON, "{}", 405)).toList(),
                Stream.of("say", "messages", "sync-probe").flatMap(endpoint -> Stream.of("GET", "HEAD", "PUT", "DELETE").map(method ->
                        new BadInput(method + " " + endpoint, method, "/v1/sessions/{id}/" + endpoint, null, null, 405))).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void shouldRefuseBadTextSayingNothing(BadInput input) throws Exception {
        assertRefused(input);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syncProbes")
    void shouldRefuseABadSyncProbePlayingNothing(BadInput input) throws Exception {
        assertRefused(input);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcriptsAndMethods")
    void shouldAnswerUnknownTranscriptsWith404AndWrongMethodsWith405(BadInput input) throws Exception {
        assertRefused(input);
    }

    private static BadInput post(String endpoint, String what, String contentType, String body, int status) {
        return new BadInput("POST " + endpoint + " " + what, "POST", "/v1/sessions/{id}/" + endpoint, contentType, body, status);
    }

    private static BadInput probe(String what, String body, int status) {
        return new BadInput("POST sync-probe " + what, "POST", "/v1/sessions/{id}/sync-probe", JSON, body, status);
    }
}
