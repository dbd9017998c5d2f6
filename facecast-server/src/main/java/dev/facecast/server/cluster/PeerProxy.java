package dev.facecast.server.cluster;

import dev.facecast.server.http.BoundedBody;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries a request on to the worker that owns its session, and its answer back.
 *
 * <p>Why a proxy, not a redirect: a browser's page keeps one entry URL (its own origin, so no CORS
 * and no second host to allow) and the session token it was given works wherever the load
 * balancer sends it; a 307 would send the page to a worker's internal address, which browsers
 * outside the cluster cannot reach. The HTTP calls of a session are few and small (an SDP offer,
 * a message, a PATCH); its media, the heavy part, never passes here: WebRTC's UDP goes straight
 * to the address in the owner's SDP answer.
 *
 * <p>Thread-safe; blocks the calling (virtual) thread for the peer's answer.
 */
final class PeerProxy {

    /** Sent with the fleet's secret on every forwarded request. */
    static final String SECRET_HEADER = "Facecast-Peer-Secret";
    /** The largest body a route takes: an SDP offer (SessionRoutes.MAX_SDP_BYTES). The owner checks its own limits. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** A WHEP answer waits for ICE gathering: a Chromium peer took up to 170 ms, a slow machine more. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    /** A live peer on the same network accepts in well under a second; a dead one must not hold the caller. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Authorization", "Accept");
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "Location", "Retry-After", "Allow");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).build();
    private final String secret;

    PeerProxy(String secret) {
        this.secret = secret;
    }

    /** A peer's answer, held until the caller decides to pass it on. */
    record Answer(int status, Map<String, String> headers, byte[] body) {

        /** Answers {@code ctx} with this. */
        void applyTo(Context ctx) {
            ctx.status(status);
            headers.forEach(ctx::header);
            ctx.result(body);
        }
    }

    /**
     * Sends {@code ctx}'s request to the same path on {@code peerUrl}.
     *
     * @param body the request's body ({@link #body}), read once so a failed attempt can be sent elsewhere
     * @throws IOException the peer could not be reached
     */
    Answer send(Context ctx, byte[] body, String peerUrl, Map<String, String> extraHeaders) throws IOException, InterruptedException {
        String query = ctx.queryString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(peerUrl + ctx.path() + (query == null ? "" : "?" + query)))
                .timeout(ANSWER_TIMEOUT)
                .header(SECRET_HEADER, secret);
        for (String name : REQUEST_HEADERS) {
            String value = ctx.header(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        extraHeaders.forEach(request::header);
        request.method(ctx.method().name(), body.length > 0 ? HttpRequest.BodyPublishers.ofByteArray(body)
                : HttpRequest.BodyPublishers.noBody());
        HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : RESPONSE_HEADERS) {
            answer.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
        }
        return new Answer(answer.statusCode(), headers, answer.body());
    }

    /**
     * Carries a session's event stream (server-sent events) from {@code peerUrl} as it flows: a
     * buffered answer would hold the page's events until the stream ends. Returns when either
     * side closes; the page then sees the stream end, with the owner's {@code closed} event if the
     * owner ended it, and without one if the owner died.
     *
     * @throws IOException the peer could not be reached
     */
    void stream(Context ctx, String peerUrl) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(peerUrl + ctx.path())).GET().header(SECRET_HEADER, secret);
        for (String name : REQUEST_HEADERS) {
            String value = ctx.header(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        HttpResponse<InputStream> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream events = answer.body()) {
            ctx.status(answer.statusCode());
            for (String name : RESPONSE_HEADERS) {
                answer.headers().firstValue(name).ifPresent(value -> ctx.header(name, value));
            }
            ctx.header("Cache-Control", "no-cache");
            OutputStream out = ctx.res().getOutputStream();
            byte[] chunk = new byte[4096];
            for (int read; (read = events.read(chunk)) >= 0; ) {
                out.write(chunk, 0, read);
                out.flush();
            }
        } catch (IOException pageOrOwnerGone) {
            // Either side closed: the other learns it by its stream ending.
        }
    }

    /** The request's body, bounded; empty for methods that carry none. */
    static byte[] body(Context ctx) {
        String method = ctx.method().name();
        boolean hasBody = method.equals("POST") || method.equals("PATCH") || method.equals("PUT");
        return hasBody ? BoundedBody.bytes(ctx, MAX_BODY_BYTES) : new byte[0];
    }
}
