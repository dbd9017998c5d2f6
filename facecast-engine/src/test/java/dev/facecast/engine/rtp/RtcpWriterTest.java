package dev.facecast.engine.rtp;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.facecast.engine.EngineTestSupport.RTCP_SDES;
import static dev.facecast.engine.EngineTestSupport.RTCP_SR;
import static dev.facecast.engine.EngineTestSupport.u16;
import static dev.facecast.engine.EngineTestSupport.u32;
import static dev.facecast.engine.EngineTestSupport.u64;
import static org.assertj.core.api.Assertions.assertThat;

/** Our compound RTCP: SR (RFC 3550 section 6.4.1) then SDES CNAME (section 6.5.1). */
@Tag("unit")
class RtcpWriterTest {

    private static final int SSRC = 0xF00DBEEF;
    private static final int RTP_OFFSET = 0x7000_0000;

    private final MediaClock clock = new MediaClock();
    private final OutboundStream stream = new OutboundStream(SSRC, 96, 2);
    private final byte[] out = new byte[256];

    @Test
    void shouldWriteASenderReportHeaderOfSixWords() {
        RtcpWriter.senderReport(stream, 90_000, RTP_OFFSET, clock, System.nanoTime(), "facecast", out);

        assertThat(out[0] & 0xFF).as("V=2, P=0, RC=0").isEqualTo(0x80);
        assertThat(out[1] & 0xFF).isEqualTo(RTCP_SR);
        assertThat(u16(out, 2)).as("length in words - 1").isEqualTo(6);
        assertThat(u32(out, 4)).isEqualTo(SSRC & 0xFFFF_FFFFL);
    }

    @Test
    void shouldPairNtpAndRtpTimeOfTheSameInstantFromTheClock() {
        long nowNs = System.nanoTime();

        RtcpWriter.senderReport(stream, 90_000, RTP_OFFSET, clock, nowNs, "facecast", out);

        assertThat(u64(out, 8)).isEqualTo(clock.ntpTimestamp(nowNs));
        assertThat(u32(out, 16)).isEqualTo(clock.rtpTimestamp(nowNs, 90_000, RTP_OFFSET));
    }

    @Test
    void shouldReportPacketAndPayloadOctetCounts() {
        for (int i = 0; i < 3; i++) {
            OutboundStream.Slot slot = stream.begin(i, false);
            stream.finish(slot, 100 + i);
            stream.countSent(stream.next());
        }

        RtcpWriter.senderReport(stream, 90_000, RTP_OFFSET, clock, System.nanoTime(), "facecast", out);

        assertThat(u32(out, 20)).isEqualTo(3);
        assertThat(u32(out, 24)).as("payload octets, headers excluded").isEqualTo(303);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "ab", "abc", "abcd", "facecast", "a-longer-canonical-name"})
    void shouldFollowWithAnSdesCnamePaddedTo32BitsWithAtLeastOneNull(String cname) {
        int written = RtcpWriter.senderReport(stream, 48_000, RTP_OFFSET, clock, System.nanoTime(), cname, out);

        int sdes = 28;
        int sdesBytes = (u16(out, sdes + 2) + 1) * 4;
        assertThat(written).isEqualTo(sdes + sdesBytes);
        assertThat(written % 4).isZero();
        assertThat(out[sdes] & 0xFF).as("V=2, one chunk").isEqualTo(0x81);
        assertThat(out[sdes + 1] & 0xFF).isEqualTo(RTCP_SDES);
        assertThat(u32(out, sdes + 4)).isEqualTo(SSRC & 0xFFFF_FFFFL);
        assertThat(out[sdes + 8]).as("CNAME").isEqualTo((byte) 1);
        assertThat(out[sdes + 9]).isEqualTo((byte) cname.length());
        assertThat(new String(out, sdes + 10, cname.length(), StandardCharsets.US_ASCII)).isEqualTo(cname);
        int end = sdes + 10 + cname.length();
        assertThat(written - end).as("null octets after the item").isBetween(1, 4);
        assertThat(Arrays.copyOfRange(out, end, written)).containsOnly(0);
    }

    @Test
    void shouldClearPaddingLeftFromALongerNameInAReusedBuffer() {
        Arrays.fill(out, (byte) 0x55);

        int written = RtcpWriter.senderReport(stream, 48_000, RTP_OFFSET, clock, System.nanoTime(), "ab", out);

        assertThat(Arrays.copyOfRange(out, 28 + 10 + 2, written)).containsOnly(0);
    }
}
