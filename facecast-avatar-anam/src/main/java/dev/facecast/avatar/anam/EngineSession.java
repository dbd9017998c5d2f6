package dev.facecast.avatar.anam;

import dev.facecast.webrtc.IceServer;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What {@code POST /v1/engine/session} answers (the field names of {@code @anam-ai/js-sdk}'s
 * {@code StartSessionResponse}): where this session's engine and signalling are, and the ICE
 * servers its peer connection uses ({@link AnamIceServers}).
 */
record EngineSession(String sessionId, String engineHost, String engineProtocol, String signallingEndpoint,
                     int heartbeatIntervalSeconds, List<IceServer> iceServers) {

    /** {@code ws(s)://{engineHost}{signallingEndpoint}?session_id=...}, as the SDK's SignallingClient builds it. */
    URI signallingUri() {
        String scheme = "https".equals(engineProtocol) ? "wss" : "ws";
        return URI.create(scheme + "://" + engineHost + signallingEndpoint + "?session_id="
                + URLEncoder.encode(sessionId, StandardCharsets.UTF_8));
    }
}
