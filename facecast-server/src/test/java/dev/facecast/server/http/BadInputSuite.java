package dev.facecast.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facecast.client.FacecastClient;
import dev.facecast.server.FacecastServer;
import dev.facecast.server.ServerConfig;
import dev.facecast.testsupport.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group of bad requests against one server with a bystander session. After each case the
 * bystander is as it was, no session was added or lost, and the server still answers.
 * Subclasses are the groups, by endpoint; each starts its own server.
 */
abstract class BadInputSuite {

    @RegisterExtension
    static final RunningServer<FacecastServer> server = new RunningServer<>(
            () -> FacecastServer.start(ServerConfig.defaults().withPort(0).withMaxSessions(4)), FacecastServer::baseUrl);
    /** A session every case leaves alone; its id replaces {@code {id}} in the cases' paths. */
    static String bystander;
    private static JsonNode bystanderBefore;
    private int sessionsBefore;

    @BeforeAll
    static void createBystander() throws Exception {
        bystander = api().createSession(Map.of("width", 320, "height", 240, "fps", 12, "idleFps", 4));
        bystanderBefore = api().session(bystander);
    }

    @BeforeEach
    void countSessions() throws Exception {
        sessionsBefore = sessionCount();
    }

    @AfterEach
    void bystanderUnharmedAndServerAnswers() throws Exception {
        JsonNode now = api().session(bystander);
        for (String field : new String[] {"state", "fps", "idleFps", "width", "height", "connection"}) {
            assertThat(now.get(field)).as("bystander's " + field).isEqualTo(bystanderBefore.get(field));
        }
        assertThat(api().transcript(bystander).get("turns")).as("bystander's transcript").isEmpty();
        assertThat(sessionCount()).as("sessions").isEqualTo(sessionsBefore);
        assertThat(api().send("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
    }

    /** Sends the case and checks the exact status and the JSON error shape. */
    static void assertRefused(BadInput input) throws Exception {
        HttpResponse<String> response = send(input);
        if (input.method().equals("HEAD")) {
            assertThat(response.statusCode()).isEqualTo(input.status());
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(BadInput.JSON));
            assertThat(response.body()).isEmpty();
            return;
        }
        ErrorShape.assertError(response, input.status());
    }

    static HttpResponse<String> send(BadInput input) throws Exception {
        return api().send(input.method(), input.path().replace("{id}", bystander), input.contentType(), input.body());
    }

    static FacecastClient api() {
        return server.client();
    }

    private static int sessionCount() throws Exception {
        return api().json(api().send("GET", "/v1/sessions", null, null)).get("sessions").size();
    }
}
