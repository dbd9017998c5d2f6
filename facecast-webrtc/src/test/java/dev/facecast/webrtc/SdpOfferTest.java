package dev.facecast.webrtc;

import dev.facecast.media.sdp.SdpException;
import dev.facecast.media.sdp.SdpOffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("unit")
class SdpOfferTest {

    @Test
    void shouldAcceptChromiumsRecvonlyOfferAsItIs() {
        String offer = Offers.load("chromium-recvonly");
        SdpOffer vetted = SdpOffer.forPublisher(offer);
        assertThat(vetted.sdp()).isEqualTo(offer);
        assertThat(vetted.sections()).extracting(SdpOffer.Section::kind).containsExactly("video", "audio");
    }

    @Test
    void shouldRefuseAnOfferWhoseOnlyVideoSectionIsRejected() {
        assertThatThrownBy(() -> SdpOffer.forPublisher(Offers.load("chromium-video-stopped")))
                .isInstanceOf(SdpException.class).hasMessageContaining("video section is rejected (port 0)");
    }

    @Test
    void shouldKeepARejectedSectionInPlaceWhenAnotherVideoIsLive() {
        SdpOffer vetted = SdpOffer.forPublisher(Offers.load("chromium-stopped-then-live-video"));
        assertThat(vetted.sections()).extracting(SdpOffer.Section::port).containsExactly(0, 9, 9, 9);
        assertThat(vetted.sdp()).contains("m=video 0 ");
    }

    @Test
    void shouldStripSimulcastAndRidLines() {
        SdpOffer vetted = SdpOffer.forPublisher(Offers.load("chromium-simulcast-recv"));
        assertThat(vetted.sdp()).doesNotContain("a=simulcast").doesNotContain("a=rid");
        assertThat(vetted.sdp()).isEqualTo(Offers.load("chromium-recvonly"));
    }

    @Test
    void shouldStripSimulcastLinesWithoutAColonAsLibwebrtcReadsThem() {
        String offer = Offers.load("chromium-simulcast-recv")
                .replace("a=simulcast:recv h;l", "a=simulcast").replace("a=rid:l recv", "a=rid l recv");
        assertThat(SdpOffer.forPublisher(offer).sdp()).isEqualTo(Offers.load("chromium-recvonly"));
        assertThat(SdpOffer.forPublisher(offer.replace("a=simulcast", "a=simulcastx")).sdp()).contains("a=simulcastx");
    }

    @Test
    void shouldNormaliseBareLineFeedsToCrlf() {
        String lf = Offers.load("chromium-recvonly").replace("\r\n", "\n");
        assertThat(SdpOffer.forPublisher(lf).sdp()).isEqualTo(Offers.load("chromium-recvonly"));
    }

    @Test
    void shouldRefuseAVideoSectionThatDoesNotReceive() {
        String sendonly = Offers.load("chromium-recvonly").replace("a=recvonly", "a=sendonly");
        assertThatThrownBy(() -> SdpOffer.forPublisher(sendonly)).hasMessageContaining("no video section to receive on");
    }

    @Test
    void shouldRequireASendingAudioSectionForTheMicrophone() {
        assertThatThrownBy(() -> SdpOffer.forSubscriber(Offers.load("chromium-recvonly")))
                .hasMessageContaining("sends no audio");
        String sendonly = Offers.load("chromium-recvonly").replace("a=recvonly", "a=sendonly");
        assertThat(SdpOffer.forSubscriber(sendonly).sections()).hasSize(2);
    }

    @Test
    void shouldRefuseMoreMediaSectionsThanWeHandle() {
        String offer = Offers.load("chromium-recvonly");
        String videoSection = offer.substring(offer.indexOf("m=video"), offer.indexOf("m=audio"));
        String tooMany = offer + videoSection.repeat(SdpOffer.MAX_MEDIA_SECTIONS);
        assertThatThrownBy(() -> SdpOffer.forPublisher(tooMany)).hasMessageContaining("more than 4 media sections");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "", "   ", "hello", "v=1\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n", "v=0\r\n",
            "v=0\r\nthis is not sdp\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n",
            "v=0\r\nm=video 70000 UDP/TLS/RTP/SAVPF 96\r\n", "v=0\r\nm=video x UDP/TLS/RTP/SAVPF 96\r\n",
            "v=0\r\nm=game 9 UDP/TLS/RTP/SAVPF 96\r\n", "v=0\r\na=x\u0000y\r\nm=video 9 RTP/AVP 96\r\n",
            "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"})
    void shouldRefuseMalformedOffersWithAClearMessage(String offer) {
        assertThatThrownBy(() -> SdpOffer.forPublisher(offer)).isInstanceOf(SdpException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("Exception"));
    }

    @Test
    void shouldRefuseAnOversizedOfferBeforeParsingIt() {
        String huge = "v=0\r\n" + "a=x\r\n".repeat(SdpOffer.MAX_SDP_CHARS / 5);
        assertThatThrownBy(() -> SdpOffer.forPublisher(huge)).hasMessageContaining("at most " + SdpOffer.MAX_SDP_CHARS);
    }
}
