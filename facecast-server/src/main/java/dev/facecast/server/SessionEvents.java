package dev.facecast.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.server.http.ApiException;
import io.javalin.http.sse.SseClient;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Each session's events (transcript turns, the agent's state) to the pages that listen, as
 * server-sent events on {@code GET /v1/sessions/{id}/events}: a channel that works whichever
 * engine carries the media (the server engine has no data channel), through proxies, with the
 * session's token.
 *
 * <p>Publishing never blocks the conversation thread: an event is queued for each listener,
 * and each listener's own (virtual) request thread writes it out; a listener that stops
 * reading loses its oldest events, not anyone's time.
 */
final class SessionEvents {

    private static final Logger log = LoggerFactory.getLogger(SessionEvents.class);
    /** A page, and a reconnecting one; more is a misbehaving client. */
    static final int MAX_LISTENERS_PER_SESSION = 4;
    private static final int QUEUED_EVENTS = 256;
    /** A comment this often keeps idle proxies from closing the stream, and finds a vanished reader. */
    private static final long KEEPALIVE_MS = 15_000;
    private static final long STREAM_IDLE_TIMEOUT_MS = 3 * KEEPALIVE_MS;
    private static final String CLOSE = "";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, List<BlockingQueue<String>>> listeners = new ConcurrentHashMap<>();

    /** Queues {@code event} for every listener of the session; never blocks. */
    void publish(String sessionId, Map<String, Object> event) {
        List<BlockingQueue<String>> queues = listeners.get(sessionId);
        if (queues == null || queues.isEmpty()) {
            return;
        }
        String data;
        try {
            data = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            log.warn("session {}: an event could not be written as JSON: {}", sessionId, e.getMessage());
            return;
        }
        for (BlockingQueue<String> queue : queues) {
            while (!queue.offer(data)) {
                queue.poll();
            }
        }
    }

    /**
     * Streams the session's events to {@code client} until the session closes or the client
     * goes; runs on the request's virtual thread.
     *
     * @throws ApiException 429 when the session already has {@link #MAX_LISTENERS_PER_SESSION}
     */
    void stream(String sessionId, SseClient client) {
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUED_EVENTS);
        List<BlockingQueue<String>> queues = listeners.computeIfAbsent(sessionId, id -> new CopyOnWriteArrayList<>());
        synchronized (queues) {
            if (queues.size() >= MAX_LISTENERS_PER_SESSION) {
                throw new ApiException(429, "session " + sessionId + " already has " + MAX_LISTENERS_PER_SESSION
                        + " event listeners");
            }
            queues.add(queue);
        }
        try {
            // The server's 5 s request idle timeout is for requests that should be moving; this
            // stream is quiet between events, with a keepalive comment every 15 s.
            Request.getBaseRequest(client.ctx().req()).getHttpChannel().setIdleTimeout(STREAM_IDLE_TIMEOUT_MS);
            client.sendComment("facecast events for session " + sessionId);
            while (!client.terminated()) {
                String data = queue.poll(KEEPALIVE_MS, TimeUnit.MILLISECONDS);
                if (data == CLOSE) {
                    break;
                }
                if (data == null) {
                    client.sendComment("keepalive");
                } else {
                    client.sendEvent("message", data);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queues.remove(queue);
            listeners.computeIfPresent(sessionId, (id, list) -> list.isEmpty() ? null : list);
        }
    }

    /**
     * Tells every listener the session closed and why ({@code {"type":"closed","reason":...}}),
     * then ends their streams. A stream that ends without it means the process went away: a page
     * can tell a session the server ended from a server that died, and start anew only then.
     */
    void closeAll(String sessionId, String reason) {
        List<BlockingQueue<String>> queues = listeners.get(sessionId);
        if (queues == null) {
            return;
        }
        String closed = "{\"type\":\"closed\",\"reason\":\"" + reason + "\"}";
        for (BlockingQueue<String> queue : queues) {
            queue.clear();
            queue.offer(closed);
            queue.offer(CLOSE);
        }
    }

    int listeners(String sessionId) {
        List<BlockingQueue<String>> queues = listeners.get(sessionId);
        return queues == null ? 0 : queues.size();
    }
}
