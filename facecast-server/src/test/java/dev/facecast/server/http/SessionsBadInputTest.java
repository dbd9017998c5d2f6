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

/** Bad requests to the session resources: POST and GET /v1/sessions, GET, PATCH and DELETE /v1/sessions/{id}. */
@Tag("native")
@CheckLeaks
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SessionsBadInputTest extends BadInputSuite {

    /** Ids no session has, each odd in its own way; percent-encoded where a URI needs it. */
    static final Map<String, String> ODD_IDS = BadInput.named(
            "an unknown id", "0123456789abcdef",
            "an id of 4000 characters", "a".repeat(4_000),
            "an encoded dot-dot", "%2e%2e",
            "an encoded traversal", "..%2F..%2Fetc%2Fpasswd",
            "an encoded slash", "a%2Fb",
            "an encoded space", "a%20b",
            "a check mark", "%E2%9C%93",
            "an emoji", "%F0%9F%98%80",
            "right-to-left text", "%D7%A9%D7%9C%D7%95%D7%9D",
            "an encoded script tag", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "a lookup expression", "%24%7Bjndi%3Aldap%3A%2F%2Fx%7D",
            "SQL", "1'%20OR%20'1'%3D'1",
            "an upper-case id", "0123456789ABCDEF");

    static Stream<BadInput> createBodies() {
        return BadInput.concat(
                BadInput.each(BadInput.MALFORMED_JSON, bad -> post("POST /v1/sessions with " + bad.getKey(), bad.getValue(), 400)),
                fieldCases("fps", BadInput.NOT_INTEGERS),
                fieldCases("width", BadInput.NOT_INTEGERS),
                fieldCases("idleFps", BadInput.named("a string", "\"5\"", "a float", "4.5", "an array", "[]")),
                fieldCases("height", BadInput.named("a string", "\"480\"", "a float", "480.5", "an object", "{}")),
                fieldCases("syncMarkDelayMs", BadInput.named("a string", "\"0\"", "a float", "0.5")),
                fieldCases("syncMark", BadInput.named("a string", "\"yes\"", "a number", "1", "an array", "[true]")),
                List.of(
                        post("POST /v1/sessions with fps 0", "{\"fps\":0}", 400),
                        post("POST /v1/sessions with fps -1", "{\"fps\":-1}", 400),
                        post("POST /v1/sessions with fps 61", "{\"fps\":61}", 400),
                        post("POST /v1/sessions with fps at the int maximum", "{\"fps\":2147483647}", 400),
                        post("POST /v1/sessions with fps at the int minimum", "{\"fps\":-2147483648}", 400),
                        post("POST /v1/sessions with an odd width", "{\"width\":721}", 400),
                        post("POST /v1/sessions with width 0", "{\"width\":0}", 400),
                        post("POST /v1/sessions with width 100000", "{\"width\":100000,\"height\":480}", 400),
                        post("POST /v1/sessions with a negative height", "{\"height\":-2}", 400),
                        post("POST /v1/sessions with height 1082", "{\"height\":1082}", 400),
                        post("POST /v1/sessions with idleFps 61", "{\"idleFps\":61}", 400),
                        post("POST /v1/sessions with idleFps -1", "{\"idleFps\":-1}", 400),
                        post("POST /v1/sessions with syncMarkDelayMs -1", "{\"syncMark\":true,\"syncMarkDelayMs\":-1}", 400),
                        post("POST /v1/sessions with syncMarkDelayMs 1001", "{\"syncMark\":true,\"syncMarkDelayMs\":1001}", 400),
                        post("POST /v1/sessions with a misspelt field", "{\"fsp\":15}", 400),
                        post("POST /v1/sessions with an id", "{\"id\":\"mine\"}", 400),
                        post("POST /v1/sessions with __proto__", "{\"__proto__\":{\"fps\":1}}", 400),
                        post("POST /v1/sessions with an empty field name", "{\"\":1}", 400),
                        post("POST /v1/sessions with a field twice", "{\"fps\":15,\"fps\":16}", 400),
                        post("POST /v1/sessions with a body of 16 KiB and a byte", "{\"p\":\"" + "x".repeat(16 * 1024) + "\"}", 413),
                        post("POST /v1/sessions with a body of 2 MiB", "{\"p\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}", 413),
                        new BadInput("POST /v1/sessions with a body and no content type", "POST", "/v1/sessions", null, "{}", 415)),
                BadInput.each(BadInput.NOT_JSON_TYPES, type ->
                        new BadInput("POST /v1/sessions sent as " + type.getKey(), "POST", "/v1/sessions", type.getValue(), "{\"fps\":15}", 415)));
    }

    static Stream<BadInput> updateBodies() {
        return BadInput.concat(
                BadInput.each(BadInput.MALFORMED_JSON, bad -> patch("PATCH /v1/sessions/{id} with " + bad.getKey(), bad.getValue(), 400)),
                BadInput.each(BadInput.NOT_INTEGERS, bad -> patch("PATCH with fps " + bad.getKey(), "{\"fps\":" + bad.getValue() + "}", 400)),
                BadInput.each(BadInput.NOT_INTEGERS, bad -> patch("PATCH with idleFps " + bad.getKey(), "{\"idleFps\":" + bad.getValue() + "}", 400)),
                List.of(
                        patch("PATCH with nothing to change", "{}", 400),
                        patch("PATCH with fps null", "{\"fps\":null}", 400),
                        patch("PATCH with fps 0", "{\"fps\":0}", 400),
                        patch("PATCH with fps 1000", "{\"fps\":1000}", 400),
                        patch("PATCH with idleFps -1", "{\"idleFps\":-1}", 400),
                        patch("PATCH with idleFps 61", "{\"idleFps\":61}", 400),
                        patch("PATCH with a good fps and a bad idleFps", "{\"fps\":30,\"idleFps\":\"x\"}", 400),
                        patch("PATCH with width, which cannot change", "{\"width\":640}", 400),
                        patch("PATCH with a field twice", "{\"fps\":20,\"fps\":30}", 400),
                        patch("PATCH with a body over 16 KiB", "{\"fps\":20,\"p\":\"" + "x".repeat(16 * 1024) + "\"}", 413),
                        new BadInput("PATCH with a body and no content type", "PATCH", "/v1/sessions/{id}", null, "{\"fps\":20}", 415),
                        new BadInput("PATCH with an empty body", "PATCH", "/v1/sessions/{id}", JSON, "", 400)),
                BadInput.each(BadInput.NOT_JSON_TYPES, type ->
                        new BadInput("PATCH sent as " + type.getKey(), "PATCH", "/v1/sessions/{id}", type.getValue(), "{\"fps\":20}", 415)));
    }

    static Stream<BadInput> oddIdsAndMethods() {
        return BadInput.concat(
                BadInput.each(ODD_IDS, id -> new BadInput("GET /v1/sessions/ with " + id.getKey(), "GET", "/v1/sessions/" + id.getValue(), null, null, 404)),
                BadInput.each(ODD_IDS, id -> new BadInput("HEAD /v1/sessions/ with " + id.getKey(), "HEAD", "/v1/sessions/" + id.getValue(), null, null, 404)),
                BadInput.each(ODD_IDS, id -> new BadInput("PATCH /v1/sessions/ with " + id.getKey(), "PATCH", "/v1/sessions/" + id.getValue(), JSON, "{\"fps\":20}", 404)),
                BadInput.each(ODD_IDS, id -> new BadInput("DELETE /v1/sessions/ with " + id.getKey(), "DELETE", "/v1/sessions/" + id.getValue(), null, null, 404)),
                List.of(
                        new BadInput("GET /v1/sessions/{id}/nothing", "GET", "/v1/sessions/{id}/nothing", null, null, 404),
                        new BadInput("GET /v1/sessions/{id}/whep/extra", "GET", "/v1/sessions/{id}/whep/extra", null, null, 404),
                        new BadInput("GET /v1/Sessions (case matters)", "GET", "/v1/Sessions", null, null, 404),
                        new BadInput("GET /v1/sessions//{id} (an empty segment)", "GET", "/v1/sessions//{id}", null, null, 404),
                        new BadInput("PUT /v1/sessions", "PUT", "/v1/sessions", JSON, "{}", 405),
                        new BadInput("DELETE /v1/sessions", "DELETE", "/v1/sessions", null, null, 405),
                        new BadInput("PATCH /v1/sessions", "PATCH", "/v1/sessions", JSON, "{\"fps\":5}", 405),
                        new BadInput("TRACE /v1/sessions", "TRACE", "/v1/sessions", null, null, 405),
                        new BadInput("BREW /v1/sessions", "BREW", "/v1/sessions", null, null, 405),
                        new BadInput("POST /v1/sessions/{id}", "POST", "/v1/sessions/{id}", JSON, "{}", 405),
                        new BadInput("PUT /v1/sessions/{id}", "PUT", "/v1/sessions/{id}", JSON, "{\"fps\":5}", 405),
                        new BadInput("POST /v1/sessions/{id} with an unknown id", "POST", "/v1/sessions/0123456789abcdef", JSON, "{}", 405)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createBodies")
    void shouldRefuseABadNewSessionWithoutHoldingASlot(BadInput input) throws Exception {
        assertRefused(input);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateBodies")
    void shouldRefuseABadUpdateLeavingTheSessionAsItWas(BadInput input) throws Exception {
        assertRefused(input);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddIdsAndMethods")
    void shouldAnswerOddIdsWith404AndWrongMethodsWith405(BadInput input) throws Exception {
        assertRefused(input);
    }

    private static List<BadInput> fieldCases(String field, Map<String, String> values) {
        return BadInput.each(values, bad -> post("POST /v1/sessions with " + field + " " + bad.getKey(),
                "{\"" + field + "\":" + bad.getValue() + "}", 400));
    }

    private static BadInput post(String name, String body, int status) {
        return new BadInput(name, "POST", "/v1/sessions", JSON, body, status);
    }

    private static BadInput patch(String name, String body, int status) {
        return new BadInput(name, "PATCH", "/v1/sessions/{id}", JSON, body, status);
    }
}
