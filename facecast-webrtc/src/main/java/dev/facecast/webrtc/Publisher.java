package dev.facecast.webrtc;

import dev.facecast.media.sdp.SdpException;
import dev.facecast.media.sdp.SdpOffer;
import dev.facecast.media.MediaOutput;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.video.I420Frame;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpEncodingParameters;
import dev.onvoid.webrtc.RTCRtpSendParameters;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Sends one session's audio and video to one receiver (agent to user), answering the
 * receiver's offer (WHEP). Implements {@link MediaOutput}: the session's media thread pushes
 * 10 ms of PCM and I420 frames, which go to libwebrtc's custom sources; libwebrtc encodes
 * (VP8 preferred, Opus) on its own threads.
 *
 * <p>A/V sync on this engine is out of our hands: webrtc-java 0.14.0 stamps every pushed frame
 * itself ({@code CustomVideoSource::PushFrame} overwrites the capture time, and the RTP and NTP
 * times, with its own per-source {@code SyncClock}, time since the source was made) and hands
 * pushed audio to libwebrtc with a capture time from another such clock. The frame timestamps
 * we set are discarded, and the sender reports do not tie both streams to one wall clock, so
 * Chromium's lip sync has nothing sound to work from; measured at the receiver, the skew
 * wanders by tens of ms, at times by 200 ms and more (SyncEndToEndTest). The server engine,
 * which writes its own sender reports from one clock, is where sync is built by construction.
 *
 * <p>Threading: {@link #answer} and {@link #close} on control threads; the push methods on
 * the one media thread. Close only after the media thread stopped pushing.
 */
public final class Publisher implements MediaOutput, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);
    private static final String STREAM_ID = "facecast";

    private final PublisherSettings settings;
    private final String sessionId;
    private final CustomVideoSource videoSource = new CustomVideoSource();
    private final CustomAudioSource audioSource = new CustomAudioSource();
    private final VideoTrack videoTrack;
    private final AudioTrack audioTrack;
    private final RTCPeerConnection peerConnection;
    private final Observer observer = new Observer();
    private final Trickle trickle;
    private final Consumer<RTCPeerConnectionState> onStateChange;
    private final CodecPreferences codecs;
    private final byte[] audioBytes;
    private volatile RTCPeerConnectionState connectionState = RTCPeerConnectionState.NEW;
    private volatile RTCDataChannel dataChannel;
    private volatile Consumer<String> dataListener = text -> { };
    private volatile boolean closed;

    /**
     * @param onStateChange told of every connection state change, on a libwebrtc thread;
     *                      must not block
     */
    public Publisher(WebRtcRuntime runtime, PublisherSettings settings, String sessionId,
                     Consumer<RTCPeerConnectionState> onStateChange) {
        this.settings = settings;
        this.sessionId = sessionId;
        this.onStateChange = onStateChange;
        AudioFormat format = settings.audioFormat();
        this.audioBytes = new byte[format.framesIn(10) * format.channels() * AudioFormat.BYTES_PER_SAMPLE];
        this.videoTrack = runtime.publisherFactory().createVideoTrack("video-" + sessionId, videoSource);
        this.audioTrack = runtime.publisherFactory().createAudioTrack("audio-" + sessionId, audioSource);
        this.peerConnection = runtime.publisherFactory().createPeerConnection(new RTCConfiguration(), observer);
        this.trickle = new Trickle(peerConnection); // before the answer: no candidate is gathered until then
        this.codecs = runtime.codecPreferences();
    }

    /**
     * Answers a receiver's offer once ICE gathering is complete (non-trickle), so the answer
     * carries every candidate.
     *
     * @throws SdpException     when the offer is malformed or receives no video
     * @throws TimeoutException when ICE gathering does not finish in time
     */
    public String answer(String offerSdp) throws TimeoutException, InterruptedException {
        RTCRtpSender videoSender = applyOfferAndAnswer(offerSdp);
        observer.awaitGathering(settings.iceGatheringTimeout().toMillis());
        capBitrate(videoSender);
        return peerConnection.getLocalDescription().sdp;
    }

    /**
     * Answers a receiver's offer at once; the candidates trickle ({@link #trickleTo},
     * {@link #addRemoteCandidate}), for receivers whose signalling carries them.
     *
     * @throws SdpException when the offer is malformed or receives no video
     */
    public String answerTrickling(String offerSdp) throws TimeoutException, InterruptedException {
        capBitrate(applyOfferAndAnswer(offerSdp));
        return peerConnection.getLocalDescription().sdp;
    }

    /**
     * Once a trickling answer is on its way: the candidates gathered so far go to {@code sender}
     * now, each later one as it is gathered, on libwebrtc's signalling thread ({@code sender} must not block).
     */
    public void trickleTo(Consumer<IceCandidate> sender) {
        trickle.sendLocalTo(sender);
    }

    /** A candidate the receiver trickled; one that comes before its offer is applied waits for it. Control threads. */
    public void addRemoteCandidate(IceCandidate candidate) {
        trickle.addRemote(candidate);
    }

    /** Applies the offer, adds our tracks, and sets our answer; the video sender is returned. */
    private RTCRtpSender applyOfferAndAnswer(String offerSdp) throws TimeoutException, InterruptedException {
        SdpOffer offer = SdpOffer.forPublisher(offerSdp);
        SignalingSteps steps = new SignalingSteps(peerConnection);
        steps.setRemote(RTCSdpType.OFFER, offer.sdp());
        trickle.remoteDescriptionSet();
        RTCRtpSender videoSender = peerConnection.addTrack(videoTrack, List.of(STREAM_ID));
        peerConnection.addTrack(audioTrack, List.of(STREAM_ID));
        for (RTCRtpTransceiver transceiver : Transceivers.live(peerConnection)) {
            if (transceiver.getSender().getTrack() == null) {
                // An m-line we have nothing to send on (a second video, data): leave it inactive.
                transceiver.setDirection(RTCRtpTransceiverDirection.INACTIVE);
                continue;
            }
            transceiver.setDirection(RTCRtpTransceiverDirection.SEND_ONLY);
            if (MediaStreamTrack.VIDEO_TRACK_KIND.equals(transceiver.getSender().getTrack().getKind())) {
                codecs.preferVp8(transceiver);
            }
        }
        steps.createAndSetAnswer();
        return videoSender;
    }

    /** Sender statistics, from libwebrtc's stats collector (asynchronous, a few ms). */
    public CompletableFuture<PublisherStats> stats() {
        CompletableFuture<PublisherStats> result = new CompletableFuture<>();
        if (closed) {
            result.complete(PublisherStats.NONE);
            return result;
        }
        peerConnection.getStats(report -> {
            long frames = 0, videoBytes = 0, audioBytes = 0;
            double encodeSeconds = 0;
            for (RTCStats stats : report.getStats().values()) {
                if (stats.getType() != RTCStatsType.OUTBOUND_RTP) {
                    continue;
                }
                Map<String, Object> values = stats.getAttributes();
                boolean video = "video".equals(String.valueOf(values.get("kind")));
                long bytes = number(values.get("bytesSent")).longValue();
                if (video) {
                    frames += number(values.get("framesEncoded")).longValue();
                    encodeSeconds += number(values.get("totalEncodeTime")).doubleValue();
                    videoBytes += bytes;
                } else {
                    audioBytes += bytes;
                }
            }
            result.complete(new PublisherStats(frames, encodeSeconds, videoBytes, audioBytes));
        });
        return result;
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : 0;
    }

    /**
     * Told every text message the receiver sends on its data channel (the page opens one
     * before offering), on a libwebrtc thread: must not block.
     */
    public void onDataText(Consumer<String> listener) {
        this.dataListener = listener;
    }

    /** Sends text on the receiver's data channel; false when there is none open. Not for media threads. */
    public boolean sendText(String text) {
        RTCDataChannel channel = dataChannel;
        if (closed || channel == null || channel.getState() != RTCDataChannelState.OPEN) {
            return false;
        }
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        try {
            channel.send(new RTCDataChannelBuffer(buffer, false));
            return true;
        } catch (Exception e) {
            log.debug("session {}: data channel send failed: {}", sessionId, e.getMessage());
            return false;
        }
    }

    public RTCPeerConnectionState connectionState() {
        return connectionState;
    }

    @Override
    public AudioFormat audioFormat() {
        return settings.audioFormat();
    }

    @Override
    public void pushAudio(short[] samples, int frames) {
        if (closed) {
            return;
        }
        int channels = settings.audioFormat().channels();
        int count = frames * channels;
        for (int i = 0; i < count; i++) {
            audioBytes[2 * i] = (byte) samples[i];
            audioBytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        audioSource.pushAudio(audioBytes, 16, settings.audioFormat().sampleRateHz(), channels, frames);
    }

    @Override
    public void pushVideo(I420Frame frame) {
        if (closed) {
            return;
        }
        // libwebrtc keeps the buffer while it encodes, so each frame needs a native buffer of its own.
        VideoFrame videoFrame = NativeFrames.allocate(frame.width(), frame.height(), frame.timestampUs() * 1_000L);
        try {
            copyPlanes(frame, (NativeI420Buffer) videoFrame.buffer);
            videoSource.pushFrame(videoFrame);
        } finally {
            NativeFrames.release(videoFrame);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        trickle.stop();
        RTCDataChannel channel = dataChannel;
        if (channel != null) {
            channel.unregisterObserver();
            channel.close();
            channel.dispose();
        }
        // A sender holds its track; detach both, or libwebrtc refuses to dispose the tracks.
        for (RTCRtpSender sender : peerConnection.getSenders()) {
            peerConnection.removeTrack(sender);
        }
        peerConnection.close();
        videoTrack.dispose();
        audioTrack.dispose();
        videoSource.dispose();
        audioSource.dispose();
    }

    private void capBitrate(RTCRtpSender videoSender) {
        RTCRtpSendParameters parameters = videoSender.getParameters();
        for (RTCRtpEncodingParameters encoding : parameters.encodings) {
            encoding.maxBitrate = settings.maxVideoBitrateBps();
        }
        videoSender.setParameters(parameters);
    }

    private static void copyPlanes(I420Frame frame, NativeI420Buffer buffer) {
        byte[] data = frame.data();
        int width = frame.width();
        int height = frame.height();
        copyPlane(data, 0, width, height, buffer.getDataY(), buffer.getStrideY());
        copyPlane(data, frame.offsetU(), width / 2, height / 2, buffer.getDataU(), buffer.getStrideU());
        copyPlane(data, frame.offsetV(), width / 2, height / 2, buffer.getDataV(), buffer.getStrideV());
    }

    private static void copyPlane(byte[] source, int offset, int width, int height, ByteBuffer target, int stride) {
        if (stride == width) {
            target.put(0, source, offset, width * height);
            return;
        }
        for (int row = 0; row < height; row++) {
            target.put(row * stride, source, offset + row * width, width);
        }
    }

    private final class Observer extends GatheringObserver {
        /** Held until {@link #trickleTo}; a non-trickle answer has them in its description and never sends these. */
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            trickle.onLocal(candidate);
        }

        @Override
        public void onDataChannel(RTCDataChannel channel) {
            dataChannel = channel;
            channel.registerObserver(new TextMessages(() -> dataListener));
        }

        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            connectionState = state;
            log.debug("session {}: publisher {}", sessionId, state);
            onStateChange.accept(state);
        }
    }
}
