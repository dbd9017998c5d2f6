package dev.facecast.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A Facecast server in a JVM of its own, from the test's class path: for tests of processes. */
public final class ServerJvm {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private ServerJvm() {
    }

    /** {@code java ... FacecastCommand serve <arguments>}, small and quick to start. */
    public static List<String> serve(List<String> arguments) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classPath, "dev.facecast.server.cli.FacecastCommand", "serve"));
        command.addAll(arguments);
        return command;
    }

    /**
     * Whether a server at {@code baseUrl} answers its health check and serves its page now. Both:
     * Javalin serves static files a moment (seen: up to about 3 s on two loaded cores) after its
     * routes, so a page loaded as soon as /healthz answers can get a 404.
     */
    public static boolean answers(String baseUrl) throws InterruptedException {
        return status(baseUrl + "/healthz") == 200 && status(baseUrl + "/") == 200;
    }

    private static int status(String url) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListening) {
            return -1;
        }
    }
}
