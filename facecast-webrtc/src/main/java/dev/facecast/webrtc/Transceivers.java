package dev.facecast.webrtc;

import dev.facecast.media.sdp.SdpException;
import dev.facecast.media.sdp.SdpOffer;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiver;

import java.util.List;

/** Which transceivers of a peer connection may still be configured. */
final class Transceivers {

    private Transceivers() {
    }

    /**
     * The transceivers that are not stopped. A section the offer rejected (port 0) leaves a
     * stopped transceiver behind, and libwebrtc refuses to change a stopped one's direction.
     * That refusal must never be provoked: webrtc-java 0.14.0 reports it by formatting
     * {@code ToString(RTCErrorType)}, an {@code absl::string_view}, through a C varargs
     * {@code "%s %s"} (JNI_RTCRtpTransceiver.cpp, setDirection). The second {@code %s} then
     * reads the view's length as a pointer, and the JVM dies with SIGSEGV, taking every session
     * of the process with it. Skipping stopped transceivers is the fix; {@link SdpOffer} makes
     * sure the section we need is never one of them.
     */
    static List<RTCRtpTransceiver> live(RTCPeerConnection peerConnection) {
        return java.util.Arrays.stream(peerConnection.getTransceivers()).filter(t -> !t.stopped()).toList();
    }
}
