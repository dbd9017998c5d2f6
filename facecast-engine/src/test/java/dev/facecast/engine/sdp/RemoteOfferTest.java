package dev.facecast.engine.sdp;

import dev.facecast.media.sdp.SdpException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static dev.facecast.engine.EngineTestSupport.chromiumOffer;
import static dev.facecast.engine.EngineTestSupport.withoutLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the engine reads of a receiver's offer, and the offers it refuses, in words a client author can act on. */
@Tag("unit")
class RemoteOfferTest {

    @Test
    void shouldReadTheSectionsInOrderWithTheirMidsAndDirections() {
        RemoteOffer offer = RemoteOffer.parse(chromiumOffer());

        assertThat(offer.sections()).extracting(RemoteOffer.Section::kind).containsExactly("video", "audio", "application");
        assertThat(offer.sections()).extracting(RemoteOffer.Section::mid).containsExactly("0", "1", "2");
        assertThat(offer.sections()).extracting(RemoteOffer.Section::direction).containsExactly("recvonly", "recvonly", "sendrecv");
        assertThat(offer.sections().get(2).protocol()).isEqualTo("UDP/DTLS/SCTP");
        assertThat(offer.sections().get(2).formats()).isEqualTo("webrtc-datachannel");
    }

    @Test
    void shouldReadPayloadTypesByCodecIgnoringCase() {
        RemoteOffer offer = RemoteOffer.parse(chromiumOffer());

        assertThat(offer.sections().get(0).payloadType("VP8/90000")).isEqualTo(96);
        assertThat(offer.sections().get(0).payloadType("vp9/90000")).isEqualTo(98);
        assertThat(offer.sections().get(0).payloadType("h265/90000")).isEqualTo(-1);
        assertThat(offer.sections().get(1).payloadType("opus/48000/2")).isEqualTo(111);
    }

    @Test
    void shouldReadHeaderExtensionIdsByUri() {
        RemoteOffer offer = RemoteOffer.parse(chromiumOffer());

        assertThat(offer.sections().get(0).extensionId(Answer.ABS_SEND_TIME_URI)).isEqualTo(2);
        assertThat(offer.sections().get(1).extensionId("urn:ietf:params:rtp-hdrext:ssrc-audio-level")).isEqualTo(14);
        assertThat(offer.sections().get(2).extensionId(Answer.ABS_SEND_TIME_URI)).isZero();
    }

    @Test
    void shouldReadTheReceiversIceCredentialsAndFingerprint() {
        RemoteOffer offer = RemoteOffer.parse(chromiumOffer());

        assertThat(offer.iceUfrag()).isEqualTo("Hq4z");
        assertThat(offer.icePassword()).isEqualTo("wLpVbC3sSnN2Jq0hcW3nPZzB");
        assertThat(offer.fingerprint()).startsWith("sha-256 5A:1F:3C:8E");
    }

    @Test
    void shouldTakeSessionLevelCredentialsWhenSectionsHaveNone() {
        String offer = withoutLines(withoutLines(chromiumOffer(), "a=ice-ufrag"), "a=ice-pwd")
                .replace("a=msid-semantic: WMS\r\n", "a=msid-semantic: WMS\r\na=ice-ufrag:sess\r\na=ice-pwd:sessionpasswordsessionpass\r\n");

        RemoteOffer parsed = RemoteOffer.parse(offer);

        assertThat(parsed.iceUfrag()).isEqualTo("sess");
        assertThat(parsed.icePassword()).isEqualTo("sessionpasswordsessionpass");
    }

    @Test
    void shouldRefuseAnOfferWithoutIceCredentials() {
        assertThatThrownBy(() -> RemoteOffer.parse(withoutLines(chromiumOffer(), "a=ice-pwd")))
                .isInstanceOf(SdpException.class).hasMessageContaining("no ICE credentials");
    }

    @Test
    void shouldRefuseAnOfferWithoutASha256Fingerprint() {
        String sha1 = withoutLines(chromiumOffer(), "a=fingerprint")
                .replace("a=setup:actpass", "a=fingerprint:sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB\r\na=setup:actpass");

        assertThatThrownBy(() -> RemoteOffer.parse(sha1))
                .isInstanceOf(SdpException.class).hasMessageContaining("no sha-256 DTLS fingerprint");
        assertThatThrownBy(() -> RemoteOffer.parse(withoutLines(chromiumOffer(), "a=fingerprint")))
                .isInstanceOf(SdpException.class).hasMessageContaining("no sha-256 DTLS fingerprint");
    }

    @Test
    void shouldRefuseAPassiveOffer() {
        assertThatThrownBy(() -> RemoteOffer.parse(chromiumOffer().replace("a=setup:actpass", "a=setup:passive")))
                .isInstanceOf(SdpException.class).hasMessageContaining("DTLS role is passive");
    }

    @Test
    void shouldRefuseAnOfferWithNoVideoSection() {
        String audioOnly = chromiumOffer().replaceAll("(?s)m=video.*?(?=m=audio)", "");

        assertThatThrownBy(() -> RemoteOffer.parse(audioOnly))
                .isInstanceOf(SdpException.class).hasMessageContaining("no video section");
    }

    @Test
    void shouldRefuseSomethingThatIsNotSdp() {
        assertThatThrownBy(() -> RemoteOffer.parse("hello"))
                .isInstanceOf(SdpException.class).hasMessageContaining("not SDP");
    }
}
