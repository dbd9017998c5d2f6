package dev.facecast.tts.inworld;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facecast.media.speech.IpaPhones;
import dev.facecast.media.speech.PhoneTiming;
import dev.facecast.provider.ErrorKind;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads Inworld's server messages (docs.inworld.ai "TTS WebSocket"; pipecat's {@code _receive_messages}):
 * <pre>
 * {"result":{"contextId":"c1","status":{"code":0,"message":""},
 *            "contextCreated":{..} | "audioChunk":{"audioContent":b64,"timestampInfo":{..}} | "flushCompleted":{} | "contextClosed":{}}}
 * {"error":{"code":n,"message":".."}}
 * </pre>
 * Thread-safe (no state).
 */
final class InworldReplies {

    /** One message: the context it is for (null: the whole connection) and what it says. */
    record Reply(String contextId, InworldEvent event) {
    }

    private final ObjectMapper json;

    InworldReplies(ObjectMapper json) {
        this.json = json;
    }

    /** Never throws: what cannot be read is a {@link InworldEvent.Failed} of kind PROTOCOL for the connection. */
    Reply read(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            return connectionFailure(ErrorKind.PROTOCOL, "Inworld sent a message that is not JSON: " + excerpt(text));
        }
        if (root == null || !root.isObject()) {
            return connectionFailure(ErrorKind.PROTOCOL, "Inworld sent a message that is not a JSON object: " + excerpt(text));
        }
        JsonNode result = root.path("result");
        String contextId = textOrNull(result.has("contextId") ? result.get("contextId") : result.get("context_id"));
        if (root.has("error")) {
            JsonNode error = root.get("error");
            return new Reply(contextId, failure(error.path("code").asInt(2), error.path("message").asText("unknown error")));
        }
        int code = result.path("status").path("code").asInt(0);
        if (code != 0) {
            return new Reply(contextId, failure(code, result.path("status").path("message").asText("")));
        }
        if (contextId == null) {
            return connectionFailure(ErrorKind.PROTOCOL, "Inworld sent a result without a contextId: " + excerpt(text));
        }
        try {
            return new Reply(contextId, eventOf(result));
        } catch (IllegalArgumentException unreadable) {
            return new Reply(contextId, new InworldEvent.Failed(ErrorKind.PROTOCOL,
                    "Inworld sent an unreadable result: " + unreadable.getMessage()));
        }
    }

    /**
     * One line of the HTTP stream ({@code POST /tts/v1/voice:stream}, newline-delimited JSON):
     * {@code {"result":{"audioContent":b64,"timestampInfo":{..}}}} or {@code {"error":{"code","message"}}}.
     * Never throws: what cannot be read is a PROTOCOL failure.
     */
    InworldEvent readStreamLine(String line) {
        JsonNode root;
        try {
            root = json.readTree(line);
        } catch (JsonProcessingException e) {
            return new InworldEvent.Failed(ErrorKind.PROTOCOL, "Inworld sent a line that is not JSON: " + excerpt(line));
        }
        if (root == null || !root.isObject()) {
            return new InworldEvent.Failed(ErrorKind.PROTOCOL, "Inworld sent a line that is not a JSON object: " + excerpt(line));
        }
        if (root.has("error")) {
            JsonNode error = root.get("error");
            return failure(error.path("code").asInt(2), error.path("message").asText("unknown error"));
        }
        JsonNode result = root.path("result");
        if (!result.has("audioContent")) {
            return new InworldEvent.Failed(ErrorKind.PROTOCOL, "Inworld sent a line without result.audioContent: " + excerpt(line));
        }
        try {
            return new InworldEvent.Audio(Base64.getDecoder().decode(result.get("audioContent").asText("")),
                    phones(result.path("timestampInfo")));
        } catch (IllegalArgumentException unreadable) {
            return new InworldEvent.Failed(ErrorKind.PROTOCOL, "Inworld sent an unreadable line: " + unreadable.getMessage());
        }
    }

    private static InworldEvent eventOf(JsonNode result) {
        if (result.has("audioChunk")) {
            JsonNode chunk = result.get("audioChunk");
            // LiveKit's and Inworld's own examples also accept audioContent one level up
            JsonNode content = chunk.has("audioContent") ? chunk.get("audioContent") : result.path("audioContent");
            byte[] bytes = Base64.getDecoder().decode(content.asText(""));
            return new InworldEvent.Audio(bytes, phones(chunk.path("timestampInfo")));
        }
        if (result.has("contextCreated")) {
            return new InworldEvent.Created();
        }
        if (result.has("flushCompleted")) {
            return new InworldEvent.FlushCompleted();
        }
        if (result.has("contextClosed")) {
            return new InworldEvent.Closed();
        }
        throw new IllegalArgumentException("none of contextCreated, audioChunk, flushCompleted, contextClosed");
    }

    /**
     * Phones from {@code timestampInfo.wordAlignment.phoneticDetails[].phones[]} (TTS 1.5 models
     * with {@code timestampType: WORD}; docs.inworld.ai "Timestamps"), as ARPAbet with end times in
     * ms from the flush's start. A gap between words becomes a pause, so the mouth closes there.
     */
    static List<PhoneTiming> phones(JsonNode timestampInfo) {
        List<PhoneTiming> phones = new ArrayList<>();
        long lastEndMs = -1;
        for (JsonNode word : timestampInfo.path("wordAlignment").path("phoneticDetails")) {
            for (JsonNode phone : word.path("phones")) {
                double startS = phone.path("startTimeSeconds").asDouble(-1);
                double durationS = phone.path("durationSeconds").asDouble(-1);
                if (startS < 0 || durationS < 0) {
                    throw new IllegalArgumentException("a phone without startTimeSeconds and durationSeconds");
                }
                long startMs = Math.round(startS * 1000);
                long endMs = Math.max(startMs, Math.round((startS + durationS) * 1000));
                if (lastEndMs >= 0 && startMs > lastEndMs) {
                    phones.add(new PhoneTiming("pau", startMs));
                }
                if (endMs >= lastEndMs) { // a vendor's overlap must not send the track backwards
                    phones.add(new PhoneTiming(IpaPhones.toArpabet(phone.path("phoneSymbol").asText("")), endMs));
                    lastEndMs = endMs;
                }
            }
        }
        return phones;
    }

    private static InworldEvent.Failed failure(int code, String message) {
        return new InworldEvent.Failed(GrpcStatus.kindOf(code), "Inworld status " + code + ": " + message);
    }

    private static Reply connectionFailure(ErrorKind kind, String message) {
        return new Reply(null, new InworldEvent.Failed(kind, message));
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }

    private static String excerpt(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= 80 ? line : line.substring(0, 80) + "…";
    }
}
