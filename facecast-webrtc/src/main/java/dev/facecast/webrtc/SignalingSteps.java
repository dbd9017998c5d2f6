package dev.facecast.webrtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** libwebrtc's callback-style signalling steps, made blocking (for virtual threads). */
final class SignalingSteps {

    private static final long STEP_TIMEOUT_MS = 5_000;

    private final RTCPeerConnection peerConnection;

    SignalingSteps(RTCPeerConnection peerConnection) {
        this.peerConnection = peerConnection;
    }

    void setRemoteOffer(String sdp) throws TimeoutException, InterruptedException {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            peerConnection.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, sdp), observer(done));
        } catch (Error parseFailure) {
            // webrtc-java reports an unparsable description as a java.lang.Error from the native call.
            throw new SdpException("the offer is not valid SDP: " + parseFailure.getMessage());
        }
        await(done, "the offer was rejected: ");
    }

    void createAndSetAnswer() throws TimeoutException, InterruptedException {
        CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
        peerConnection.createAnswer(new RTCAnswerOptions(), new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                created.complete(description);
            }

            @Override
            public void onFailure(String error) {
                created.completeExceptionally(new SdpException(error));
            }
        });
        RTCSessionDescription answer = await(created, "could not create an answer: ");
        CompletableFuture<Void> set = new CompletableFuture<>();
        peerConnection.setLocalDescription(answer, observer(set));
        await(set, "could not apply the answer: ");
    }

    private static SetSessionDescriptionObserver observer(CompletableFuture<Void> done) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                done.complete(null);
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new SdpException(error));
            }
        };
    }

    private static <T> T await(CompletableFuture<T> step, String context) throws TimeoutException, InterruptedException {
        try {
            return step.get(STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new SdpException(context + e.getCause().getMessage());
        }
    }
}
