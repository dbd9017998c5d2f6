package dev.facecast.engine.rtp;

import java.nio.charset.StandardCharsets;

/**
 * Writes our compound RTCP: a sender report (RFC 3550 section 6.4.1) that pairs the stream's
 * RTP timestamp with NTP time from the session's one {@link MediaClock}, followed by an SDES
 * CNAME (section 6.5.1) that names both streams as one source, which is what a receiver
 * synchronises by.
 */
public final class RtcpWriter {

    private RtcpWriter() {
    }

    /** Writes SR + SDES for {@code stream} at {@code nowNs} into {@code out}; returns the bytes written. */
    public static int senderReport(OutboundStream stream, int clockRateHz, int rtpOffset, MediaClock clock, long nowNs,
                                   String cname, byte[] out) {
        long ntp = clock.ntpTimestamp(nowNs);
        long rtp = clock.rtpTimestamp(nowNs, clockRateHz, rtpOffset);
        out[0] = (byte) 0x80;
        out[1] = (byte) 200;
        out[2] = 0;
        out[3] = 6;
        OutboundStream.putInt(out, 4, stream.ssrc());
        OutboundStream.putInt(out, 8, (int) (ntp >>> 32));
        OutboundStream.putInt(out, 12, (int) ntp);
        OutboundStream.putInt(out, 16, (int) rtp);
        OutboundStream.putInt(out, 20, (int) stream.packetsSent());
        OutboundStream.putInt(out, 24, (int) stream.payloadBytesSent());
        return 28 + sdes(stream.ssrc(), cname, out, 28);
    }

    private static int sdes(int ssrc, String cname, byte[] out, int at) {
        byte[] name = cname.getBytes(StandardCharsets.US_ASCII);
        // SSRC, CNAME item (type, length, text), then at least one zero byte, padded to 32 bits.
        int chunkBytes = 4 + 2 + name.length + 1;
        chunkBytes = (chunkBytes + 3) & ~3;
        int total = 4 + chunkBytes;
        out[at] = (byte) 0x81;
        out[at + 1] = (byte) 202;
        out[at + 2] = (byte) ((total / 4 - 1) >> 8);
        out[at + 3] = (byte) (total / 4 - 1);
        OutboundStream.putInt(out, at + 4, ssrc);
        out[at + 8] = 1;
        out[at + 9] = (byte) name.length;
        System.arraycopy(name, 0, out, at + 10, name.length);
        for (int i = at + 10 + name.length; i < at + total; i++) {
            out[i] = 0;
        }
        return total;
    }
}
