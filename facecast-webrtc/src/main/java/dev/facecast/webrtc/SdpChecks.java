package dev.facecast.webrtc;

/** Cheap checks of an offer before libwebrtc parses it, for clearer errors. */
final class SdpChecks {

    /** Offers are small; a megabyte is far past any real one. */
    static final int MAX_SDP_CHARS = 64 * 1024;

    private SdpChecks() {
    }

    /** An offer for the publisher: it must ask to receive video. */
    static void checkOffer(String sdp) {
        checkOffer(sdp, "m=video", "the offer has no video m-line; offer to receive video (and audio)");
    }

    /** An offer that must carry a media line of the kind {@code requiredMLine} (e.g. {@code m=audio}). */
    static void checkOffer(String sdp, String requiredMLine, String missingMessage) {
        if (sdp == null || sdp.isBlank()) {
            throw new SdpException("the offer is empty");
        }
        if (sdp.length() > MAX_SDP_CHARS) {
            throw new SdpException("the offer is " + sdp.length() + " characters; at most " + MAX_SDP_CHARS);
        }
        if (!sdp.startsWith("v=0")) {
            throw new SdpException("the offer is not SDP: it must start with v=0");
        }
        if (!sdp.contains(requiredMLine)) {
            throw new SdpException(missingMessage);
        }
    }
}
