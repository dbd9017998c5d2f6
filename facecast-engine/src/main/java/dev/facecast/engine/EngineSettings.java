package dev.facecast.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * How the server engine listens and sends.
 *
 * @param bindAddress          where the one UDP port is bound
 * @param port                 the UDP port every session shares; 0 picks a free one at start
 * @param advertisedAddresses  the host candidates put in answers (what browsers send to), each with
 *                             the port browsers reach (0: the bound port; another where a NAT, a
 *                             Kubernetes hostPort or a relay maps it); empty means the bind address,
 *                             or every interface's when it is a wildcard
 * @param maxVideoBitrateBps   the VP8 target when the receiver's estimate allows it
 * @param peerQuietLimit       how long a receiver may send nothing (STUN consent checks, RTCP)
 *                             before it counts as disconnected; browsers send both every second or so
 */
public record EngineSettings(InetAddress bindAddress, int port, List<InetSocketAddress> advertisedAddresses,
                             int maxVideoBitrateBps, Duration peerQuietLimit) {

    /** Below this, REMB is not followed: a 720x480 head at lower rates is all artefacts. */
    public static final int MIN_VIDEO_BITRATE_BPS = 100_000;

    public EngineSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("media port must be 0..65535, not " + port);
        }
        if (maxVideoBitrateBps < MIN_VIDEO_BITRATE_BPS || maxVideoBitrateBps > 20_000_000) {
            throw new IllegalArgumentException("video bitrate cap must be 100 kbps..20 Mbps, not " + maxVideoBitrateBps);
        }
        advertisedAddresses = List.copyOf(advertisedAddresses);
    }

    /** On loopback, a free port: for tests and the demo. */
    public static EngineSettings loopback() {
        return new EngineSettings(InetAddress.getLoopbackAddress(), 0, List.of(), 1_000_000, Duration.ofSeconds(3));
    }
}
