package dev.facecast.avatar.anam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facecast.avatar.AvatarException;
import dev.facecast.avatar.AvatarOptions;
import dev.facecast.avatar.AvatarProvider;
import dev.facecast.avatar.AvatarStream;
import dev.facecast.avatar.ReplyListener;
import dev.facecast.media.agent.MediaThreads;
import dev.facecast.provider.Call;
import dev.facecast.provider.ErrorKind;
import dev.facecast.provider.ProviderPolicy;
import dev.facecast.webrtc.ReceiverRuntime;
import dev.facecast.webrtc.RemoteAvatarPeer;
import dev.onvoid.webrtc.RTCPeerConnectionState;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Anam's hosted avatar: each session's face is rendered by Anam from the speech we send, and
 * comes back over WebRTC. Opening a face is the whole handshake, under the policy's deadlines:
 * the REST session ({@link AnamApi}), the signalling WebSocket ({@link AnamSignalling}), our offer
 * (data channel {@code session}, video and audio to receive) and Anam's answer, until the peer
 * connection is up, through the ICE servers Anam gives the session. The offer goes at once and the
 * candidates trickle after it, so an ICE server that is slow or never answers holds nothing back. Speech pushed before Anam says
 * {@code sessionready} waits in the uplink.
 *
 * <p>Threading: faces open on any thread; one daemon thread sends every session's heartbeats.
 */
public final class AnamAvatar extends AvatarProvider {

    /** Anam's WebRTC control channel, as its SDK names it. */
    static final String DATA_CHANNEL = "session";
    /** As the local face: about 40 s of queued TTS chunks for the reply clock. */
    private static final int SPEECH_QUEUE_ITEMS = 1024;
    /** A peer connection closes in milliseconds; a stuck one must not hold the process's shutdown long. */
    private static final long TEARDOWN_WAIT_MS = 3_000;

    private final AnamSettings settings;
    private final ReceiverRuntime receivers;
    private final Duration stepTimeout;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AnamApi api;
    private final Teardowns teardowns = new Teardowns();
    private final ScheduledThreadPoolExecutor heartbeats =
            new ScheduledThreadPoolExecutor(1, MediaThreads.platform("facecast-anam-heartbeat", Thread.NORM_PRIORITY));

    /** @param receivers the process's factory for peers that receive audio into Java */
    public AnamAvatar(AnamSettings settings, ReceiverRuntime receivers) {
        this(settings, receivers, ProviderPolicy.DEFAULTS.withTimeoutsMs(5_000, 15_000, 5_000));
    }

    public AnamAvatar(AnamSettings settings, ReceiverRuntime receivers, ProviderPolicy policy) {
        super("anam", policy);
        this.settings = settings;
        this.receivers = receivers;
        this.stepTimeout = Duration.ofMillis(Math.max(1_000, policy.firstOutputTimeoutMs()));
        this.api = new AnamApi(http, json, settings, Duration.ofMillis(Math.max(1_000, policy.connectTimeoutMs())));
        heartbeats.prestartAllCoreThreads(); // the avatar's thread from the start, not the first session's
    }

    @Override
    protected AvatarStream openStream(AvatarOptions options, ReplyListener replies, Call call) throws Throwable {
        EngineSession engine = api.start(options.width(), options.height());
        call.connected();
        AnamAvatarStream stream = new AnamAvatarStream(options, replies, SPEECH_QUEUE_ITEMS, teardowns);
        call.closeOnAbort(stream::disconnect);
        boolean opened = false;
        try {
            AnamSignalling signalling = AnamSignalling.connect(http, json, engine, stream, heartbeats, stepTimeout);
            RemoteAvatarPeer peer = new RemoteAvatarPeer(receivers, DATA_CHANNEL, engine.iceServers(), stream.downlink()::onPcm, state -> {
                if (state == RTCPeerConnectionState.FAILED) {
                    stream.onEnded("the WebRTC connection to Anam failed");
                }
            });
            stream.attach(engine.sessionId(), signalling, new AudioUplink(signalling), peer);
            ObjectNode offer = signalling.newPayload();
            offer.putObject("connectionDescription").put("sdp", peer.offer()).put("type", "offer");
            offer.put("userUid", options.sessionId());
            signalling.send("offer", offer);
            peer.trickleTo(signalling::sendIceCandidate); // after the offer: the engine cannot use a candidate before it
            peer.accept(await(stream.answer(), "Anam's answer"));
            peer.awaitConnected(stepTimeout.toMillis());
            opened = true;
            return stream;
        } finally {
            if (!opened) {
                stream.disconnect();
            }
        }
    }

    private <T> T await(CompletableFuture<T> step, String what) throws InterruptedException {
        try {
            return step.get(stepTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AvatarException(ErrorKind.TIMEOUT, "no " + what + " within " + stepTimeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new AvatarException(ErrorKind.UNAVAILABLE, "no " + what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** After the faces' teardowns: the caller closes the receivers' factory next, which must outlive every peer. */
    @Override
    protected void releaseEngine() {
        try {
            teardowns.await(TEARDOWN_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeats.shutdownNow();
        http.shutdownNow(); // close() would wait for the faces' WebSockets, which their sessions end

    }
}
