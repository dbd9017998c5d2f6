package dev.facecast.provider.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A remote vendor on localhost for providers' tests: answers each request with a scripted
 * {@link Reply} (a status, a latency before the headers, a body streamed in parts with gaps,
 * and optionally a stall mid-stream that lasts until the server closes). Requests are recorded.
 */
public final class FakeStreamingServer implements AutoCloseable {

    /**
     * One scripted answer.
     *
     * @param stallAfterParts after this many parts the stream stops sending without ending; -1 for never
     */
    public record Reply(int status, String contentType, List<byte[]> parts, long latencyMs, long gapMs, int stallAfterParts) {

        public static Reply stream(String contentType, List<byte[]> parts) {
            return new Reply(200, contentType, parts, 0, 0, -1);
        }

        /** Server-sent events: each line becomes one {@code data:} event. */
        public static Reply events(String... data) {
            List<byte[]> parts = new ArrayList<>();
            for (String line : data) {
                parts.add(("data: " + line + "\n\n").getBytes(StandardCharsets.UTF_8));
            }
            return stream("text/event-stream", parts);
        }

        public static Reply status(int status, String body) {
            return new Reply(status, "application/json", List.of(body.getBytes(StandardCharsets.UTF_8)), 0, 0, -1);
        }

        public Reply withLatencyMs(long ms) {
            return new Reply(status, contentType, parts, ms, gapMs, stallAfterParts);
        }

        public Reply withGapMs(long ms) {
            return new Reply(status, contentType, parts, latencyMs, ms, stallAfterParts);
        }

        public Reply stallingAfter(int sentParts) {
            return new Reply(status, contentType, parts, latencyMs, gapMs, sentParts);
        }
    }

    /** One request as the server saw it. */
    public record Request(String path, String body, String authorization) {
    }

    private final HttpServer server;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger served = new AtomicInteger();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile List<Reply> script = List.of(Reply.status(404, "{}"));

    private FakeStreamingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            } catch (IOException clientWentAway) {
                // a client that timed out closes its side: nothing to answer
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static FakeStreamingServer start() {
        try {
            return new FakeStreamingServer();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake server", e);
        }
    }

    /** An address on this server. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The n-th request gets the n-th reply; the last one answers every request after. */
    public void reply(Reply... replies) {
        served.set(0);
        requests.clear();
        script = List.of(replies);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestURI().getPath(), body, exchange.getRequestHeaders().getFirst("Authorization")));
        List<Reply> replies = script;
        Reply reply = replies.get(Math.min(served.getAndIncrement(), replies.size() - 1));
        if (pause(reply.latencyMs())) {
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), 0);
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < reply.parts().size(); i++) {
            if (i == reply.stallAfterParts()) {
                awaitClose();
                return;
            }
            if (i > 0 && pause(reply.gapMs())) {
                return;
            }
            out.write(reply.parts().get(i));
            out.flush();
        }
    }

    /** True when the server closed meanwhile. */
    private boolean pause(long ms) {
        try {
            return ms > 0 && closing.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void awaitClose() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
