package dev.facecast.engine.net;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Demultiplexing by first byte, RFC 7983 section 7, and RTP from RTCP by packet type, RFC 5761 section 4. */
@Tag("unit")
class PacketKindTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void shouldBeStunWhenFirstByteIsZeroToThree(int first) {
        assertThat(PacketKind.of(packet(first, 0x01), 20)).isEqualTo(PacketKind.STUN);
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 21, 22, 23, 63})
    void shouldBeDtlsWhenFirstByteIsTwentyToSixtyThree(int first) {
        assertThat(PacketKind.of(packet(first, 0xFE), 13)).isEqualTo(PacketKind.DTLS);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x60, 0x6F, 0x7F, 0xE0, 0xE8})
    void shouldBeRtpWhenPayloadTypeIsOutsideTheRtcpRange(int second) {
        // 0xE0: marker set on payload type 96, which must not read as RTCP.
        assertThat(PacketKind.of(packet(0x80, second), 12)).isEqualTo(PacketKind.RTP);
    }

    @ParameterizedTest
    @ValueSource(ints = {192, 200, 201, 202, 203, 205, 206, 223})
    void shouldBeRtcpWhenPacketTypeIs192To223(int type) {
        assertThat(PacketKind.of(packet(0x81, type), 8)).isEqualTo(PacketKind.RTCP);
    }

    @Test
    void shouldBeRtpOrRtcpForEveryFirstByteFrom128To191() {
        for (int first = 128; first <= 191; first++) {
            assertThat(PacketKind.of(packet(first, 96), 12)).as("first byte %d", first).isEqualTo(PacketKind.RTP);
            assertThat(PacketKind.of(packet(first, 200), 12)).as("first byte %d", first).isEqualTo(PacketKind.RTCP);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 19, 64, 100, 127, 192, 255})
    void shouldBeOtherWhenFirstByteIsInNoRange(int first) {
        assertThat(PacketKind.of(packet(first, 200), 20)).isEqualTo(PacketKind.OTHER);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void shouldBeOtherWhenShorterThanTwoBytes(int length) {
        assertThat(PacketKind.of(packet(0x80, 200), length)).isEqualTo(PacketKind.OTHER);
        assertThat(PacketKind.of(packet(0x00, 0x01), length)).isEqualTo(PacketKind.OTHER);
    }

    @Test
    void shouldReadOnlyTheGivenLengthWhenTheBufferIsLarger() {
        byte[] reused = new byte[2048];
        reused[0] = 22;
        assertThat(PacketKind.of(reused, 1)).isEqualTo(PacketKind.OTHER);
        assertThat(PacketKind.of(reused, 2)).isEqualTo(PacketKind.DTLS);
    }

    private static byte[] packet(int first, int second) {
        byte[] packet = new byte[32];
        packet[0] = (byte) first;
        packet[1] = (byte) second;
        return packet;
    }
}
