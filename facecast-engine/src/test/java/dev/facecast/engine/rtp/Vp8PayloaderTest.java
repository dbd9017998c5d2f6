package dev.facecast.engine.rtp;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.facecast.engine.EngineTestSupport.u16;
import static dev.facecast.engine.EngineTestSupport.u32;
import static org.assertj.core.api.Assertions.assertThat;

/** VP8 over RTP as RFC 7741 section 4 lays it out, through the stream that writes the RTP headers. */
@Tag("unit")
class Vp8PayloaderTest {

    private static final int SSRC = 0x12345678;
    private static final int PAYLOAD_TYPE = 96;
    private static final int DESCRIPTOR_BYTES = 4;

    private final OutboundStream stream = new OutboundStream(SSRC, PAYLOAD_TYPE, 0);
    private final Vp8Payloader payloader = new Vp8Payloader(stream);

    @Test
    void shouldSplitALargeFrameIntoPacketsOfAtMostTheMaximumPayload() {
        List<byte[]> packets = send(frame(5000, 1), 90_000);

        assertThat(packets).hasSize(5);
        assertThat(packets).allSatisfy(packet -> assertThat(packet.length - OutboundStream.HEADER_BYTES)
                .isLessThanOrEqualTo(Vp8Payloader.MAX_PAYLOAD_BYTES));
    }

    @Test
    void shouldReassembleThePayloadsToTheOriginalFrame() {
        byte[] frame = frame(5000, 2);

        ByteArrayOutputStream reassembled = new ByteArrayOutputStream();
        for (byte[] packet : send(frame, 90_000)) {
            reassembled.write(packet, OutboundStream.HEADER_BYTES + DESCRIPTOR_BYTES,
                    packet.length - OutboundStream.HEADER_BYTES - DESCRIPTOR_BYTES);
        }

        assertThat(reassembled.toByteArray()).isEqualTo(frame);
    }

    @Test
    void shouldSetStartOfPartitionOnlyOnTheFirstPacket() {
        List<byte[]> packets = send(frame(5000, 3), 90_000);

        // X=1 always; S=1 (0x10) on the first packet only; partition index 0.
        assertThat(descriptor(packets.getFirst())[0]).isEqualTo((byte) 0x90);
        assertThat(packets.subList(1, packets.size())).allSatisfy(packet -> assertThat(descriptor(packet)[0]).isEqualTo((byte) 0x80));
    }

    @Test
    void shouldCarryTheSame15BitPictureIdInEveryPacketOfAFrame() {
        List<byte[]> packets = send(frame(5000, 4), 90_000);

        int pictureId = pictureId(packets.getFirst());
        assertThat(packets).allSatisfy(packet -> {
            byte[] descriptor = descriptor(packet);
            assertThat(descriptor[1]).as("I=1").isEqualTo((byte) 0x80);
            assertThat(descriptor[2] & 0x80).as("M=1: 15-bit picture ID").isEqualTo(0x80);
            assertThat(pictureId(packet)).isEqualTo(pictureId);
        });
    }

    @Test
    void shouldIncrementThePictureIdPerFrameAndWrapAt15Bits() {
        // 2^15 + 1 frames: whatever the random start, the ID passes 32767 -> 0 once.
        int previous = -1;
        boolean wrapped = false;
        for (int i = 0; i <= 1 << 15; i++) {
            int pictureId = pictureId(send(frame(10, i), i * 3000L).getFirst());
            if (previous >= 0) {
                assertThat(pictureId).isEqualTo((previous + 1) & 0x7FFF);
                wrapped |= pictureId == 0;
            }
            previous = pictureId;
        }
        assertThat(wrapped).isTrue();
    }

    @Test
    void shouldMarkOnlyTheLastPacketOfAFrame() {
        List<byte[]> packets = send(frame(5000, 5), 90_000);

        for (int i = 0; i < packets.size(); i++) {
            assertThat(packets.get(i)[1] & 0x80).as("marker of packet %d", i).isEqualTo(i == packets.size() - 1 ? 0x80 : 0);
            assertThat(packets.get(i)[1] & 0x7F).isEqualTo(PAYLOAD_TYPE);
        }
    }

    @Test
    void shouldMarkTheOnlyPacketOfASmallFrame() {
        List<byte[]> packets = send(frame(30, 6), 90_000);

        assertThat(packets).hasSize(1);
        assertThat(packets.getFirst()[1] & 0x80).isEqualTo(0x80);
        assertThat(descriptor(packets.getFirst())[0]).isEqualTo((byte) 0x90);
    }

    @Test
    void shouldGiveEveryPacketOfAFrameTheSameTimestampAndSsrc() {
        List<byte[]> packets = send(frame(5000, 7), 0xFFFF_FFF0L);

        assertThat(packets).allSatisfy(packet -> {
            assertThat(packet[0] & 0xFF).as("V=2, no extension").isEqualTo(0x80);
            assertThat(u32(packet, 4)).isEqualTo(0xFFFF_FFF0L);
            assertThat(u32(packet, 8)).isEqualTo(SSRC & 0xFFFF_FFFFL);
        });
    }

    @Test
    void shouldNumberPacketsConsecutivelyAcrossFrames() {
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            packets.addAll(send(frame(3000 + i * 500, i), i * 6000L));
        }

        for (int i = 1; i < packets.size(); i++) {
            assertThat(u16(packets.get(i), 2)).isEqualTo((u16(packets.get(i - 1), 2) + 1) & 0xFFFF);
        }
    }

    private List<byte[]> send(byte[] frame, long rtpTimestamp) {
        int count = payloader.send(frame, frame.length, rtpTimestamp);
        List<byte[]> packets = new ArrayList<>();
        OutboundStream.Slot slot;
        while ((slot = stream.next()) != null) {
            packets.add(java.util.Arrays.copyOf(slot.data, slot.length));
        }
        assertThat(packets).hasSize(count);
        return packets;
    }

    private static byte[] descriptor(byte[] packet) {
        return java.util.Arrays.copyOfRange(packet, OutboundStream.HEADER_BYTES, OutboundStream.HEADER_BYTES + DESCRIPTOR_BYTES);
    }

    private static int pictureId(byte[] packet) {
        return u16(packet, OutboundStream.HEADER_BYTES + 2) & 0x7FFF;
    }

    private static byte[] frame(int bytes, long seed) {
        byte[] frame = new byte[bytes];
        new Random(seed).nextBytes(frame);
        return frame;
    }
}
