package dev.facecast.fakevendors.inworld;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.fakevendors.FakeVoice;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsContext;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Inworld's bidirectional TTS WebSocket, {@code /tts/v1/voice:streamBidirectional}, as its public
 * docs and examples describe it (docs.inworld.ai "TTS WebSocket"; inworld-ai/inworld-api-examples
 * {@code tts/js/example_websocket.js}; the message handling of pipecat's {@code services/inworld/tts.py}):
 * HTTP Basic auth on the upgrade, contexts per connection ({@value InworldKnobs#DOCUMENTED_MAX_CONTEXTS}
 * at most), {@code create} / {@code send_text} / {@code flush_context} / {@code close_context} in, and
 * {@code result} messages with a {@code status} and one of {@code contextCreated}, {@code audioChunk},
 * {@code flushCompleted} or {@code contextClosed} out. Also the HTTP stream ({@link FakeInworldHttpStream}).
 */
public final class FakeInworld {

    public static final String PATH = "/tts/v1/voice:streamBidirectional";

    private final InworldKnobs knobs = new InworldKnobs();
    private final FakeVoice voice;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, FakeInworldConnection> connections = new ConcurrentHashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Map<String, Long> closeReceivedNs = new ConcurrentHashMap<>();
    private final Set<String> createdContextIds = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopping = new CountDownLatch(1);

    public FakeInworld(FakeVoice voice) {
        this.voice = voice;
    }

    /** Adds the endpoints to {@code app}: the WebSocket and the HTTP stream. */
    public void install(Javalin app) {
        FakeInworldHttpStream httpStream = new FakeInworldHttpStream(this, stopping);
        app.post(FakeInworldHttpStream.PATH, httpStream::handle);
        app.wsBeforeUpgrade(PATH, ctx -> {
            String authorization = ctx.header("Authorization");
            // docs.inworld.ai: "Authorization: Basic <base64 API key>"; the fake takes any non-empty key
            if (authorization == null || !authorization.startsWith("Basic ") || authorization.substring(6).isBlank()) {
                throw new UnauthorizedResponse("missing or empty Basic credentials");
            }
            int refusal = knobs.refuseUpgradeStatus();
            if (refusal != 0) {
                throw new HttpResponseException(refusal, "refused by the fake's knob");
            }
        });
        app.ws(PATH, ws -> {
            ws.onConnect(ctx -> connections.put(ctx.sessionId(), new FakeInworldConnection(this, ctx)));
            ws.onMessage(ctx -> {
                connection(ctx).onMessage(ctx.message());
                synchronized (received) {
                    received.add(ctx.message()); // after handling: a test that saw it sees its effect
                    received.notifyAll();
                }
            });
            ws.onClose(ctx -> {
                FakeInworldConnection gone = connections.remove(ctx.sessionId());
                if (gone != null) {
                    gone.closeAll();
                }
            });
        });
    }

    /** Ends stalled and delayed answers, so the server can stop. */
    public void close() {
        stopping.countDown();
    }

    public InworldKnobs knobs() {
        return knobs;
    }

    /** Every text message clients sent, in order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    /**
     * Waits until {@code count} received messages contain {@code fragment}, for at most {@code timeoutMs}:
     * a client's last message may still be on the wire when its call returns.
     *
     * @return how many there were by then
     */
    public long awaitReceived(String fragment, long count, long timeoutMs) throws InterruptedException {
        long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000;
        synchronized (received) {
            while (true) {
                long seen = received.stream().filter(message -> message.contains(fragment)).count();
                long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000;
                if (seen >= count || leftMs <= 0) {
                    return seen;
                }
                received.wait(leftMs);
            }
        }
    }

    /** When (System.nanoTime) the fake received {@code close_context} for this context; null if never. */
    public Long closeReceivedNs(String contextId) {
        return closeReceivedNs.get(contextId);
    }

    /**
     * Waits until the client has closed every context it created since the last {@link #reset()}, for
     * at most {@code timeoutMs}. Counting only those keeps a test apart from the closes of tests before
     * it, which may still be on the wire.
     *
     * @return the contexts created since the reset and not closed by then
     */
    public Set<String> awaitCreatedContextsClosed(long timeoutMs) throws InterruptedException {
        long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000;
        synchronized (received) {
            while (true) {
                Set<String> open = new TreeSet<>(createdContextIds);
                open.removeAll(closeReceivedNs.keySet());
                long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000;
                if (open.isEmpty() || leftMs <= 0) {
                    return open;
                }
                received.wait(leftMs);
            }
        }
    }

    /** Clears what was recorded and resets the knobs. */
    public void reset() {
        knobs.reset();
        received.clear();
        closeReceivedNs.clear();
        createdContextIds.clear();
    }

    FakeVoice voice() {
        return voice;
    }

    ObjectMapper json() {
        return json;
    }

    void recordCreate(String contextId) {
        createdContextIds.add(contextId);
    }

    void recordClose(String contextId) {
        closeReceivedNs.put(contextId, System.nanoTime());
    }

    private FakeInworldConnection connection(WsContext ctx) {
        return connections.computeIfAbsent(ctx.sessionId(), id -> new FakeInworldConnection(this, ctx));
    }
}
