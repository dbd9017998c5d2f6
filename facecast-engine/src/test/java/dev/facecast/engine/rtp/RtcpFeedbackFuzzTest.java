package dev.facecast.engine.rtp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/**
 * RTCP as a receiver (or anyone who has the session's SRTP keys) could send it: reading it
 * never throws, whatever the bytes, and reports each sequence of a NACK at most 17 times per FCI.
 *
 * <p>By default this replays the inputs in
 * {@code src/test/resources/dev/facecast/engine/rtp/RtcpFeedbackFuzzTestInputs/}. A campaign, by hand:
 * <pre>
 * JAZZER_FUZZ=1 JAZZER_MAX_DURATION=5m mvn -pl facecast-engine -am test -Dtest=RtcpFeedbackFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@Tag("unit")
class RtcpFeedbackFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void shouldNeverThrow(FuzzedDataProvider data) {
        int offset = data.consumeInt(0, 16);
        byte[] packet = data.consumeRemainingAsBytes();
        byte[] buffer = new byte[offset + packet.length];
        System.arraycopy(packet, 0, buffer, offset, packet.length);
        Counting listener = new Counting();

        int read = RtcpFeedback.read(buffer, offset, packet.length, listener);

        if (read < 0 || read * 4 > packet.length) {
            throw new AssertionError(read + " packets read from " + packet.length + " bytes");
        }
        if (listener.nacks > 17L * (packet.length / 4)) {
            throw new AssertionError(listener.nacks + " NACKs from " + packet.length + " bytes");
        }
    }

    private static final class Counting implements RtcpFeedback.Listener {
        long nacks;

        @Override
        public void nack(int mediaSsrc, int sequence) {
            if (sequence < 0 || sequence > 0xFFFF) {
                throw new AssertionError("NACK of sequence " + sequence);
            }
            nacks++;
        }

        @Override
        public void keyframeRequest(int mediaSsrc) {
        }

        @Override
        public void estimatedBitrate(long bitrateBps) {
            if (bitrateBps < 0) {
                throw new AssertionError("REMB of " + bitrateBps + " bps");
            }
        }

        @Override
        public void bye() {
        }
    }
}
