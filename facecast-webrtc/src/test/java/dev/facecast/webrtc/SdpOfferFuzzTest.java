package dev.facecast.webrtc;

import dev.facecast.media.sdp.SdpException;
import dev.facecast.media.sdp.SdpOffer;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Offers as a client could send them: {@link SdpOffer} may refuse one only with
 * {@link SdpException}, and whatever it accepts must keep its own promises, since libwebrtc
 * trusts them.
 *
 * <p>By default this replays the inputs in
 * {@code src/test/resources/dev/facecast/webrtc/SdpOfferFuzzTestInputs/} (the Chromium offers
 * and every finding kept). A campaign, by hand:
 * <pre>
 * JAZZER_FUZZ=1 JAZZER_MAX_DURATION=5m mvn -pl facecast-webrtc -am test -Dtest=SdpOfferFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * A failing input is written next to the seeds and replays from then on.
 */
@Tag("unit")
class SdpOfferFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void shouldThrowOnlySdpExceptionAndKeepItsInvariants(FuzzedDataProvider data) {
        // The server reads the body as UTF-8 (Javalin's default), so the same decoding here.
        String offer = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        check(offer, SdpOffer::parse);
        SdpOffer publisher = check(offer, SdpOffer::forPublisher);
        if (publisher != null) {
            require(publisher.sections().stream().anyMatch(s -> s.kind().equals("video") && !s.rejected() && s.receives()),
                    "accepted for the publisher with no live video section to send on");
        }
        SdpOffer subscriber = check(offer, SdpOffer::forSubscriber);
        if (subscriber != null) {
            require(subscriber.sections().stream().anyMatch(s -> s.kind().equals("audio") && !s.rejected() && s.sends()),
                    "accepted for the subscriber with no live audio section to receive");
        }
    }

    /** The vetted offer, or null when it was refused with an {@link SdpException}; anything else escapes. */
    private static SdpOffer check(String offer, Function<String, SdpOffer> vet) {
        SdpOffer vetted;
        try {
            vetted = vet.apply(offer);
        } catch (SdpException refused) {
            return null;
        }
        String sdp = vetted.sdp();
        require(sdp.startsWith("v=0\r\n") && sdp.endsWith("\r\n"), "not v=0 first, or no CRLF at the end");
        // Plain checks, not AssertJ: in a campaign every class on the path is instrumented, and
        // assertion objects per line cost more than the parsing under test.
        int mediaLines = 0;
        int lineStart = 0;
        while (lineStart < sdp.length()) {
            int cr = sdp.indexOf('\r', lineStart);
            require(cr >= 0 && cr + 1 < sdp.length() && sdp.charAt(cr + 1) == '\n', "a line does not end in CRLF");
            String line = sdp.substring(lineStart, cr);
            require(line.indexOf('\n') < 0, "a bare LF inside a line");
            require(!isSimulcast(line), "kept a simulcast line: " + line);
            if (line.startsWith("m=")) {
                mediaLines++;
            }
            lineStart = cr + 2;
        }
        int sections = vetted.sections().size();
        require(sections == mediaLines, sections + " sections for " + mediaLines + " m-lines");
        require(sections >= 1 && sections <= SdpOffer.MAX_MEDIA_SECTIONS, sections + " sections");
        // Vetting is idempotent: a vetted offer passes again unchanged.
        require(vet.apply(sdp).sdp().equals(sdp), "vetting the vetted offer changed it");
        return vetted;
    }

    private static void require(boolean holds, String broken) {
        if (!holds) {
            throw new AssertionError(broken);
        }
    }

    /**
     * Whether libwebrtc would read the line as simulcast or a RID: it matches the attribute
     * name followed by the end of the line, a colon or a space (webrtc_sdp.cc, HasAttribute).
     */
    private static boolean isSimulcast(String line) {
        for (String attribute : new String[]{"a=simulcast", "a=rid"}) {
            if (line.startsWith(attribute)) {
                String rest = line.substring(attribute.length());
                if (rest.isEmpty() || rest.startsWith(":") || rest.startsWith(" ")) {
                    return true;
                }
            }
        }
        return false;
    }
}
