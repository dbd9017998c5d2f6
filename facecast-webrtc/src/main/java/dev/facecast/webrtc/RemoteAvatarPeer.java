package dev.facecast.webrtc;

import dev.facecast.media.video.FramePool;
import dev.facecast.media.video.I420Frame;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Our side of a hosted avatar's WebRTC (the Anam-style engines): we offer, as their browser SDK
 * does, a data channel first, then video and audio to receive; the engine answers and sends the
 * face. Received pictures are copied once into pooled {@link I420Frame}s and the newest is kept
 * for the media thread ({@link #takeLatestFrame}); received audio goes to a listener.
 *
 * <p>Candidates trickle both ways ({@link #trickleTo}, {@link #addRemoteCandidate}).
 *
 * <p>Threading: {@link #offer}, {@link #accept} and {@link #close} on control threads; frames
 * and audio arrive on libwebrtc's threads; {@link #takeLatestFrame} from the one media thread;
 * {@link #sendText} from any thread but a media thread.
 */
public final class RemoteAvatarPeer implements AutoCloseable {

    /** Received 16-bit PCM, on a libwebrtc thread: must be quick and must not keep {@code samples}. */
    @FunctionalInterface
    public interface PcmListener {
        void onPcm(short[] samples, int frames, int sampleRateHz, int channels);
    }

    /** The newest picture waits; one being copied and one shown make three. */
    private static final int FRAMES_KEPT = 3;

    private final RTCPeerConnection peerConnection;
    private final Observer observer = new Observer();
    private final Trickle trickle;
    private final RTCDataChannel dataChannel;
    private final CustomVideoSource placeholderVideo = new CustomVideoSource();
    private final AudioTrackSource placeholderAudio;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final AtomicReference<I420Frame> latest = new AtomicReference<>();
    private final AtomicLong framesReceived = new AtomicLong();
    private final PcmListener pcm;
    private final Consumer<RTCPeerConnectionState> onStateChange;
    private volatile FramePool pool;
    private volatile Consumer<String> dataListener = text -> { };
    private short[] pcmScratch = new short[960 * 2]; // the audio thread's alone: 10 ms of 48 kHz stereo
    private volatile boolean closed;
    private volatile boolean receiving = true;

    /**
     * @param dataChannelLabel the engine's control channel ({@code session} for Anam)
     * @param iceServers       the STUN and TURN servers the engine gives for this session; none for host candidates alone
     * @param pcm              told every received audio block
     * @param onStateChange    told of connection state changes, on a libwebrtc thread; must not block
     */
    public RemoteAvatarPeer(ReceiverRuntime runtime, String dataChannelLabel, List<IceServer> iceServers, PcmListener pcm,
                            Consumer<RTCPeerConnectionState> onStateChange) {
        this.pcm = pcm;
        this.onStateChange = onStateChange;
        RTCConfiguration configuration = new RTCConfiguration();
        iceServers.forEach(server -> configuration.iceServers.add(server.toRtc()));
        peerConnection = runtime.factory().createPeerConnection(configuration, observer);
        trickle = new Trickle(peerConnection); // before the offer: no candidate is gathered until then
        // The order of the offer's sections follows the engine's SDK: data channel, then video, then audio.
        dataChannel = peerConnection.createDataChannel(dataChannelLabel, new RTCDataChannelInit());
        dataChannel.registerObserver(new TextMessages(() -> dataListener));
        RTCRtpTransceiverInit receiveOnly = new RTCRtpTransceiverInit();
        receiveOnly.direction = RTCRtpTransceiverDirection.RECV_ONLY;
        peerConnection.addTransceiver(runtime.factory().createVideoTrack("avatar-video", placeholderVideo), receiveOnly);
        placeholderAudio = runtime.factory().createAudioSource(new AudioOptions());
        peerConnection.addTransceiver(runtime.factory().createAudioTrack("avatar-audio", placeholderAudio), receiveOnly);
    }

    /**
     * The offer, at once: its candidates trickle ({@link #trickleTo}), so no ICE server that is
     * slow or silent holds it back.
     */
    public String offer() throws TimeoutException, InterruptedException {
        new SignalingSteps(peerConnection).createAndSetOffer();
        return peerConnection.getLocalDescription().sdp;
    }

    /**
     * Once the offer is on its way: the candidates gathered so far go to {@code sender} now, each
     * later one as it is gathered, on libwebrtc's signalling thread ({@code sender} must not block).
     */
    public void trickleTo(Consumer<IceCandidate> sender) {
        trickle.sendLocalTo(sender);
    }

    public void accept(String answerSdp) throws TimeoutException, InterruptedException {
        new SignalingSteps(peerConnection).setRemote(RTCSdpType.ANSWER, answerSdp);
        trickle.remoteDescriptionSet();
    }

    /** A candidate the engine trickled; one that comes before its answer waits for it. Any thread but libwebrtc's. */
    public void addRemoteCandidate(IceCandidate candidate) {
        trickle.addRemote(candidate);
    }

    public void awaitConnected(long timeoutMs) throws TimeoutException, InterruptedException {
        try {
            connected.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the avatar's peer connection failed", e.getCause());
        }
    }

    /** The ICE servers the peer connection runs with, as libwebrtc reports its configuration. Control threads. */
    public List<IceServer> iceServers() {
        return peerConnection.getConfiguration().iceServers.stream().map(IceServer::of).toList();
    }

    /** Told every text message the engine sends on the data channel, on a libwebrtc thread. */
    public void onDataText(Consumer<String> listener) {
        this.dataListener = listener;
    }

    /** Sends text on the data channel; false while it is not open. */
    public boolean sendText(String text) {
        if (closed || dataChannel.getState() != RTCDataChannelState.OPEN) {
            return false;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            dataChannel.send(new RTCDataChannelBuffer(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip(), false));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * The newest picture received since the last call, or null; the caller owns it (one
     * reference) and releases it. Pictures not taken in time are released here, unseen.
     */
    public I420Frame takeLatestFrame() {
        return latest.getAndSet(null);
    }

    public long framesReceived() {
        return framesReceived.get();
    }

    /** Frames of this peer's pool still held: zero after close, once the taker released its own. */
    public long framesOutstanding() {
        FramePool current = pool;
        return current == null ? 0 : current.outstanding();
    }

    /**
     * Stops taking pictures and audio at once and releases the picture waiting, without native
     * calls: a media thread may call it. {@link #close} later does the rest.
     */
    public void stopReceiving() {
        receiving = false;
        I420Frame waiting = latest.getAndSet(null);
        if (waiting != null) {
            waiting.release();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopReceiving();
        trickle.stop();
        dataChannel.unregisterObserver();
        dataChannel.close();
        dataChannel.dispose();
        peerConnection.close();
        placeholderVideo.dispose();
    }

    private void onFrame(VideoFrame frame) {
        NativeFrames.received(frame);
        try {
            if (!receiving) {
                return;
            }
            NativeFrames.readI420(frame, buffer -> {
                I420Frame copy = poolFor(buffer.getWidth(), buffer.getHeight()).acquire();
                copyPlanes(buffer, copy);
                copy.setTimestampUs(frame.timestampNs / 1_000);
                I420Frame unseen = latest.getAndSet(copy);
                if (unseen != null) {
                    unseen.release();
                }
                if (!receiving) { // stopped meanwhile: what was just put there has no taker
                    I420Frame orphan = latest.getAndSet(null);
                    if (orphan != null) {
                        orphan.release();
                    }
                }
            });
            framesReceived.incrementAndGet();
        } finally {
            NativeFrames.release(frame);
        }
    }

    private FramePool poolFor(int width, int height) {
        FramePool current = pool;
        if (current == null || current.width() != width || current.height() != height) {
            current = new FramePool(width, height, FRAMES_KEPT);
            pool = current;
        }
        return current;
    }

    private static void copyPlanes(I420Buffer buffer, I420Frame frame) {
        int width = frame.width();
        int height = frame.height();
        byte[] data = frame.data();
        copyPlane(buffer.getDataY(), buffer.getStrideY(), data, 0, width, height);
        copyPlane(buffer.getDataU(), buffer.getStrideU(), data, frame.offsetU(), width / 2, height / 2);
        copyPlane(buffer.getDataV(), buffer.getStrideV(), data, frame.offsetV(), width / 2, height / 2);
    }

    private static void copyPlane(ByteBuffer source, int stride, byte[] target, int offset, int width, int height) {
        for (int row = 0; row < height; row++) {
            source.get(row * stride, target, offset + row * width, width);
        }
    }

    private void onAudio(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
        if (bitsPerSample != 16 || !receiving) {
            return;
        }
        int count = frames * channels;
        if (pcmScratch.length < count) {
            pcmScratch = new short[count];
        }
        for (int i = 0; i < count; i++) {
            pcmScratch[i] = (short) ((data[2 * i] & 0xff) | (data[2 * i + 1] << 8));
        }
        pcm.onPcm(pcmScratch, frames, sampleRate, channels);
    }

    private final class Observer extends GatheringObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            trickle.onLocal(candidate);
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            if (state == RTCPeerConnectionState.CONNECTED) {
                connected.complete(null);
            } else if (state == RTCPeerConnectionState.FAILED) {
                connected.completeExceptionally(new IllegalStateException("peer connection failed"));
            }
            onStateChange.accept(state);
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            MediaStreamTrack track = transceiver.getReceiver().getTrack();
            if (track instanceof VideoTrack video) {
                video.addSink(RemoteAvatarPeer.this::onFrame);
            } else if (track instanceof AudioTrack audio) {
                audio.addSink(RemoteAvatarPeer.this::onAudio);
            }
        }
    }
}
