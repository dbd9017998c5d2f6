package dev.facecast.webrtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.MediaStream;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.VideoTrack;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A receive-only libwebrtc peer for tests: offers, counts decoded frames and their size. */
final class JavaReceiver implements AutoCloseable {

    private final HeadlessAudioDeviceModule audioDevice = new HeadlessAudioDeviceModule();
    private final PeerConnectionFactory factory = new PeerConnectionFactory(audioDevice);
    private final CompletableFuture<Void> gathered = new CompletableFuture<>();
    private final RTCPeerConnection peerConnection;
    /** addTransceiver needs a track even to receive; this one never sends a frame. */
    private final dev.onvoid.webrtc.media.video.CustomVideoSource placeholderSource = new dev.onvoid.webrtc.media.video.CustomVideoSource();
    final AtomicInteger frames = new AtomicInteger();
    volatile int lastWidth;
    volatile int lastHeight;

    JavaReceiver() {
        audioDevice.initPlayout();
        audioDevice.startPlayout();
        peerConnection = factory.createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
            }

            @Override
            public void onIceGatheringChange(RTCIceGatheringState state) {
                if (state == RTCIceGatheringState.COMPLETE) {
                    gathered.complete(null);
                }
            }

            @Override
            public void onTrack(RTCRtpTransceiver transceiver) {
                MediaStreamTrack track = transceiver.getReceiver().getTrack();
                if (track instanceof VideoTrack video) {
                    video.addSink(frame -> {
                        lastWidth = frame.buffer.getWidth();
                        lastHeight = frame.buffer.getHeight();
                        frames.incrementAndGet();
                    });
                }
            }
        });
        RTCRtpTransceiverInit receiveOnly = new RTCRtpTransceiverInit();
        receiveOnly.direction = RTCRtpTransceiverDirection.RECV_ONLY;
        peerConnection.addTransceiver(factory.createVideoTrack("v", placeholderSource), receiveOnly);
    }

    String offer() throws Exception {
        CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
        peerConnection.createOffer(new RTCOfferOptions(), new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                created.complete(description);
            }

            @Override
            public void onFailure(String error) {
                created.completeExceptionally(new IllegalStateException(error));
            }
        });
        CompletableFuture<Void> set = new CompletableFuture<>();
        peerConnection.setLocalDescription(created.get(5, TimeUnit.SECONDS), observer(set));
        set.get(5, TimeUnit.SECONDS);
        gathered.get(5, TimeUnit.SECONDS);
        return peerConnection.getLocalDescription().sdp;
    }

    void accept(String answer) throws Exception {
        CompletableFuture<Void> set = new CompletableFuture<>();
        peerConnection.setRemoteDescription(new RTCSessionDescription(RTCSdpType.ANSWER, answer), observer(set));
        set.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        peerConnection.close();
        placeholderSource.dispose();
        factory.dispose();
        audioDevice.dispose();
    }

    private static SetSessionDescriptionObserver observer(CompletableFuture<Void> done) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                done.complete(null);
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new IllegalStateException(error));
            }
        };
    }
}
