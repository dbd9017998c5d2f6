package dev.facecast.engine.net;

/**
 * What arrived on the shared port, by its first byte (RFC 7983 section 7): STUN 0-3, DTLS
 * 20-63, RTP/RTCP 128-191; RTCP is told from RTP by its packet type 192-223 (RFC 5761
 * section 4).
 */
public enum PacketKind {
    STUN, DTLS, RTP, RTCP, OTHER;

    public static PacketKind of(byte[] packet, int length) {
        if (length < 2) {
            return OTHER;
        }
        int first = packet[0] & 0xFF;
        if (first <= 3) {
            return STUN;
        }
        if (first >= 20 && first <= 63) {
            return DTLS;
        }
        if (first >= 128 && first <= 191) {
            int type = packet[1] & 0xFF;
            return type >= 192 && type <= 223 ? RTCP : RTP;
        }
        return OTHER;
    }
}
