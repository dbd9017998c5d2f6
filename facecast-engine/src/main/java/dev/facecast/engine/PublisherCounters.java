package dev.facecast.engine;

/**
 * What a {@link ServerPublisher} has done, for metrics and the load tool.
 *
 * @param framesCoded         VP8 frames coded and sent
 * @param framesUnchanged     frames in which nothing changed: coded with no block, a few dozen bytes
 * @param encodeSeconds       time spent in libvpx
 * @param videoBytesSent      VP8 payload bytes sent (first transmissions and retransmissions)
 * @param audioBytesSent      Opus payload bytes sent
 * @param nacksAnswered       packets sent again for a NACK
 * @param keyframeRequests    PLIs and FIRs received
 * @param estimatedBitrateBps the receiver's latest REMB, 0 before the first
 * @param packetsDropped      packets dropped because the send thread fell behind
 */
public record PublisherCounters(long framesCoded, long framesUnchanged, double encodeSeconds, long videoBytesSent,
                                long audioBytesSent, long nacksAnswered, long keyframeRequests, long estimatedBitrateBps,
                                long packetsDropped) {
}
