package dev.facecast.tts.inworld;

import java.net.URI;

/**
 * Where and how to reach Inworld's TTS.
 *
 * @param baseUri     the API root: {@code https://api.inworld.ai} or a fake's {@code http://127.0.0.1:N}
 * @param apiKey      the key as Inworld's dashboard gives it (already base64), sent as {@code Basic <key>}
 * @param voiceId     a voice, such as {@code Ashley}
 * @param modelId     a model, such as {@code inworld-tts-1.5-mini} (the one with phone timings)
 * @param maxContexts contexts kept open at once on the connection: Inworld allows 5
 */
public record InworldSettings(URI baseUri, String apiKey, String voiceId, String modelId, int maxContexts) {

    /** The bidirectional streaming endpoint, relative to the base (docs.inworld.ai, "WebSocket"). */
    static final String STREAM_PATH = "/tts/v1/voice:streamBidirectional";
    /** The newline-delimited JSON stream over HTTP. */
    static final String HTTP_STREAM_PATH = "/tts/v1/voice:stream";
    public static final String DEFAULT_VOICE = "Ashley";
    public static final String DEFAULT_MODEL = "inworld-tts-1.5-mini";
    public static final int DOCUMENTED_MAX_CONTEXTS = 5;

    public InworldSettings {
        if (baseUri == null || !java.util.Set.of("http", "https", "ws", "wss").contains(String.valueOf(baseUri.getScheme()))) {
            throw new IllegalArgumentException("the Inworld URL must be http(s) or ws(s), not " + baseUri);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("Inworld needs an API key (INWORLD_API_KEY)");
        }
        if (maxContexts < 1) {
            throw new IllegalArgumentException("at least one context, not " + maxContexts);
        }
    }

    /** The defaults for voice, model and contexts. */
    public static InworldSettings of(URI baseUri, String apiKey) {
        return new InworldSettings(baseUri, apiKey, DEFAULT_VOICE, DEFAULT_MODEL, DOCUMENTED_MAX_CONTEXTS);
    }

    /** The HTTP streaming endpoint (docs.inworld.ai, "Synthesize speech stream"). */
    URI httpStreamUri() {
        String scheme = switch (baseUri.getScheme()) {
            case "http", "ws" -> "http";
            default -> "https";
        };
        return URI.create(baseUri.toString().replaceFirst("^[a-z]+://", scheme + "://").replaceAll("/+$", "") + HTTP_STREAM_PATH);
    }

    URI streamUri() {
        String scheme = switch (baseUri.getScheme()) {
            case "http", "ws" -> "ws";
            default -> "wss";
        };
        String base = baseUri.toString().replaceFirst("^[a-z]+://", scheme + "://").replaceAll("/+$", "");
        return URI.create(base + STREAM_PATH);
    }
}
