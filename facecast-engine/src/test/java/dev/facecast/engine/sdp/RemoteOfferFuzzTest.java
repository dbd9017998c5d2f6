package dev.facecast.engine.sdp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.facecast.engine.ice.IceCredentials;
import dev.facecast.media.sdp.SdpException;
import org.junit.jupiter.api.Tag;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Offers as a client could send them: {@link RemoteOffer#parse} and {@link Answer#to} may refuse
 * one only with {@link SdpException}; what they accept reads back as SDP whose every accepted
 * stream has a payload type the offer gave.
 *
 * <p>By default this replays the inputs in
 * {@code src/test/resources/dev/facecast/engine/sdp/RemoteOfferFuzzTestInputs/}. A campaign, by hand:
 * <pre>
 * JAZZER_FUZZ=1 JAZZER_MAX_DURATION=5m mvn -pl facecast-engine -am test -Dtest=RemoteOfferFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * A failing input is written next to the seeds and replays from then on.
 */
@Tag("unit")
class RemoteOfferFuzzTest {

    private static final IceCredentials ICE = new IceCredentials("fuzzUfrg", "fuzzpasswordfuzzpassword");
    private static final String FINGERPRINT = "sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
            + "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
    private static final List<InetSocketAddress> CANDIDATES = List.of(new InetSocketAddress("127.0.0.1", 40_000));

    @FuzzTest(maxDuration = "2m")
    void shouldThrowOnlySdpException(FuzzedDataProvider data) {
        // The server reads the body as UTF-8, so the same decoding here.
        String offerSdp = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        RemoteOffer offer;
        Answer answer;
        try {
            offer = RemoteOffer.parse(offerSdp);
            answer = Answer.to(offer, ICE, FINGERPRINT, CANDIDATES);
        } catch (SdpException refused) {
            return;
        }
        // Plain checks, not AssertJ: in a campaign every class on the path is instrumented.
        require(!offer.sections().isEmpty(), "accepted an offer with no sections");
        require(answer.sdp().startsWith("v=0\r\n") && answer.sdp().endsWith("\r\n"), "the answer is not SDP");
        require(answer.video() != null && answer.video().payloadType() >= 0 && answer.video().payloadType() <= 127,
                "an accepted offer's video payload type is " + answer.video());
        long mediaLines = answer.sdp().lines().filter(line -> line.startsWith("m=")).count();
        require(mediaLines == offer.sections().size(), mediaLines + " answered m-lines for " + offer.sections().size());
    }

    private static void require(boolean holds, String broken) {
        if (!holds) {
            throw new AssertionError(broken);
        }
    }
}
