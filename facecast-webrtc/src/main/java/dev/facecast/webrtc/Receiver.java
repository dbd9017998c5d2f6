package dev.facecast.webrtc;

import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSource;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A receive-only peer (user side of WHEP): offers to receive video and audio, then counts
 * what arrives. For tests and the load-test tool.
 *
 * <p>Threading: counters are updated on libwebrtc's threads and safe to read from any thread.
 */
public final class Receiver implements AutoCloseable {

    /**
     * The video receiving side as libwebrtc counts it (inbound-rtp statistics), cumulative.
     *
     * @param framesDecoded video frames the decoder produced
     * @param qpSum         sum of those frames' VP8 quantizers: over {@code framesDecoded}, the mean QP
     * @param freezeCount   freezes the renderer saw: a gap before a frame over 3 times the mean gap and over it by 150 ms
     * @param packetsLost   video RTP packets lost
     * @param nackCount     NACKs sent, asking for packets again
     * @param pliCount      picture-loss indications sent, asking for a key frame
     */
    public record Stats(long framesDecoded, long qpSum, long freezeCount, long packetsLost, long nackCount, long pliCount) {

        public static final Stats NONE = new Stats(0, 0, 0, 0, 0, 0);

        public Stats plus(Stats other) {
            return new Stats(framesDecoded + other.framesDecoded, qpSum + other.qpSum, freezeCount + other.freezeCount,
                    packetsLost + other.packetsLost, nackCount + other.nackCount, pliCount + other.pliCount);
        }

        /** What was counted since {@code earlier}. */
        public Stats minus(Stats earlier) {
            return new Stats(framesDecoded - earlier.framesDecoded, qpSum - earlier.qpSum, freezeCount - earlier.freezeCount,
                    packetsLost - earlier.packetsLost, nackCount - earlier.nackCount, pliCount - earlier.pliCount);
        }
    }

    /** Reads a decoded frame's pixels, lent for the call only, on a libwebrtc thread: must be quick. */
    @FunctionalInterface
    public interface FrameReader {
        /** @param renderNs when libwebrtc means the frame to be shown, on {@link System#nanoTime()}'s clock */
        void read(I420Buffer pixels, long renderNs);
    }

    /** Told the received audio as it is played out, on libwebrtc's audio thread: must be quick. */
    @FunctionalInterface
    public interface PlayoutListener {
        /**
         * @param pcm      16-bit little-endian samples, channels interleaved; lent for the call only
         * @param playedNs {@link System#nanoTime()} when the first of them is heard, by the audio device's account
         */
        void played(byte[] pcm, int sampleRateHz, int channels, int frames, long playedNs);
    }

    private final RTCPeerConnection peerConnection;
    private final Observer observer = new Observer();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    /** addTransceiver needs a track even to receive; these never send anything. */
    private final CustomVideoSource placeholderVideo = new CustomVideoSource();
    private final AudioTrackSource placeholderAudio;
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLong audioFramesReceived = new AtomicLong();
    private final AtomicLong lastFrameAtNs = new AtomicLong();
    private volatile long firstFrameAtNs;
    private volatile boolean closed;
    private volatile double audioSquareSum;
    private volatile java.util.function.LongConsumer frameGapListener = gapNs -> { };
    /** Null unless asked for: only then are frames' pixels read at all. */
    private volatile FrameReader frameReader;
    private volatile PlayoutListener playoutListener;
    private volatile int lastWidth;
    private volatile int lastHeight;
    private volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;

    public Receiver(ReceiverRuntime runtime) {
        peerConnection = runtime.factory().createPeerConnection(new RTCConfiguration(), observer);
        RTCRtpTransceiverInit receiveOnly = new RTCRtpTransceiverInit();
        receiveOnly.direction = RTCRtpTransceiverDirection.RECV_ONLY;
        peerConnection.addTransceiver(runtime.factory().createVideoTrack("recv-video", placeholderVideo), receiveOnly);
        placeholderAudio = runtime.factory().createAudioSource(new AudioOptions());
        peerConnection.addTransceiver(runtime.factory().createAudioTrack("recv-audio", placeholderAudio), receiveOnly);
    }

    /** The offer, with all candidates (waits for ICE gathering). */
    public String offer() throws TimeoutException, InterruptedException {
        new SignalingSteps(peerConnection).createAndSetOffer();
        observer.awaitGathering(10_000);
        return peerConnection.getLocalDescription().sdp;
    }

    public void accept(String answerSdp) throws TimeoutException, InterruptedException {
        new SignalingSteps(peerConnection).setRemote(RTCSdpType.ANSWER, answerSdp);
    }

    public void awaitConnected(long timeoutMs) throws TimeoutException, InterruptedException {
        try {
            connected.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public long framesReceived() {
        return framesReceived.get();
    }

    public long audioFramesReceived() {
        return audioFramesReceived.get();
    }

    /** Root-mean-square level of all audio received so far, 0..1. */
    public double audioRms() {
        long frames = audioFramesReceived.get();
        return frames == 0 ? 0 : Math.sqrt(audioSquareSum / frames) / 32768.0;
    }

    /** Told the gap before every received frame but the first, on a libwebrtc thread: must be quick. */
    public void onFrameGap(java.util.function.LongConsumer listener) {
        this.frameGapListener = listener;
    }

    /** Lends {@code reader} every decoded frame's pixels from now on. */
    public void readFrames(FrameReader reader) {
        this.frameReader = reader;
    }

    /** Tells {@code listener} every chunk of received audio from now on, as it is played out. */
    public void onPlayout(PlayoutListener listener) {
        this.playoutListener = listener;
    }

    /** {@link System#nanoTime()} when the first video frame arrived; 0 until then. */
    public long firstFrameAtNs() {
        return firstFrameAtNs;
    }

    /**
     * Video receiver statistics, from libwebrtc's stats collector (asynchronous, a few ms);
     * {@link Stats#NONE} once closed.
     */
    public CompletableFuture<Stats> stats() {
        CompletableFuture<Stats> result = new CompletableFuture<>();
        if (closed) {
            result.complete(Stats.NONE);
            return result;
        }
        peerConnection.getStats(report -> {
            Stats sum = Stats.NONE;
            for (RTCStats stats : report.getStats().values()) {
                Map<String, Object> values = stats.getAttributes();
                if (stats.getType() == RTCStatsType.INBOUND_RTP && "video".equals(String.valueOf(values.get("kind")))) {
                    sum = sum.plus(new Stats(number(values.get("framesDecoded")), number(values.get("qpSum")),
                            number(values.get("freezeCount")), number(values.get("packetsLost")),
                            number(values.get("nackCount")), number(values.get("pliCount"))));
                }
            }
            result.complete(sum);
        });
        return result;
    }

    /** An attribute libwebrtc has not counted yet is absent from the map. */
    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** The peer connection's state as libwebrtc last reported it. */
    public RTCPeerConnectionState state() {
        return state;
    }

    public int lastWidth() {
        return lastWidth;
    }

    public int lastHeight() {
        return lastHeight;
    }

    @Override
    public void close() {
        closed = true;
        peerConnection.close();
        placeholderVideo.dispose();
    }

    private void onFrame(VideoFrame frame) {
        NativeFrames.received(frame);
        try {
            lastWidth = frame.buffer.getWidth();
            lastHeight = frame.buffer.getHeight();
            long nowNs = System.nanoTime();
            long previousNs = lastFrameAtNs.getAndSet(nowNs);
            if (previousNs != 0) {
                frameGapListener.accept(nowNs - previousNs);
            } else {
                firstFrameAtNs = nowNs;
            }
            framesReceived.incrementAndGet();
            FrameReader reader = frameReader;
            if (reader != null) {
                // libwebrtc stamps a decoded frame with its render time, on its monotonic clock:
                // the one System.nanoTime() reads on Linux. The frame comes here 8-10 ms before
                // that time (measured; the renderer's delay), which is when it is meant to be shown.
                NativeFrames.readI420(frame, pixels -> reader.read(pixels, frame.timestampNs));
            }
        } finally {
            NativeFrames.release(frame);
        }
    }

    private void onAudio(byte[] data, int bitsPerSample, int sampleRate, int channels, int frames) {
        if (bitsPerSample != 16) {
            return;
        }
        // The headless audio device pulls 10 ms for playout every 10 ms, and this call is that
        // pull; the device counts it heard its playout delay later, and so does A/V sync.
        long playedNs = System.nanoTime() + ReceiverRuntime.PLAYOUT_DELAY_NS;
        PlayoutListener listener = playoutListener;
        if (listener != null) {
            listener.played(data, sampleRate, channels, frames, playedNs);
        }
        double sum = 0;
        for (int i = 0; i + 1 < frames * channels * 2; i += 2) {
            double sample = (short) ((data[i] & 0xff) | (data[i + 1] << 8));
            sum += sample * sample;
        }
        audioSquareSum += sum / channels;
        audioFramesReceived.addAndGet(frames);
    }

    private final class Observer extends GatheringObserver {
        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            Receiver.this.state = state;
            if (state == RTCPeerConnectionState.CONNECTED) {
                connected.complete(null);
            } else if (state == RTCPeerConnectionState.FAILED) {
                connected.completeExceptionally(new IllegalStateException("peer connection failed"));
            }
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            MediaStreamTrack track = transceiver.getReceiver().getTrack();
            if (track instanceof VideoTrack video) {
                video.addSink(Receiver.this::onFrame);
            } else if (track instanceof AudioTrack audio) {
                audio.addSink(Receiver.this::onAudio);
            }
        }
    }
}
