package dev.facecast.engine.rtp;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.facecast.engine.EngineTestSupport.u16;
import static org.assertj.core.api.Assertions.assertThat;

/** RTP headers (RFC 3550 section 5.1), abs-send-time (RFC 8285 one-byte header), the retransmission history. */
@Tag("unit")
class OutboundStreamTest {

    private static final int SSRC = 0x0A0B0C0D;

    @Test
    void shouldNumberPacketsConsecutivelyAndWrapAt65535() {
        OutboundStream stream = new OutboundStream(SSRC, 111, 0);
        // 2^16 + 1 packets: whatever the random start, the sequence passes 65535 -> 0 once.
        int previous = -1;
        boolean wrapped = false;
        for (int i = 0; i <= 1 << 16; i++) {
            int sequence = u16(sendOne(stream, i).data, 2);
            if (previous >= 0) {
                assertThat(sequence).isEqualTo((previous + 1) & 0xFFFF);
                wrapped |= sequence == 0;
            }
            previous = sequence;
        }
        assertThat(wrapped).isTrue();
    }

    @Test
    void shouldWriteAnAbsSendTimeExtensionWhenItsIdIsPositive() {
        OutboundStream stream = new OutboundStream(SSRC, 96, 3);

        OutboundStream.Slot slot = sendOne(stream, 1);

        assertThat(stream.headerBytes()).isEqualTo(OutboundStream.HEADER_BYTES + OutboundStream.EXTENSION_BYTES);
        assertThat(slot.data[0] & 0xFF).as("V=2, X=1").isEqualTo(0x90);
        assertThat(u16(slot.data, 12)).as("one-byte header profile").isEqualTo(0xBEDE);
        assertThat(u16(slot.data, 14)).as("one 32-bit word of extensions").isEqualTo(1);
        assertThat(slot.data[16] & 0xFF).as("id 3, length - 1 = 2").isEqualTo(0x32);
        assertThat(slot.length).isEqualTo(20 + 4);
    }

    @Test
    void shouldWriteNoExtensionWhenItsIdIsZero() {
        OutboundStream stream = new OutboundStream(SSRC, 96, 0);

        OutboundStream.Slot slot = sendOne(stream, 1);
        byte[] before = Arrays.copyOf(slot.data, slot.length);
        stream.stampSendTime(slot.data, 1_500_000_000L);

        assertThat(stream.headerBytes()).isEqualTo(OutboundStream.HEADER_BYTES);
        assertThat(slot.data[0] & 0xFF).as("V=2, X=0").isEqualTo(0x80);
        assertThat(Arrays.copyOf(slot.data, slot.length)).as("stamping without the extension writes nothing").isEqualTo(before);
    }

    @Test
    void shouldStampSendTimeAs6Point18FixedPointSeconds() {
        OutboundStream stream = new OutboundStream(SSRC, 96, 3);
        byte[] packet = Arrays.copyOf(sendOne(stream, 1).data, 24);

        stream.stampSendTime(packet, 1_500_000_000L);
        assertThat(extensionValue(packet)).isEqualTo(0x06_0000);

        // 6 bits of seconds: 64.25 s reads 0.25 s.
        stream.stampSendTime(packet, 64_250_000_000L);
        assertThat(extensionValue(packet)).isEqualTo(0x01_0000);
    }

    @Test
    void shouldResendAPacketStillInTheHistory() {
        OutboundStream stream = new OutboundStream(SSRC, 96, 0);
        OutboundStream.Slot first = sendOne(stream, 1);
        int sequence = first.sequence();
        byte[] sent = Arrays.copyOf(first.data, first.length);
        for (int i = 0; i < 10; i++) {
            sendOne(stream, 2 + i);
        }

        assertThat(stream.resend(sequence)).isTrue();
        OutboundStream.Slot again = stream.next();
        assertThat(again).isNotNull();
        assertThat(Arrays.copyOf(again.data, again.length)).isEqualTo(sent);
        assertThat(stream.next()).isNull();
    }

    @Test
    void shouldQueueAResendAheadOfNewPackets() {
        OutboundStream stream = new OutboundStream(SSRC, 96, 0);
        int sequence = sendOne(stream, 1).sequence();
        OutboundStream.Slot fresh = stream.begin(2, false);
        stream.finish(fresh, 4);

        stream.resend(sequence);

        assertThat(stream.peekBytes(System.nanoTime())).isEqualTo(OutboundStream.HEADER_BYTES + 4);
        assertThat(stream.next().sequence()).isEqualTo(sequence);
        assertThat(stream.next().sequence()).isEqualTo(fresh.sequence());
    }

    @Test
    void shouldHoldAPacketUntilItsTimeButResendAtOnce() {
        OutboundStream stream = new OutboundStream(SSRC, 96, 0);
        int sequence = sendOne(stream, 1).sequence();
        long nowNs = System.nanoTime();
        stream.sendFrom(nowNs + 40_000_000L);
        OutboundStream.Slot held = stream.begin(2, true);
        stream.finish(held, 4);

        assertThat(stream.peekBytes(nowNs)).as("not due yet").isZero();
        assertThat(stream.nextDueNs()).isEqualTo(nowNs + 40_000_000L);
        stream.resend(sequence);
        assertThat(stream.peekBytes(nowNs)).as("a retransmission is never held").isEqualTo(OutboundStream.HEADER_BYTES + 4);
        assertThat(stream.next().sequence()).isEqualTo(sequence);
        assertThat(stream.peekBytes(nowNs + 40_000_000L)).as("due").isEqualTo(OutboundStream.HEADER_BYTES + 4);
        assertThat(stream.next()).isSameAs(held);
        assertThat(stream.nextDueNs()).isEqualTo(OutboundStream.NOTHING_QUEUED);
    }

    @Test
    void shouldNotResendAPacketThatLeftTheHistory() {
        OutboundStream stream = new OutboundStream(SSRC, 96, 0);
        int sequence = sendOne(stream, 1).sequence();
        for (int i = 0; i < OutboundStream.HISTORY_PACKETS; i++) {
            sendOne(stream, 2 + i);
        }

        assertThat(stream.resend(sequence)).isFalse();
        assertThat(stream.next()).isNull();
    }

    @Test
    void shouldNotResendBeforeAnythingWasSent() {
        OutboundStream stream = new OutboundStream(SSRC, 96, 0);
        OutboundStream.Slot slot = stream.begin(1, true);
        stream.finish(slot, 4);

        assertThat(stream.resend(slot.sequence())).isFalse();
    }

    @Test
    void shouldNotResendASequenceNeverWritten() {
        OutboundStream stream = new OutboundStream(SSRC, 96, 0);
        int sequence = sendOne(stream, 1).sequence();

        assertThat(stream.resend((sequence + 1) & 0xFFFF)).isFalse();
        assertThat(stream.resend((sequence + OutboundStream.HISTORY_PACKETS) & 0xFFFF)).isFalse();
    }

    @Test
    void shouldCountSentPacketsAndPayloadBytes() {
        OutboundStream stream = new OutboundStream(SSRC, 96, 3);
        sendOne(stream, 1);
        sendOne(stream, 2);

        assertThat(stream.packetsSent()).isEqualTo(2);
        assertThat(stream.payloadBytesSent()).isEqualTo(8);
        assertThat(stream.lastRtpTimestamp()).isEqualTo(2);
    }

    @Test
    void shouldDropAndCountWhenTheSendQueueIsFull() {
        OutboundStream stream = new OutboundStream(SSRC, 96, 0);
        int queued = 0;
        while (stream.packetsDropped() == 0 && queued < OutboundStream.HISTORY_PACKETS) {
            OutboundStream.Slot slot = stream.begin(queued, false);
            stream.finish(slot, 4);
            queued++;
        }

        assertThat(stream.packetsDropped()).isEqualTo(1);
        assertThat(queued).isLessThan(OutboundStream.HISTORY_PACKETS);
    }

    /** Writes, queues, takes and counts one packet with a 4-byte payload, as the media and send threads do. */
    private static OutboundStream.Slot sendOne(OutboundStream stream, long rtpTimestamp) {
        OutboundStream.Slot slot = stream.begin(rtpTimestamp, true);
        Arrays.fill(slot.data, stream.headerBytes(), stream.headerBytes() + 4, (byte) rtpTimestamp);
        stream.finish(slot, 4);
        OutboundStream.Slot taken = stream.next();
        assertThat(taken).isSameAs(slot);
        stream.countSent(taken);
        return taken;
    }

    private static int extensionValue(byte[] packet) {
        return ((packet[17] & 0xFF) << 16) | ((packet[18] & 0xFF) << 8) | (packet[19] & 0xFF);
    }
}
