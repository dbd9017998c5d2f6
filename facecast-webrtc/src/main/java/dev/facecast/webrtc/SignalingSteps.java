package dev.facecast.webrtc;

import dev.facecast.media.sdp.SdpException;
import dev.facecast.media.sdp.SdpOffer;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** libwebrtc's callback-style signalling steps, made blocking (for virtual threads). */
final class SignalingSteps {

    private static final Logger log = LoggerFactory.getLogger(SignalingSteps.class);
    private static final long STEP_TIMEOUT_MS = 5_000;

    private final RTCPeerConnection peerConnection;

    SignalingSteps(RTCPeerConnection peerConnection) {
        this.peerConnection = peerConnection;
    }

    /** Applies the remote side's description (an offer or an answer). */
    void setRemote(RTCSdpType type, String sdp) throws TimeoutException, InterruptedException {
        String what = type.name().toLowerCase(java.util.Locale.ROOT);
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            peerConnection.setRemoteDescription(new RTCSessionDescription(type, sdp), observer(done));
        } catch (Error parseFailure) {
            // webrtc-java reports an unparsable description as a java.lang.Error from the native call. Its
            // message is the native parser's own (its expectations and the raw line): logged, not sent.
            log.debug("the native parser refused the {}: {}", what, parseFailure.getMessage());
            throw new SdpException("the " + what + " is not valid SDP: a line is missing, out of order or malformed");
        }
        await(done, "the " + what + " was rejected: ");
    }

    void createAndSetAnswer() throws TimeoutException, InterruptedException {
        CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
        peerConnection.createAnswer(new RTCAnswerOptions(), creation(created));
        setLocal(await(created, "could not create an answer: "));
    }

    void createAndSetOffer() throws TimeoutException, InterruptedException {
        CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
        peerConnection.createOffer(new RTCOfferOptions(), creation(created));
        setLocal(await(created, "could not create an offer: "));
    }

    private void setLocal(RTCSessionDescription description) throws TimeoutException, InterruptedException {
        CompletableFuture<Void> set = new CompletableFuture<>();
        peerConnection.setLocalDescription(description, observer(set));
        await(set, "could not apply the local description: ");
    }

    private static CreateSessionDescriptionObserver creation(CompletableFuture<RTCSessionDescription> created) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                created.complete(description);
            }

            @Override
            public void onFailure(String error) {
                created.completeExceptionally(new SdpException(error));
            }
        };
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
