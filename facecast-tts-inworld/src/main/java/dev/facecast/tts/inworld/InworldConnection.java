package dev.facecast.tts.inworld;

import dev.facecast.provider.ErrorKind;
import dev.facecast.tts.TtsException;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The process's WebSocket to Inworld: many sessions' contexts share it (at most
 * {@code maxContexts} at once, as Inworld allows), and its reader routes each message to its
 * context by {@code contextId}. A message for no context (an {@code error}, garbage) fails every
 * open context; garbage also drops the connection, whose next user connects again.
 *
 * <p>Threading: the reader runs on the HTTP client's threads and never blocks; sends come from
 * any thread and are serialised, since a WebSocket takes one message at a time.
 */
final class InworldConnection implements WebSocket.Listener {

    /** A send is a local buffer write; this long means the socket is stuck. */
    private static final long SEND_TIMEOUT_MS = 2_000;

    private final InworldReplies replies;
    private final Semaphore slots;
    private final Map<String, InworldContext> contexts = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder(); // the reader's alone
    private volatile WebSocket socket;
    private volatile boolean open = true;

    private InworldConnection(InworldReplies replies, int maxContexts) {
        this.replies = replies;
        this.slots = new Semaphore(maxContexts);
    }

    /** Opens the WebSocket, {@code Authorization: Basic <key>} on the upgrade; a refusal maps to its error kind. */
    static InworldConnection connect(HttpClient http, InworldSettings settings, InworldReplies replies, Duration timeout)
            throws InterruptedException {
        InworldConnection connection = new InworldConnection(replies, settings.maxContexts());
        CompletableFuture<WebSocket> opening = http.newWebSocketBuilder()
                .header("Authorization", "Basic " + settings.apiKey())
                .connectTimeout(timeout)
                .buildAsync(settings.streamUri(), connection);
        try {
            connection.socket = opening.get();
            return connection;
        } catch (InterruptedException e) {
            opening.thenAccept(WebSocket::abort); // the call gave up: a late socket is not kept
            throw e;
        } catch (ExecutionException e) {
            throw refusal(settings, e.getCause());
        }
    }

    boolean isOpen() {
        return open;
    }

    /** A new context, once a slot is free (blocks meanwhile, under the caller's deadlines). */
    InworldContext open(String contextId, InworldRequests requests) throws InterruptedException {
        slots.acquire();
        InworldContext context = new InworldContext(contextId, this, requests);
        contexts.put(contextId, context);
        return context;
    }

    /** Called once by a context as it closes: its messages are ignored from now on and its slot is free. */
    void forget(String contextId) {
        if (contexts.remove(contextId) != null) {
            slots.release();
        }
    }

    /** Sends one message; a stuck or closed socket fails as UNAVAILABLE and is dropped. */
    synchronized void send(String message) {
        if (!open) {
            throw new TtsException(ErrorKind.UNAVAILABLE, "the connection to Inworld is closed", null);
        }
        CompletableFuture<WebSocket> sending = socket.sendText(message, true);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    sending.get(SEND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // finish the send: a half-sent frame would break the stream for everyone
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new TtsException(ErrorKind.UNAVAILABLE, "could not send to Inworld: " + e, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void close() {
        open = false;
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
        failAll(new InworldEvent.Failed(ErrorKind.UNAVAILABLE, "the connection to Inworld was closed"));
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            dispatch(replies.read(message));
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        open = false;
        failAll(new InworldEvent.Failed(ErrorKind.UNAVAILABLE, "Inworld closed the connection: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        open = false;
        failAll(new InworldEvent.Failed(ErrorKind.of(error), "the connection to Inworld failed: " + error));
    }

    private void dispatch(InworldReplies.Reply reply) {
        if (reply.contextId() == null) {
            if (reply.event() instanceof InworldEvent.Failed failed && failed.kind() == ErrorKind.PROTOCOL) {
                // garbage on the stream: nothing after it can be trusted on this connection
                open = false;
                socket.abort();
            }
            failAll(reply.event());
            return;
        }
        InworldContext context = contexts.get(reply.contextId());
        if (context != null) {
            context.offer(reply.event());
        } // else: a late message for a context already closed (its contextClosed, audio in flight)
    }

    private void failAll(InworldEvent event) {
        contexts.values().forEach(context -> context.offer(event));
    }

    private static TtsException refusal(InworldSettings settings, Throwable cause) {
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            return new TtsException(ErrorKind.ofHttpStatus(status), "Inworld refused the connection: HTTP " + status
                    + (status == 401 ? " (check INWORLD_API_KEY)" : ""), cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new TtsException(ErrorKind.TIMEOUT, "Inworld did not answer at " + settings.streamUri(), cause);
        }
        if (cause instanceof IOException) {
            return new TtsException(ErrorKind.UNAVAILABLE, "Inworld unreachable at " + settings.streamUri() + ": " + cause, cause);
        }
        return new TtsException(ErrorKind.of(cause), "could not connect to Inworld: " + cause, cause);
    }
}
