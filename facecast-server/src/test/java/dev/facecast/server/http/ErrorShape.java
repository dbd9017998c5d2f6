package dev.facecast.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's one error shape, and what must never be in it. */
final class ErrorShape {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Traces of a library's own wording: parser positions, class and package names, markup. */
    private static final List<String> INTERNALS = List.of("line:", "column:", "Exception", "com.fasterxml", "jackson",
            "jetty", "javalin", "java.", "<html", "<h1", "[Source");

    private ErrorShape() {
    }

    /** {@code body} and {@code contentType} are the API's JSON error for {@code status}, in plain words. */
    static void assertError(int status, String contentType, String body, int expectedStatus) throws IOException {
        assertThat(status).as(body).isEqualTo(expectedStatus);
        assertThat(contentType).as("content type of " + body).startsWith("application/json");
        JsonNode error = JSON.readTree(body);
        assertThat(error.size()).as(body).isEqualTo(2);
        assertThat(error.get("status").asInt()).isEqualTo(expectedStatus);
        assertThat(error.get("error").asText()).isNotBlank();
        for (String internal : INTERNALS) {
            assertThat(error.get("error").asText()).as("in plain words").doesNotContainIgnoringCase(internal);
        }
    }

    static void assertError(java.net.http.HttpResponse<String> response, int expectedStatus) throws IOException {
        assertError(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(), expectedStatus);
    }

    static void assertError(RawHttp.Response response, int expectedStatus) throws IOException {
        assertError(response.status(), response.headers().getOrDefault("content-type", ""), response.body(), expectedStatus);
    }
}
