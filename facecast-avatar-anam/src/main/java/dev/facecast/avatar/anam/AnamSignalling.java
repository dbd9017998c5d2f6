package dev.facecast.avatar.anam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facecast.avatar.AvatarException;
import dev.facecast.provider.ErrorKind;
import dev.facecast.webrtc.IceCandidate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One session's signalling WebSocket to Anam's engine. Every message is an envelope
 * {@code {"actionType","sessionId","payload"}} ({@code @anam-ai/js-sdk} {@code SignalMessage};
 * actions {@code offer}, {@code answer}, {@code icecandidate}, {@code sessionready},
 * {@code heartbeat}, {@code agentaudioinput}, {@code agentaudioinputend}, {@code endsession},
 * {@code warning}). A heartbeat goes out every {@code heartbeatIntervalSeconds}. ICE candidates
 * trickle both ways as {@code icecandidate}, the payload an {@code RTCIceCandidateInit} as the SDK's
 * {@code SignallingClient.sendIceCandidate} sends {@code candidate.toJSON()}: {@code candidate},
 * {@code sdpMid}, {@code sdpMLineIndex}, {@code usernameFragment}. The SDK sends no end of
 * candidates (its {@code onicecandidate} skips the null one), and neither do we.
 *
 * <p>Threading: sends never block: each is chained after the one before (a WebSocket takes one
 * message at a time), so the media and speech threads may send. Events arrive on the HTTP
 * client's threads and go to the {@link Listener}.
 */
final class AnamSignalling implements WebSocket.Listener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AnamSignalling.class);

    /** What the engine says. Calls come on the HTTP client's threads and must not block. */
    interface Listener {
        void onAnswer(String sdp);

        void onSessionReady();

        /** A candidate the engine trickled. */
        void onIceCandidate(IceCandidate candidate);

        /** The engine ended the session, or the signalling was lost: the avatar is gone. */
        void onEnded(String reason);

        default void onWarning(String message) {
        }
    }

    private final ObjectMapper json;
    private final String sessionId;
    private final Listener listener;
    private final StringBuilder partial = new StringBuilder(); // the reader's alone
    private CompletableFuture<WebSocket> sending; // guarded by this: the tail of the send chain
    private ScheduledFuture<?> heartbeat;
    private volatile boolean closed;

    private AnamSignalling(ObjectMapper json, String sessionId, Listener listener) {
        this.json = json;
        this.sessionId = sessionId;
        this.listener = listener;
    }

    static AnamSignalling connect(HttpClient http, ObjectMapper json, EngineSession engine, Listener listener,
                                  ScheduledExecutorService heartbeats, Duration timeout)
            throws InterruptedException {
        AnamSignalling signalling = new AnamSignalling(json, engine.sessionId(), listener);
        CompletableFuture<WebSocket> opening = http.newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(engine.signallingUri(), signalling);
        try {
            WebSocket socket = opening.get();
            synchronized (signalling) {
                signalling.sending = CompletableFuture.completedFuture(socket);
            }
        } catch (InterruptedException e) {
            opening.thenAccept(WebSocket::abort);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            ErrorKind kind = cause instanceof WebSocketHandshakeException refused
                    ? ErrorKind.ofHttpStatus(refused.getResponse().statusCode()) : ErrorKind.of(cause);
            throw new AvatarException(kind, "could not open Anam's signalling at " + engine.signallingUri() + ": " + cause, cause);
        }
        long periodS = Math.max(1, engine.heartbeatIntervalSeconds());
        signalling.heartbeat = heartbeats.scheduleAtFixedRate(() -> signalling.send("heartbeat", json.createObjectNode()),
                periodS, periodS, TimeUnit.SECONDS);
        return signalling;
    }

    /** Queues one envelope; dropped once closed. */
    void send(String actionType, ObjectNode payload) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("actionType", actionType);
        envelope.put("sessionId", sessionId);
        envelope.set("payload", payload);
        String text = envelope.toString();
        synchronized (this) {
            if (closed) {
                return;
            }
            sending = sending.thenCompose(socket -> socket.sendText(text, true)).exceptionally(failure -> {
                lost("could not send to Anam: " + failure);
                return null;
            });
        }
    }

    /** Trickles one of our candidates to the engine. */
    void sendIceCandidate(IceCandidate candidate) {
        ObjectNode payload = json.createObjectNode();
        payload.put("candidate", candidate.candidate());
        payload.put("sdpMid", candidate.sdpMid());
        payload.put("sdpMLineIndex", candidate.sdpMLineIndex());
        payload.put("usernameFragment", candidate.usernameFragment());
        send("icecandidate", payload);
    }

    ObjectNode newPayload() {
        return json.createObjectNode();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            dispatch(text);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        lost("Anam closed the signalling: " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        lost("the signalling to Anam failed: " + error);
    }

    private void dispatch(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (Exception e) {
            log.warn("Anam session {}: signalling message is not JSON, ignored", sessionId);
            return;
        }
        JsonNode payload = message.path("payload");
        switch (message.path("actionType").asText("")) {
            case "answer" -> listener.onAnswer(payload.path("connectionDescription").path("sdp").asText(""));
            case "sessionready" -> listener.onSessionReady();
            case "endsession" -> {
                String reason = payload.isTextual() ? payload.asText() : payload.path("reason").asText("no reason given");
                ended("Anam ended the session: " + reason);
            }
            case "warning" -> {
                String warning = payload.isTextual() ? payload.asText() : payload.path("message").asText(payload.toString());
                log.warn("Anam session {}: {}", sessionId, warning);
                listener.onWarning(warning);
            }
            case "icecandidate" -> listener.onIceCandidate(new IceCandidate(payload.path("candidate").asText(""),
                    payload.path("sdpMid").asText(""), payload.path("sdpMLineIndex").asInt(0)));
            case "heartbeat" -> {
                // heartbeats need no reply
            }
            default -> log.debug("Anam session {}: ignored action {}", sessionId, message.path("actionType").asText());
        }
    }

    private void lost(String reason) {
        if (!closed) {
            ended(reason);
        }
    }

    private void ended(String reason) {
        boolean first;
        synchronized (this) {
            first = !closed;
            closed = true;
        }
        if (first) {
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            listener.onEnded(reason);
        }
    }

    /** Says {@code endsession} (when still open) and closes the socket. */
    @Override
    public void close() {
        CompletableFuture<WebSocket> tail;
        synchronized (this) {
            if (closed) {
                tail = sending;
            } else {
                send("endsession", json.createObjectNode());
                closed = true;
                tail = sending;
            }
        }
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (tail != null) {
            tail.thenAccept(socket -> {
                if (socket != null) {
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").whenComplete((s, e) -> socket.abort());
                }
            });
        }
    }
}
