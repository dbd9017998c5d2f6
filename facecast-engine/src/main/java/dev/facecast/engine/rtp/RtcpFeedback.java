package dev.facecast.engine.rtp;

/**
 * What a receiver's RTCP asks of us, read from a compound packet (already decrypted):
 * NACKs (RFC 4585 section 6.2.1), PLI (6.3.1), FIR (RFC 5104 section 4.3.1), REMB
 * (draft-alvestrand-rmcat-remb) and BYE (RFC 3550 section 6.6). Receiver reports and other
 * packets are skipped. Malformed input ends the walk; nothing is trusted beyond the buffer.
 */
public final class RtcpFeedback {

    /** Told what the packet asked; on the network receive thread, must not block. */
    public interface Listener {
        void nack(int mediaSsrc, int sequence);

        void keyframeRequest(int mediaSsrc);

        void estimatedBitrate(long bitrateBps);

        void bye();
    }

    private static final int SR = 200;
    private static final int RR = 201;
    private static final int BYE = 203;
    private static final int RTPFB = 205;
    private static final int PSFB = 206;
    private static final int FMT_NACK = 1;
    private static final int FMT_PLI = 1;
    private static final int FMT_FIR = 4;
    private static final int FMT_AFB = 15;

    private RtcpFeedback() {
    }

    /** Walks the compound packet {@code data[offset, offset + length)}; returns the packets read. */
    public static int read(byte[] data, int offset, int length, Listener listener) {
        int end = offset + length;
        int at = offset;
        int count = 0;
        while (at + 4 <= end) {
            if ((data[at] & 0xC0) != 0x80) {
                break;
            }
            int format = data[at] & 0x1F;
            int type = data[at + 1] & 0xFF;
            int bytes = ((((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF)) + 1) * 4;
            if (at + bytes > end || type < SR || type > PSFB + 1) {
                break;
            }
            switch (type) {
                case RTPFB -> {
                    if (format == FMT_NACK) {
                        nacks(data, at, bytes, listener);
                    }
                }
                case PSFB -> feedback(data, at, bytes, format, listener);
                case BYE -> listener.bye();
                default -> { }
            }
            count++;
            at += bytes;
        }
        return count;
    }

    private static void nacks(byte[] d, int at, int bytes, Listener listener) {
        int mediaSsrc = readInt(d, at + 8);
        for (int fci = at + 12; fci + 4 <= at + bytes; fci += 4) {
            int pid = ((d[fci] & 0xFF) << 8) | (d[fci + 1] & 0xFF);
            int blp = ((d[fci + 2] & 0xFF) << 8) | (d[fci + 3] & 0xFF);
            listener.nack(mediaSsrc, pid);
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    listener.nack(mediaSsrc, (pid + bit + 1) & 0xFFFF);
                }
            }
        }
    }

    private static void feedback(byte[] d, int at, int bytes, int format, Listener listener) {
        if (bytes < 12) {
            return;
        }
        switch (format) {
            case FMT_PLI -> listener.keyframeRequest(readInt(d, at + 8));
            // FIR names the stream in its FCI, not in the media SSRC field (which is 0).
            case FMT_FIR -> {
                if (bytes >= 20) {
                    listener.keyframeRequest(readInt(d, at + 12));
                }
            }
            case FMT_AFB -> {
                if (bytes >= 20 && d[at + 12] == 'R' && d[at + 13] == 'E' && d[at + 14] == 'M' && d[at + 15] == 'B') {
                    int exponent = (d[at + 17] & 0xFC) >> 2;
                    long mantissa = ((long) (d[at + 17] & 0x03) << 16) | ((d[at + 18] & 0xFF) << 8) | (d[at + 19] & 0xFF);
                    listener.estimatedBitrate(exponent > 40 ? Long.MAX_VALUE : mantissa << exponent);
                }
            }
            default -> { }
        }
    }

    private static int readInt(byte[] d, int at) {
        return ((d[at] & 0xFF) << 24) | ((d[at + 1] & 0xFF) << 16) | ((d[at + 2] & 0xFF) << 8) | (d[at + 3] & 0xFF);
    }
}
