package dev.facecast.fakevendors.inworld;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client connection to the fake Inworld: its contexts and its outgoing messages. Messages
 * arrive on Jetty's thread, one at a time; audio is made on each context's own thread.
 * Sends are serialised here, since a WebSocket takes one message at a time.
 */
final class FakeInworldConnection {

    /** gRPC status codes, which Inworld's {@code status.code} carries. */
    static final int INVALID_ARGUMENT = 3;
    static final int NOT_FOUND = 5;
    static final int ALREADY_EXISTS = 6;
    static final int RESOURCE_EXHAUSTED = 8;

    /** Inworld's documented limit for one {@code send_text}. */
    static final int MAX_SEND_TEXT_CHARS = 1_000;

    private final FakeInworld vendor;
    private final WsContext ws;
    private final Map<String, FakeInworldContext> contexts = new ConcurrentHashMap<>();

    FakeInworldConnection(FakeInworld vendor, WsContext ws) {
        this.vendor = vendor;
        this.ws = ws;
    }

    void onMessage(String text) {
        JsonNode message;
        try {
            message = vendor.json().readTree(text);
        } catch (JsonProcessingException e) {
            sendError(INVALID_ARGUMENT, "message is not JSON");
            return;
        }
        // Clients send both spellings (pipecat: contextId; Inworld's JS example: context_id).
        String contextId = field(message, "contextId", "context_id").asText("");
        if (contextId.isEmpty()) {
            sendError(INVALID_ARGUMENT, "contextId is required");
        } else if (message.has("create")) {
            create(contextId, message.get("create"));
        } else if (message.has("send_text")) {
            sendText(contextId, message.get("send_text"));
        } else if (message.has("flush_context")) {
            withContext(contextId, FakeInworldContext::flush);
        } else if (message.has("close_context")) {
            vendor.recordClose(contextId);
            FakeInworldContext context = contexts.remove(contextId);
            if (context == null) {
                sendStatus(contextId, NOT_FOUND, "Context not found");
            } else {
                context.close(true);
            }
        } else {
            sendStatus(contextId, INVALID_ARGUMENT, "unknown request");
        }
    }

    void closeAll() {
        contexts.values().forEach(context -> context.close(false));
        contexts.clear();
    }

    private void create(String contextId, JsonNode create) {
        if (contexts.containsKey(contextId)) {
            sendStatus(contextId, ALREADY_EXISTS, "Context already exists");
            return;
        }
        if (contexts.size() >= vendor.knobs().maxContexts()) {
            sendStatus(contextId, RESOURCE_EXHAUSTED, "max contexts limit reached");
            return;
        }
        JsonNode audioConfig = field(create, "audioConfig", "audio_config");
        int sampleRateHz = field(audioConfig, "sampleRateHertz", "sample_rate_hertz").asInt(48_000);
        if (sampleRateHz < 8_000 || sampleRateHz > 48_000) {
            sendStatus(contextId, INVALID_ARGUMENT, "sampleRateHertz must be 8000..48000, not " + sampleRateHz);
            return;
        }
        String encoding = field(audioConfig, "audioEncoding", "audio_encoding").asText("LINEAR16");
        if (!encoding.equals("LINEAR16") && !encoding.equals("PCM")) {
            sendStatus(contextId, INVALID_ARGUMENT, "the fake speaks LINEAR16 and PCM only, not " + encoding);
            return;
        }
        boolean wordTimestamps = field(create, "timestampType", "timestamp_type").asText("").equals("WORD");
        vendor.recordCreate(contextId);
        contexts.put(contextId, new FakeInworldContext(vendor, this, contextId, sampleRateHz, encoding.equals("LINEAR16"),
                wordTimestamps));
        ObjectNode created = vendor.json().createObjectNode();
        created.set("voiceId", field(create, "voiceId", "voice_id"));
        created.set("audioConfig", audioConfig);
        sendResult(contextId, "contextCreated", created);
    }

    private void sendText(String contextId, JsonNode sendText) {
        String text = sendText.path("text").asText("");
        if (text.length() > MAX_SEND_TEXT_CHARS) {
            sendStatus(contextId, INVALID_ARGUMENT, "text is over " + MAX_SEND_TEXT_CHARS + " characters");
            return;
        }
        boolean flush = sendText.has("flush_context") || sendText.has("flushContext");
        withContext(contextId, context -> {
            context.append(text);
            if (flush) {
                context.flush();
            }
        });
    }

    private void withContext(String contextId, java.util.function.Consumer<FakeInworldContext> action) {
        FakeInworldContext context = contexts.get(contextId);
        if (context == null) {
            sendStatus(contextId, NOT_FOUND, "Context not found");
        } else {
            action.accept(context);
        }
    }

    /** {"result":{"contextId":..,"status":{"code":0,"message":""},"<kind>":{..}}} */
    void sendResult(String contextId, String kind, JsonNode body) {
        ObjectNode result = resultFor(contextId, 0, "");
        result.set(kind, body);
        send(wrap(result));
    }

    void sendStatus(String contextId, int code, String message) {
        send(wrap(resultFor(contextId, code, message)));
    }

    /** A connection-level error without a context: {"error":{"code":..,"message":..}}. */
    void sendError(int code, String message) {
        ObjectNode root = vendor.json().createObjectNode();
        root.putObject("error").put("code", code).put("message", message);
        send(root.toString());
    }

    /** Sends a raw text frame; false when the connection is gone. */
    synchronized boolean send(String text) {
        if (!ws.session.isOpen()) {
            return false;
        }
        ws.send(text);
        return true;
    }

    ObjectNode newObject() {
        return vendor.json().createObjectNode();
    }

    private ObjectNode resultFor(String contextId, int code, String message) {
        ObjectNode result = vendor.json().createObjectNode();
        result.put("contextId", contextId);
        result.putObject("status").put("code", code).put("message", message);
        return result;
    }

    private String wrap(ObjectNode result) {
        ObjectNode root = vendor.json().createObjectNode();
        root.set("result", result);
        return root.toString();
    }

    private static JsonNode field(JsonNode node, String camel, String snake) {
        return node.has(camel) ? node.get(camel) : node.path(snake);
    }
}
