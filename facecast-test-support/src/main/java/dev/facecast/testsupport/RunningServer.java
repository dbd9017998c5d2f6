package dev.facecast.testsupport;

import dev.facecast.client.FacecastClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A server started before a test class and closed after it, with a client of its HTTP API.
 * Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RunningServer<FacecastServer> server = new RunningServer<>(
 *         () -> FacecastServer.start(ServerConfig.defaults().withPort(0)), FacecastServer::baseUrl);
 * }</pre>
 *
 * It starts before the class's {@code @BeforeAll} methods and closes after its {@code @AfterAll}
 * ones. This module knows no server code, so the caller says how to start one.
 *
 * @param <S> the server
 */
public final class RunningServer<S extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {

    private final Supplier<S> start;
    private final Function<S, String> baseUrl;
    private S server;
    private FacecastClient client;

    /**
     * @param start   starts a server (on port 0, so tests never collide) and returns once it answers
     * @param baseUrl where the started server answers, such as {@code http://127.0.0.1:40123}
     */
    public RunningServer(Supplier<S> start, Function<S, String> baseUrl) {
        this.start = start;
        this.baseUrl = baseUrl;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = start.get();
        client = new FacecastClient(baseUrl.apply(server));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            server.close();
        } finally {
            server = null;
            client = null;
        }
    }

    public S server() {
        return started(server);
    }

    public String baseUrl() {
        return baseUrl.apply(server());
    }

    public FacecastClient client() {
        return started(client);
    }

    private static <T> T started(T value) {
        if (value == null) {
            throw new IllegalStateException("the server runs only while its test class does: register it as a static field");
        }
        return value;
    }
}
