package dev.facecast.server.http;

import dev.facecast.testsupport.CheckLeaks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Bad requests to the WebRTC resources: /v1/sessions/{id}/whep and /whip. */
@Tag("native")
@CheckLeaks
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SignallingBadInputTest extends BadInputSuite {

    private static final String SDP = "application/sdp";

    /** Offers no peer connection can answer: 400 from the SDP parser or the offer's checks. */
    static final Map<String, String> BAD_OFFERS = BadInput.named(
            "an empty offer", "",
            "a word", "hello",
            "only a version line", "v=0\r\n",
            "lines that are not SDP", "v=0\r\nthis is not sdp\r\nm=video\r\n",
            "audio without video", "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n",
            "JSON", "{\"sdp\":\"v=0\"}",
            "NUL characters", "v=0\r\n\u0000\u0000\u0000\r\n",
            "unicode junk", "v=0\r\nm=video \u2603 \uD83D\uDE00\r\n",
            "60 KB of attribute lines", "v=0\r\n" + "a=x\r\n".repeat(12_000),
            "a video line with no port", "v=0\r\no=- 0 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video\r\n");

    static Stream<BadInput> offers() {
        return BadInput.concat(
                BadInput.each(BAD_OFFERS, offer -> new BadInput("POST whep with " + offer.getKey(), "POST", "/v1/sessions/{id}/whep", SDP, offer.getValue(), 400)),
                BadInput.each(BAD_OFFERS, offer -> new BadInput("POST whip with " + offer.getKey(), "POST", "/v1/sessions/{id}/whip", SDP, offer.getValue(), 400)),
                List.of(
                        new BadInput("POST whep with an offer over 64 KiB", "POST", "/v1/sessions/{id}/whep", SDP, "v=0\r\n" + "a=x\r\n".repeat(14_000), 413),
                        new BadInput("POST whip with an offer over 64 KiB", "POST", "/v1/sessions/{id}/whip", SDP, "v=0\r\n" + "a=x\r\n".repeat(14_000), 413),
                        new BadInput("POST whep with an offer of 2 MiB", "POST", "/v1/sessions/{id}/whep", SDP, "v=0\r\n" + "x".repeat(2 * 1024 * 1024), 413),
                        new BadInput("POST whep with no content type", "POST", "/v1/sessions/{id}/whep", null, "v=0\r\n", 415),
                        new BadInput("POST whip with no content type", "POST", "/v1/sessions/{id}/whip", null, "v=0\r\n", 415),
                        new BadInput("POST whep to an unknown session", "POST", "/v1/sessions/0123456789abcdef/whep", SDP, "v=0\r\n", 404),
                        new BadInput("POST whip to an unknown session", "POST", "/v1/sessions/0123456789abcdef/whip", SDP, "v=0\r\n", 404)),
                BadInput.each(notSdpTypes(), type -> new BadInput("POST whep sent as " + type.getKey(), "POST", "/v1/sessions/{id}/whep", type.getValue(), "v=0\r\n", 415)),
                BadInput.each(notSdpTypes(), type -> new BadInput("POST whip sent as " + type.getKey(), "POST", "/v1/sessions/{id}/whip", type.getValue(), "v=0\r\n", 415)));
    }

    static Stream<BadInput> hangUpsAndMethods() {
        return BadInput.concat(
                BadInput.each(SessionsBadInputTest.ODD_IDS, id -> new BadInput("DELETE whep with " + id.getKey(), "DELETE", "/v1/sessions/" + id.getValue() + "/whep", null, null, 404)),
                BadInput.each(SessionsBadInputTest.ODD_IDS, id -> new BadInput("DELETE whip with " + id.getKey(), "DELETE", "/v1/sessions/" + id.getValue() + "/whip", null, null, 404)),
                Stream.of("GET", "HEAD", "PUT", "PATCH", "TRACE").flatMap(method -> Stream.of("whep", "whip").map(resource ->
                        new BadInput(method + " " + resource, method, "/v1/sessions/{id}/" + resource, null, null, 405))).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offers")
    void shouldRefuseABadOfferLeavingTheSessionUnconnected(BadInput input) throws Exception {
        assertRefused(input);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hangUpsAndMethods")
    void shouldAnswerHangUpsOfUnknownSessionsWith404AndWrongMethodsWith405(BadInput input) throws Exception {
        assertRefused(input);
    }

    private static Map<String, String> notSdpTypes() {
        return BadInput.named("JSON", "application/json", "text/plain", "text/plain", "a type that starts like SDP", "application/sdpx",
                "trickle ICE fragments", "application/trickle-ice-sdpfrag");
    }
}
