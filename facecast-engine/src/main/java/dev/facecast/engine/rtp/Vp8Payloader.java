package dev.facecast.engine.rtp;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Splits a coded VP8 frame into RTP packets (RFC 7741 section 4): every packet starts with a
 * 4-byte payload descriptor carrying a 15-bit picture ID, so the receiver can tell which
 * frame a lost packet belonged to and ask for exactly that (NACK) or a new keyframe (PLI).
 * The whole frame is one partition (libvpx's default), so only its first packet has S set.
 * Packets are as equal in size as the MTU allows, and the last carries the marker bit.
 */
public final class Vp8Payloader {

    /** Payload bytes per packet: RTP, SRTP and IP/UDP overhead stay under a 1280-byte path MTU. */
    public static final int MAX_PAYLOAD_BYTES = 1100;
    private static final int DESCRIPTOR_BYTES = 4;

    private final OutboundStream stream;
    private int pictureId = ThreadLocalRandom.current().nextInt(1 << 15);

    public Vp8Payloader(OutboundStream stream) {
        this.stream = stream;
    }

    /** Packetizes and queues one frame; returns the packets it took. */
    public int send(byte[] frame, int sizeBytes, long rtpTimestamp) {
        int chunk = MAX_PAYLOAD_BYTES - DESCRIPTOR_BYTES;
        int packets = Math.max(1, (sizeBytes + chunk - 1) / chunk);
        int perPacket = (sizeBytes + packets - 1) / packets;
        int offset = 0;
        for (int i = 0; i < packets; i++) {
            int length = Math.min(perPacket, sizeBytes - offset);
            boolean last = i == packets - 1;
            OutboundStream.Slot slot = stream.begin(rtpTimestamp, last);
            int at = stream.headerBytes();
            byte[] d = slot.data;
            // X=1 (extensions follow), S=1 on the frame's first packet, partition 0.
            d[at] = (byte) (0x80 | (i == 0 ? 0x10 : 0));
            // I=1: a picture ID follows; M=1: it is 15 bits.
            d[at + 1] = (byte) 0x80;
            d[at + 2] = (byte) (0x80 | (pictureId >> 8));
            d[at + 3] = (byte) pictureId;
            System.arraycopy(frame, offset, d, at + DESCRIPTOR_BYTES, length);
            stream.finish(slot, DESCRIPTOR_BYTES + length);
            offset += length;
        }
        pictureId = (pictureId + 1) & 0x7FFF;
        return packets;
    }
}
