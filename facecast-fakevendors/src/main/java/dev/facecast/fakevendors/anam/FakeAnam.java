package dev.facecast.fakevendors.anam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facecast.webrtc.WebRtcRuntime;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Anam's hosted avatar as its public SDKs use it ({@code @anam-ai/js-sdk}: {@code CoreApiRestClient},
 * {@code SignallingClient}, {@code StreamingClient}; Anam's Python SDK's {@code AgentAudioInputStream}):
 * <ul>
 *   <li>{@code POST /v1/auth/session-token} (Bearer API key) gives a session token;</li>
 *   <li>{@code POST /v1/engine/session} (Bearer session token) starts an engine session and says
 *       where its signalling WebSocket is;</li>
 *   <li>the signalling WebSocket carries {@code {"actionType","sessionId","payload"}} envelopes:
 *       offer/answer/icecandidate, sessionready, heartbeat, agentaudioinput(end), endsession, warning;</li>
 *   <li>WebRTC: the client offers a data channel and video and audio to receive; the engine sends
 *       the face, here our own sprite head lip-synced to the audio it was given. The engine session
 *       names ICE servers ({@code clientConfig.iceServers}): here a STUN server of the fake's own.</li>
 * </ul>
 */
public final class FakeAnam {

    public static final String SIGNALLING_PATH = "/v1/engine/signalling";
    /** Anam's SDK default when the engine gives none. */
    static final int HEARTBEAT_INTERVAL_S = 5;

    /** What the second of the engine sessions' ICE servers carries. */
    public static final String ICE_USERNAME = "fake-user";
    public static final String ICE_CREDENTIAL = "fake-credential";

    private final AnamKnobs knobs = new AnamKnobs();
    private final FakeStunServer stun = FakeStunServer.start();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, JsonNode> tokens = new ConcurrentHashMap<>();
    private final Map<String, FakeAnamSession> sessions = new ConcurrentHashMap<>();
    private WebRtcRuntime webrtc; // guarded by this: started with the first session, libwebrtc is heavy
    /** Engines close under the read lock; libwebrtc is disposed under the write lock, after every close under way. */
    private final ReentrantReadWriteLock webrtcInUse = new ReentrantReadWriteLock();
    private volatile boolean webrtcDisposed;

    public void install(Javalin app) {
        app.post("/v1/auth/session-token", this::sessionToken);
        app.post("/v1/engine/session", this::engineSession);
        app.ws(SIGNALLING_PATH, ws -> {
            ws.onConnect(ctx -> {
                FakeAnamSession session = sessions.get(String.valueOf(ctx.queryParam("session_id")));
                if (session == null) {
                    ctx.closeSession(4004, "unknown session_id");
                } else {
                    session.attach(ctx);
                }
            });
            ws.onMessage(ctx -> {
                FakeAnamSession session = sessions.get(String.valueOf(ctx.queryParam("session_id")));
                if (session != null) {
                    session.onSignal(ctx.message());
                }
            });
            ws.onClose(ctx -> {
                FakeAnamSession session = sessions.remove(String.valueOf(ctx.queryParam("session_id")));
                if (session != null) {
                    session.close();
                }
            });
        });
    }

    public AnamKnobs knobs() {
        return knobs;
    }

    /** The engine sessions alive now. */
    public List<FakeAnamSession> sessions() {
        return List.copyOf(sessions.values());
    }

    /** The engine session with this id, or null once it ended. */
    public FakeAnamSession session(String sessionId) {
        return sessions.get(sessionId);
    }

    /** The STUN server named in every engine session's ICE servers: {@code stun:127.0.0.1:PORT}. */
    public String stunUrl() {
        return stun.url();
    }

    /** Binding requests the STUN server answered: clients gathered through the ICE servers they were given. */
    public long stunBindingsAnswered() {
        return stun.bindingsAnswered();
    }

    /** Resets the knobs. */
    public void reset() {
        knobs.reset();
    }

    /** Ends every session, libwebrtc and the STUN server. */
    public void close() {
        sessions.values().forEach(FakeAnamSession::close);
        sessions.clear();
        stun.close();
        webrtcInUse.writeLock().lock();
        try {
            synchronized (this) {
                webrtcDisposed = true;
                if (webrtc != null) {
                    webrtc.close();
                    webrtc = null;
                }
            }
        } finally {
            webrtcInUse.writeLock().unlock();
        }
    }

    /** Runs a native teardown unless libwebrtc is gone already (libwebrtc aborts on a peer closed after its factory). */
    void whileWebRtcLives(Runnable teardown) {
        webrtcInUse.readLock().lock();
        try {
            if (!webrtcDisposed) {
                teardown.run();
            }
        } finally {
            webrtcInUse.readLock().unlock();
        }
    }

    ObjectMapper json() {
        return json;
    }

    void forget(String sessionId) {
        sessions.remove(sessionId);
    }

    private void sessionToken(Context ctx) {
        refuseIfAsked();
        bearer(ctx); // any non-empty API key
        JsonNode body = body(ctx);
        if (!body.path("personaConfig").isObject()) {
            throw refusal(400, "personaConfig is required");
        }
        String token = "fake-token-" + UUID.randomUUID();
        tokens.put(token, body.get("personaConfig"));
        ctx.json(Map.of("sessionToken", token));
    }

    private void engineSession(Context ctx) {
        refuseIfAsked();
        String token = bearer(ctx);
        if (!tokens.containsKey(token)) {
            throw refusal(401, "invalid session token");
        }
        JsonNode options = body(ctx).path("sessionOptions");
        int width = options.path("videoWidth").asInt(720);
        int height = options.path("videoHeight").asInt(480);
        if (width < 160 || width > 1920 || height < 120 || height > 1080 || width % 2 != 0 || height % 2 != 0) {
            throw refusal(400, "videoWidth and videoHeight must be even, 160x120..1920x1080");
        }
        String sessionId = UUID.randomUUID().toString();
        sessions.put(sessionId, new FakeAnamSession(this, sessionId, width, height));
        ObjectNode answer = json.createObjectNode();
        answer.put("sessionId", sessionId);
        answer.put("engineHost", ctx.host());
        answer.put("engineProtocol", "http");
        answer.put("signallingEndpoint", SIGNALLING_PATH);
        ObjectNode client = answer.putObject("clientConfig");
        client.put("heartbeatIntervalSeconds", HEARTBEAT_INTERVAL_S);
        // Both shapes of RTCIceServer's urls, and credentials, as Anam's answers carry them. The STUN
        // server answers; on loopback the host candidates are what connect.
        ArrayNode iceServers = client.putArray("iceServers");
        String extra = knobs.extraIceServer();
        if (extra != null) {
            iceServers.addObject().put("urls", extra);
        }
        iceServers.addObject().put("urls", stun.url());
        ObjectNode withCredentials = iceServers.addObject();
        withCredentials.putArray("urls").add(stun.url());
        withCredentials.put("username", ICE_USERNAME).put("credential", ICE_CREDENTIAL).put("credentialType", "password");
        ctx.contentType("application/json").result(answer.toString());
    }

    synchronized WebRtcRuntime webrtc() {
        if (webrtc == null) {
            webrtc = WebRtcRuntime.start();
        }
        return webrtc;
    }

    private void refuseIfAsked() {
        int status = knobs.refuseStatus();
        if (status != 0) {
            throw refusal(status, switch (status) {
                case 402 -> "Insufficient credits";
                case 429 -> "Concurrent session limit reached";
                case 503 -> "Service temporarily unavailable";
                case 401, 403 -> "Unauthorized";
                default -> "Bad request";
            });
        }
    }

    private static String bearer(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.substring(7).isBlank()) {
            throw refusal(401, "missing Bearer credentials");
        }
        return authorization.substring(7);
    }

    private JsonNode body(Context ctx) {
        try {
            return json.readTree(ctx.body());
        } catch (Exception e) {
            throw refusal(400, "the body is not JSON");
        }
    }

    private static HttpResponseException refusal(int status, String message) {
        return new HttpResponseException(status, message);
    }
}
