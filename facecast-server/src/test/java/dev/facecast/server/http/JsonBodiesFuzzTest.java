package dev.facecast.server.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.session.SessionSpec;
import dev.facecast.session.VideoSettings;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;

/**
 * Request bodies as a client could send them, read the way the routes read them: a bad one may
 * fail only with what {@link ErrorMapping} answers with a 400 ({@link ApiException} 400,
 * {@link IllegalArgumentException}; text that is not JSON is an ApiException 400 too).
 *
 * <p>By default this replays the inputs in
 * {@code src/test/resources/dev/facecast/server/http/JsonBodiesFuzzTestInputs/}. A campaign, by hand:
 * <pre>
 * JAZZER_FUZZ=1 JAZZER_MAX_DURATION=5m mvn -pl facecast-server -am test -Dtest=JsonBodiesFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("unit")
class JsonBodiesFuzzTest {

    /** The server's mapper is a plain one too (FacecastServer). */
    private static final JsonBodies JSON = new JsonBodies(new ObjectMapper());

    @FuzzTest(maxDuration = "2m")
    @DictionaryEntries({"\"width\"", "\"height\"", "\"fps\"", "\"idleFps\"", "\"syncMark\"", "\"syncMarkDelayMs\"", "\"count\"",
            "\"periodMs\"", "\"burstMs\"", "\"frequencyHz\"", "\"text\"", "true", "null", "-2147483648", "2147483648"})
    void shouldRefuseBadBodiesOnlyWithA400(FuzzedDataProvider data) {
        // The whole input is the body, so the seeds are plain JSON files.
        byte[] bytes = data.consumeRemainingAsBytes();
        // BoundedBody decodes the same way, after refusing anything over MAX_JSON_BYTES with 413.
        if (bytes.length > JsonBodies.MAX_JSON_BYTES) {
            return;
        }
        int defaultIdleFps = bytes.length % (VideoSettings.MAX_FPS + 1);
        JsonNode body;
        try {
            body = JSON.object(new String(bytes, StandardCharsets.UTF_8));
        } catch (ApiException refused) {
            requireBadRequest(refused);
            return;
        }
        require(body.isObject(), "read as " + body.getNodeType());
        try {
            SessionSpec spec = SessionSpecs.fromJson(body, defaultIdleFps);
            require(!body.has("idleFps") || body.get("idleFps").isNull() || spec.idleFps() == body.get("idleFps").intValue(),
                    "idleFps read as " + spec.idleFps());
        } catch (ApiException refused) {
            requireBadRequest(refused);
        } catch (IllegalArgumentException outOfRange) {
            // a 400 with the range in words
        }
        try {
            SyncProbes.fromJson(body);
        } catch (ApiException refused) {
            requireBadRequest(refused);
        } catch (IllegalArgumentException outOfRange) {
            // a 400 with the range in words
        }
        try {
            JsonBodies.requiredText(body, "text");
        } catch (ApiException refused) {
            requireBadRequest(refused);
        }
    }

    private static void requireBadRequest(ApiException refused) {
        require(refused.status() == 400, "refused with " + refused.status());
    }

    private static void require(boolean holds, String broken) {
        if (!holds) {
            throw new AssertionError(broken);
        }
    }
}
