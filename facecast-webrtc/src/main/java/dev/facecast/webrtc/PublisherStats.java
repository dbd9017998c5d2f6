package dev.facecast.webrtc;

/**
 * The sending side as libwebrtc counts it (outbound-rtp statistics), cumulative.
 *
 * @param framesEncoded           video frames the encoder produced
 * @param totalEncodeTimeSeconds  encoder time over those frames
 * @param videoBytesSent          video payload bytes sent
 * @param audioBytesSent          audio payload bytes sent
 */
public record PublisherStats(long framesEncoded, double totalEncodeTimeSeconds, long videoBytesSent, long audioBytesSent) {

    public static final PublisherStats NONE = new PublisherStats(0, 0, 0, 0);
}
