package dev.facecast.server;

import dev.facecast.client.FacecastClient;
import dev.facecast.server.http.HttpServerSettings;
import dev.facecast.testsupport.CheckLeaks;
import dev.facecast.testsupport.RunningServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A session's event stream: what a page reads instead of a data channel. */
@Tag("native")
@CheckLeaks
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SessionEventsTest {

    @RegisterExtension
    static final RunningServer<FacecastServer> server = new RunningServer<>(
            () -> FacecastServer.start(ServerConfig.defaults().withPort(0)), FacecastServer::baseUrl);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldStayOpenWhileQuietAndCarryTheTurnsThatFollow() throws Exception {
        FacecastClient api = server.client();
        String id = api.createSession(Map.of());
        Iterator<String> events = open(id);
        // Longer than a request may sit idle: the stream must outlive it.
        Thread.sleep(HttpServerSettings.REQUEST_IDLE_TIMEOUT.toMillis() + 2_000);

        api.message(id, "hello");

        assertThat(nextData(events)).contains("\"type\":\"turn\"").contains("hello");
        api.delete(id);
    }

    @Test
    void shouldEndWithWhyTheSessionClosed() throws Exception {
        FacecastClient api = server.client();
        String id = api.createSession(Map.of());
        Iterator<String> events = open(id);

        api.delete(id);

        assertThat(nextData(events)).isEqualTo("{\"type\":\"closed\",\"reason\":\"deleted\"}");
        assertThat(within(() -> {
            while (events.hasNext()) {
                events.next();
            }
            return true;
        })).isTrue();
    }

    @Test
    void shouldRefuseAClientThatDoesNotAskForAnEventStream() throws Exception {
        FacecastClient api = server.client();
        String id = api.createSession(Map.of());

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/sessions/" + id
                + "/events")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(406);
        assertThat(response.body()).contains("text/event-stream");
        api.delete(id);
    }

    private static Iterator<String> open(String id) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/sessions/" + id + "/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines()).body().iterator();
    }

    /** The next event's data, within 10 s. */
    private static String nextData(Iterator<String> lines) throws Exception {
        return within(() -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:")) {
                    return line.substring(5).strip();
                }
            }
            return "the stream ended";
        });
    }

    private static <T> T within(java.util.concurrent.Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Thread.ofVirtual().start(task);
        return task.get(10, TimeUnit.SECONDS);
    }
}
