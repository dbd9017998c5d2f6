package dev.facecast.tts.inworld;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the client's messages, in the shapes Inworld documents and working clients send
 * (docs.inworld.ai "TTS WebSocket"; pipecat's {@code _send_context}/{@code _send_text}; Inworld's
 * {@code example_websocket.js}): the top-level action keys are snake_case ({@code send_text},
 * {@code flush_context}, {@code close_context}); the fields are camelCase. Thread-safe.
 */
final class InworldRequests {

    private final ObjectMapper json;
    private final InworldSettings settings;

    InworldRequests(ObjectMapper json, InworldSettings settings) {
        this.json = json;
        this.settings = settings;
    }

    /** {@code create}: the voice, LINEAR16 at exactly the rate the consumer wants, WORD timestamps for the phones. */
    String create(String contextId, int sampleRateHz) {
        ObjectNode root = json.createObjectNode();
        ObjectNode create = root.putObject("create");
        create.put("voiceId", settings.voiceId());
        create.put("modelId", settings.modelId());
        create.putObject("audioConfig").put("audioEncoding", "LINEAR16").put("sampleRateHertz", sampleRateHz);
        create.put("timestampType", "WORD");
        root.put("contextId", contextId);
        return root.toString();
    }

    /** The HTTP stream's body (docs.inworld.ai "Synthesize speech stream"): text, voice, model, LINEAR16 at the rate, WORD timestamps. */
    String streamBody(String text, int sampleRateHz) {
        ObjectNode body = json.createObjectNode();
        body.put("text", text);
        body.put("voiceId", settings.voiceId());
        body.put("modelId", settings.modelId());
        body.putObject("audioConfig").put("audioEncoding", "LINEAR16").put("sampleRateHertz", sampleRateHz);
        body.put("timestampType", "WORD");
        return body.toString();
    }

    /** {@code send_text}, with {@code flush_context} on the last piece of a synthesis. */
    String sendText(String contextId, String text, boolean flush) {
        ObjectNode root = json.createObjectNode();
        ObjectNode sendText = root.putObject("send_text");
        sendText.put("text", text);
        if (flush) {
            sendText.putObject("flush_context");
        }
        root.put("contextId", contextId);
        return root.toString();
    }

    String closeContext(String contextId) {
        ObjectNode root = json.createObjectNode();
        root.putObject("close_context");
        root.put("contextId", contextId);
        return root.toString();
    }
}
