package dev.facecast.webrtc;

import dev.onvoid.webrtc.RTCIceCandidate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ICE candidate as trickle signalling carries it: the W3C {@code RTCIceCandidateInit}
 * dictionary ({@code candidate}, {@code sdpMid}, {@code sdpMLineIndex}). Immutable.
 *
 * @param candidate     the candidate attribute, {@code candidate:...} (RFC 8839 section 5.1)
 * @param sdpMid        the media section's {@code a=mid}
 * @param sdpMLineIndex the media section's index in the description, from 0
 */
public record IceCandidate(String candidate, String sdpMid, int sdpMLineIndex) {

    /** libwebrtc writes the ICE username fragment into the candidate line as an extension attribute. */
    private static final Pattern UFRAG = Pattern.compile(" ufrag (\\S+)");

    public IceCandidate {
        candidate = candidate == null ? "" : candidate;
        sdpMid = sdpMid == null ? "" : sdpMid;
    }

    /** The ICE username fragment the candidate belongs to (W3C {@code usernameFragment}); empty when it does not say. */
    public String usernameFragment() {
        Matcher ufrag = UFRAG.matcher(candidate);
        return ufrag.find() ? ufrag.group(1) : "";
    }

    static IceCandidate of(RTCIceCandidate candidate) {
        return new IceCandidate(candidate.sdp, candidate.sdpMid, candidate.sdpMLineIndex);
    }

    RTCIceCandidate toRtc() {
        return new RTCIceCandidate(sdpMid, sdpMLineIndex, candidate);
    }
}
