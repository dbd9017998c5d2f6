package dev.facecast.fakevendors.anam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facecast.webrtc.IceCandidate;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import io.javalin.websocket.WsContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One engine session of the fake Anam: its signalling and its {@link FakeAnamEngine}. What the
 * client sent is counted for tests: audio before {@code sessionready} (dropped, as Anam drops it),
 * audio spoken, interrupts and their times, ICE candidates each way. Candidates trickle both ways as
 * {@code icecandidate}, the payload an {@code RTCIceCandidateInit} as {@code @anam-ai/js-sdk}'s
 * {@code SignallingClient.sendIceCandidate} sends it ({@code candidate.toJSON()}); no end of candidates.
 *
 * <p>Threading: signalling on Jetty's thread, one message at a time; sends are serialised.
 */
public final class FakeAnamSession {

    private static final Logger log = LoggerFactory.getLogger(FakeAnamSession.class);

    private final FakeAnam vendor;
    private final String sessionId;
    private final int width;
    private final int height;
    private final AtomicLong droppedBeforeReady = new AtomicLong();
    private final AtomicLong audioMessages = new AtomicLong();
    private final AtomicLong interrupts = new AtomicLong();
    private final AtomicLong audioEnds = new AtomicLong();
    private final AtomicLong candidatesReceived = new AtomicLong();
    private final AtomicLong candidatesSent = new AtomicLong();
    private volatile long lastInterruptNs;
    private volatile long expectedSequence;
    private volatile WsContext signalling;
    private volatile FakeAnamEngine engine;
    private volatile boolean ready;
    private volatile boolean closed;

    FakeAnamSession(FakeAnam vendor, String sessionId, int width, int height) {
        this.vendor = vendor;
        this.sessionId = sessionId;
        this.width = width;
        this.height = height;
    }

    public String sessionId() {
        return sessionId;
    }

    /** Audio messages that came before {@code sessionready}, and were dropped. */
    public long droppedBeforeReady() {
        return droppedBeforeReady.get();
    }

    /** Audio messages taken and spoken. */
    public long audioMessages() {
        return audioMessages.get();
    }

    public long audioEnds() {
        return audioEnds.get();
    }

    public long interrupts() {
        return interrupts.get();
    }

    /** ICE candidates the client trickled. */
    public long candidatesReceived() {
        return candidatesReceived.get();
    }

    /** ICE candidates the engine trickled to the client. */
    public long candidatesSent() {
        return candidatesSent.get();
    }

    /** When (System.nanoTime) the last interrupt came on the data channel; 0 if none. */
    public long lastInterruptNs() {
        return lastInterruptNs;
    }

    void attach(WsContext ctx) {
        signalling = ctx;
    }

    void onSignal(String text) {
        JsonNode message;
        try {
            message = vendor.json().readTree(text);
        } catch (Exception e) {
            warn("message is not JSON");
            return;
        }
        JsonNode payload = message.path("payload");
        switch (message.path("actionType").asText("")) {
            case "offer" -> offer(payload);
            case "icecandidate" -> candidate(payload);
            case "heartbeat" -> {
                // heartbeats only keep the socket alive
            }
            case "agentaudioinput" -> audio(payload);
            case "agentaudioinputend" -> endAudio();
            case "endsession" -> close();
            default -> warn("unknown actionType " + message.path("actionType").asText(""));
        }
    }

    /**
     * The engine is made here, on the signalling thread, so the candidates that follow the offer
     * find it; the answer, which waits on libwebrtc, is made on a thread of its own.
     */
    private void offer(JsonNode payload) {
        FakeAnamEngine made;
        try {
            made = new FakeAnamEngine(vendor.webrtc(), sessionId, width, height, this::onPeerState);
        } catch (RuntimeException e) {
            warn("could not start the engine: " + e.getMessage());
            return;
        }
        made.onDataText(this::onData);
        engine = made;
        String offer = payload.path("connectionDescription").path("sdp").asText("");
        Thread.ofVirtual().name("fake-anam-answer").start(() -> answer(made, offer));
    }

    private void answer(FakeAnamEngine made, String offer) {
        try {
            String answer = made.answer(offer);
            ObjectNode body = vendor.json().createObjectNode();
            body.putObject("connectionDescription").put("sdp", answer).put("type", "answer");
            send("answer", body);
            made.trickleTo(this::sendCandidate);
        } catch (Exception e) {
            log.warn("fake anam {}: could not answer: {}", sessionId, e.toString());
            warn("could not answer the offer: " + e.getMessage());
        }
    }

    private void candidate(JsonNode payload) {
        FakeAnamEngine current = engine;
        if (current == null) {
            warn("icecandidate before the offer");
            return;
        }
        candidatesReceived.incrementAndGet();
        current.addRemoteCandidate(new IceCandidate(payload.path("candidate").asText(""),
                payload.path("sdpMid").asText(""), payload.path("sdpMLineIndex").asInt(0)));
    }

    private void sendCandidate(IceCandidate candidate) {
        ObjectNode payload = vendor.json().createObjectNode();
        payload.put("candidate", candidate.candidate());
        payload.put("sdpMid", candidate.sdpMid());
        payload.put("sdpMLineIndex", candidate.sdpMLineIndex());
        payload.put("usernameFragment", candidate.usernameFragment());
        send("icecandidate", payload);
        candidatesSent.incrementAndGet();
    }

    private void onPeerState(RTCPeerConnectionState state) {
        if (state == RTCPeerConnectionState.CONNECTED && !ready) {
            Thread.ofVirtual().name("fake-anam-ready").start(() -> {
                AnamKnobs knobs = vendor.knobs();
                sleep(knobs.readyDelayMs());
                ready = true;
                send("sessionready", vendor.json().createObjectNode());
                long endAfterMs = knobs.endSessionAfterMs();
                if (endAfterMs > 0) {
                    sleep(endAfterMs);
                    if (!closed) {
                        send("endsession", vendor.json().createObjectNode().put("reason", "the engine ended the session"));
                        close();
                    }
                }
            });
        } else if (state == RTCPeerConnectionState.FAILED) {
            // never from libwebrtc's own callback thread: closing a peer connection there aborts the process
            Thread.ofVirtual().name("fake-anam-failed").start(this::close);
        }
    }

    private void audio(JsonNode payload) {
        if (!ready || engine == null) {
            droppedBeforeReady.incrementAndGet();
            log.debug("fake anam {}: agentaudioinput {} before sessionready, dropped", sessionId, payload.path("sequenceNumber"));
            return;
        }
        if (!payload.path("encoding").asText("").equals("pcm_s16le") || payload.path("sampleRate").asInt() != 24_000
                || payload.path("channels").asInt(1) != 1) {
            warn("agentaudioinput must be pcm_s16le, 24000 Hz, mono");
            return;
        }
        long sequence = payload.path("sequenceNumber").asLong(-1);
        if (sequence != expectedSequence) {
            warn("sequenceNumber " + sequence + " where " + expectedSequence + " was expected");
        }
        expectedSequence = sequence + 1;
        byte[] bytes = Base64.getDecoder().decode(payload.path("audioData").asText(""));
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        try {
            engine.speak(samples);
            audioMessages.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void endAudio() {
        expectedSequence = 0; // a new sequence starts at 0 (Anam's SDKs reset it at end_sequence)
        audioEnds.incrementAndGet();
        FakeAnamEngine current = engine;
        if (current != null) {
            try {
                current.endReply();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {"message_type":"interrupt","session_id":..,"timestamp":..} on the data channel. */
    private void onData(String text) {
        try {
            if (vendor.json().readTree(text).path("message_type").asText("").equals("interrupt")) {
                lastInterruptNs = System.nanoTime();
                interrupts.incrementAndGet();
                FakeAnamEngine current = engine;
                if (current != null) {
                    current.interrupt();
                }
            }
        } catch (Exception e) {
            warn("data channel message is not JSON");
        }
    }

    private void warn(String message) {
        send("warning", vendor.json().createObjectNode().put("message", message));
    }

    private synchronized void send(String actionType, ObjectNode payload) {
        WsContext ctx = signalling;
        if (ctx == null || closed || !ctx.session.isOpen()) {
            return;
        }
        ObjectNode envelope = vendor.json().createObjectNode();
        envelope.put("actionType", actionType);
        envelope.put("sessionId", sessionId);
        envelope.set("payload", payload);
        ctx.send(envelope.toString());
    }

    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        vendor.forget(sessionId);
        FakeAnamEngine current = engine;
        if (current != null) {
            vendor.whileWebRtcLives(current::close);
        }
        WsContext ctx = signalling;
        if (ctx != null && ctx.session.isOpen()) {
            ctx.closeSession(1000, "session ended");
        }
    }

    private static void sleep(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
