package dev.facecast.webrtc;

import dev.facecast.media.sdp.SdpException;
import dev.facecast.media.sdp.SdpOffer;
import dev.facecast.media.audio.AudioFormat;
import dev.facecast.media.audio.PcmChunk;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Receives one user's microphone (user to agent), answering the browser's send-only offer
 * (WHIP). A second peer connection beside the session's {@link Publisher}, as SFUs do: in
 * libwebrtc 0.14.0 here, only a factory with a headless audio device and playout started
 * hands received audio to Java.
 *
 * <p>Threading: {@link #answer} and {@link #close} on control threads. Audio arrives on a
 * libwebrtc thread in 10 ms chunks, as {@link PcmChunk}s in whatever format the decoder gives
 * (48 kHz for Opus); the consumer must not block.
 */
public final class Subscriber implements AutoCloseable {

    private final RTCPeerConnection peerConnection;
    private final Observer observer = new Observer();
    private final Consumer<PcmChunk> microphone;
    private final Consumer<RTCPeerConnectionState> onStateChange;
    private final AtomicLong framesReceived = new AtomicLong();
    private volatile RTCPeerConnectionState connectionState = RTCPeerConnectionState.NEW;
    private volatile boolean closed;

    /**
     * @param microphone    receives the user's audio, on a libwebrtc thread; must not block
     * @param onStateChange told of connection state changes, on a libwebrtc thread
     */
    public Subscriber(ReceiverRuntime runtime, Consumer<PcmChunk> microphone, Consumer<RTCPeerConnectionState> onStateChange) {
        this.microphone = microphone;
        this.onStateChange = onStateChange;
        this.peerConnection = runtime.factory().createPeerConnection(new RTCConfiguration(), observer);
    }

    /**
     * Answers the browser's offer to send audio, once ICE gathering is complete.
     *
     * @throws SdpException when the offer is malformed or sends no audio
     */
    public String answer(String offerSdp) throws TimeoutException, InterruptedException {
        SdpOffer offer = SdpOffer.forSubscriber(offerSdp);
        new SignalingSteps(peerConnection).setRemote(RTCSdpType.OFFER, offer.sdp());
        for (RTCRtpTransceiver transceiver : Transceivers.live(peerConnection)) {
            boolean audio = MediaStreamTrack.AUDIO_TRACK_KIND.equals(transceiver.getReceiver().getTrack().getKind());
            transceiver.setDirection(audio ? RTCRtpTransceiverDirection.RECV_ONLY : RTCRtpTransceiverDirection.INACTIVE);
        }
        new SignalingSteps(peerConnection).createAndSetAnswer();
        observer.awaitGathering(5_000);
        return peerConnection.getLocalDescription().sdp;
    }

    public RTCPeerConnectionState connectionState() {
        return connectionState;
    }

    /** Audio frames (samples per channel) received so far. */
    public long framesReceived() {
        return framesReceived.get();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            peerConnection.close();
        }
    }

    private void onAudio(byte[] data, int bitsPerSample, int sampleRateHz, int channels, int frames) {
        if (closed || bitsPerSample != 16) {
            return;
        }
        // A chunk is handed on to another thread, so it owns a copy of libwebrtc's buffer.
        short[] samples = new short[frames * channels];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((data[2 * i] & 0xff) | (data[2 * i + 1] << 8));
        }
        framesReceived.addAndGet(frames);
        microphone.accept(new PcmChunk(new AudioFormat(sampleRateHz, channels), samples, frames));
    }

    private final class Observer extends GatheringObserver {
        @Override
        public void onConnectionChange(RTCPeerConnectionState state) {
            connectionState = state;
            onStateChange.accept(state);
        }

        @Override
        public void onTrack(RTCRtpTransceiver transceiver) {
            if (transceiver.getReceiver().getTrack() instanceof AudioTrack audio) {
                audio.addSink(Subscriber.this::onAudio);
            }
        }
    }
}
