package dev.facecast.engine.rtp;

import dev.facecast.engine.EngineTestSupport.RecordingFeedback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.facecast.engine.EngineTestSupport.bye;
import static dev.facecast.engine.EngineTestSupport.concat;
import static dev.facecast.engine.EngineTestSupport.emptyReceiverReport;
import static dev.facecast.engine.EngineTestSupport.fir;
import static dev.facecast.engine.EngineTestSupport.nack;
import static dev.facecast.engine.EngineTestSupport.pidBlp;
import static dev.facecast.engine.EngineTestSupport.pli;
import static dev.facecast.engine.EngineTestSupport.remb;
import static dev.facecast.engine.EngineTestSupport.rtcp;
import static dev.facecast.engine.EngineTestSupport.senderReport;
import static org.assertj.core.api.Assertions.assertThat;

/** Feedback read from hand-built compound RTCP packets (RFC 3550, RFC 4585, RFC 5104, REMB). */
@Tag("unit")
class RtcpFeedbackTest {

    private static final int RECEIVER = 0x0BADCAFE;
    private static final int VIDEO = 0xCAFE0001;

    private final RecordingFeedback listener = new RecordingFeedback();

    @Test
    void shouldReportThePidAndEverySequenceWhoseBlpBitIsSet() {
        // BLP bit i asks for PID + i + 1 (RFC 4585 section 6.2.1): bits 0, 2 and 15.
        read(concat(emptyReceiverReport(RECEIVER), nack(RECEIVER, VIDEO, pidBlp(1000, 0b1000_0000_0000_0101))));

        assertThat(listener.events).containsExactly(
                "nack 3405643777 1000", "nack 3405643777 1001", "nack 3405643777 1003", "nack 3405643777 1016");
    }

    @Test
    void shouldWrapNackedSequencesAt65535() {
        read(nack(RECEIVER, VIDEO, pidBlp(65534, 0b111)));

        assertThat(listener.events).containsExactly(
                "nack 3405643777 65534", "nack 3405643777 65535", "nack 3405643777 0", "nack 3405643777 1");
    }

    @Test
    void shouldReadEveryFciOfANack() {
        read(nack(RECEIVER, VIDEO, pidBlp(10, 0), pidBlp(40, 1)));

        assertThat(listener.events).containsExactly("nack 3405643777 10", "nack 3405643777 40", "nack 3405643777 41");
    }

    @Test
    void shouldAskForAKeyframeOfTheMediaSsrcWhenAPliArrives() {
        read(concat(emptyReceiverReport(RECEIVER), pli(RECEIVER, VIDEO)));

        assertThat(listener.events).containsExactly("key 3405643777");
    }

    @Test
    void shouldAskForAKeyframeOfTheFciSsrcWhenAFirArrives() {
        read(fir(RECEIVER, VIDEO, 7));

        assertThat(listener.events).containsExactly("key 3405643777");
    }

    @Test
    void shouldComputeRembBitrateFromMantissaAndExponent() {
        // 1.5 Mbps as Chromium writes it: mantissa 187500, exponent 3.
        read(remb(RECEIVER, 3, 187_500, VIDEO));
        read(remb(RECEIVER, 0, 0x3FFFF, VIDEO));
        read(remb(RECEIVER, 20, 1, VIDEO));

        assertThat(listener.events).containsExactly("remb 1500000", "remb 262143", "remb 1048576");
    }

    @Test
    void shouldSaturateRembWhenTheExponentWouldOverflow() {
        read(remb(RECEIVER, 63, 0x3FFFF, VIDEO));

        assertThat(listener.events).containsExactly("remb " + Long.MAX_VALUE);
    }

    @Test
    void shouldIgnoreAnAfbThatIsNotRemb() {
        byte[] notRemb = remb(RECEIVER, 3, 187_500, VIDEO);
        notRemb[12] = 'X';

        assertThat(read(notRemb)).isEqualTo(1);
        assertThat(listener.events).isEmpty();
    }

    @Test
    void shouldReportByeWhenTheReceiverLeaves() {
        read(concat(emptyReceiverReport(RECEIVER), bye(RECEIVER)));

        assertThat(listener.events).containsExactly("bye");
    }

    @Test
    void shouldSkipSenderAndReceiverReportsAndSdesAndReadWhatFollows() {
        byte[] sdes = rtcp(1, 202, RECEIVER, 0x01046162, 0x63640000);

        int packets = read(concat(senderReport(RECEIVER), emptyReceiverReport(RECEIVER), sdes, pli(RECEIVER, VIDEO)));

        assertThat(packets).isEqualTo(4);
        assertThat(listener.events).containsExactly("key 3405643777");
    }

    @Test
    void shouldReadAllFeedbackOfOneCompoundPacketInOrder() {
        read(concat(emptyReceiverReport(RECEIVER), remb(RECEIVER, 3, 187_500, VIDEO), nack(RECEIVER, VIDEO, pidBlp(5, 0)),
                pli(RECEIVER, VIDEO), bye(RECEIVER)));

        assertThat(listener.events).containsExactly("remb 1500000", "nack 3405643777 5", "key 3405643777", "bye");
    }

    @Test
    void shouldReadOnlyTheGivenRangeOfALargerBuffer() {
        byte[] compound = concat(pli(RECEIVER, VIDEO), bye(RECEIVER));
        byte[] buffer = new byte[compound.length + 100];
        System.arraycopy(compound, 0, buffer, 50, compound.length);

        assertThat(RtcpFeedback.read(buffer, 50, 12, listener)).isEqualTo(1);
        assertThat(listener.events).containsExactly("key 3405643777");
    }

    @Test
    void shouldStopAtAPacketLongerThanWhatIsLeft() {
        byte[] compound = concat(pli(RECEIVER, VIDEO), bye(RECEIVER));

        int packets = read(Arrays.copyOf(compound, compound.length - 1));

        assertThat(packets).isEqualTo(1);
        assertThat(listener.events).containsExactly("key 3405643777");
    }

    @Test
    void shouldStopAtAPacketWhoseVersionIsNotTwo() {
        byte[] garbage = bye(RECEIVER);
        garbage[0] = 0x41;

        int packets = read(concat(pli(RECEIVER, VIDEO), garbage, bye(RECEIVER)));

        assertThat(packets).isEqualTo(1);
        assertThat(listener.events).containsExactly("key 3405643777");
    }

    @Test
    void shouldStopAtAPacketTypeOutsideRtcp() {
        byte[] rtpLike = rtcp(0, 96, RECEIVER);

        assertThat(read(concat(rtpLike, bye(RECEIVER)))).isZero();
        assertThat(listener.events).isEmpty();
    }

    @Test
    void shouldReportNothingForFeedbackTooShortForItsFci() {
        int packets = read(concat(rtcp(1, 206, RECEIVER), rtcp(4, 206, RECEIVER, 0, VIDEO), rtcp(15, 206, RECEIVER, 0, 0x52454D42),
                rtcp(1, 205, RECEIVER, VIDEO)));

        assertThat(packets).isEqualTo(4);
        assertThat(listener.events).isEmpty();
    }

    @Test
    void shouldNeverThrowOnTruncatedOrGarbageInput() {
        byte[] valid = concat(emptyReceiverReport(RECEIVER), nack(RECEIVER, VIDEO, pidBlp(1, 0xFFFF)), pli(RECEIVER, VIDEO),
                fir(RECEIVER, VIDEO, 1), remb(RECEIVER, 63, 0x3FFFF, VIDEO), bye(RECEIVER));
        java.util.Random random = new java.util.Random(7);
        for (int length = 0; length <= valid.length; length++) {
            read(Arrays.copyOf(valid, length));
        }
        for (int i = 0; i < 10_000; i++) {
            byte[] garbage = valid.clone();
            garbage[random.nextInt(garbage.length)] = (byte) random.nextInt(256);
            garbage[random.nextInt(garbage.length)] = (byte) random.nextInt(256);
            read(Arrays.copyOf(garbage, random.nextInt(garbage.length + 1)));
        }
        // Reaching here is the assertion: nothing escaped.
        assertThat(listener.events).isNotEmpty();
    }

    @Test
    void shouldReadNothingWhenEmpty() {
        assertThat(RtcpFeedback.read(new byte[0], 0, 0, listener)).isZero();
        assertThat(RtcpFeedback.read(new byte[3], 0, 3, listener)).isZero();
        assertThat(listener.events).isEmpty();
    }

    private int read(byte[] compound) {
        return RtcpFeedback.read(compound, 0, compound.length, listener);
    }
}
