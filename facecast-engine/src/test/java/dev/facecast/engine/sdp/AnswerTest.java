package dev.facecast.engine.sdp;

import dev.facecast.engine.ice.IceCredentials;
import dev.facecast.media.sdp.SdpException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static dev.facecast.engine.EngineTestSupport.chromiumOffer;
import static dev.facecast.engine.EngineTestSupport.lines;
import static dev.facecast.engine.EngineTestSupport.mediaSections;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our answer to a Chromium WHEP offer: ICE-lite, DTLS passive, VP8 and Opus bundled, the data channel refused. */
@Tag("unit")
class AnswerTest {

    private static final IceCredentials ICE = new IceCredentials("srvUfrag", "serverpasswordserverpass");
    private static final String FINGERPRINT =
            "sha-256 01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF";
    private static final List<InetSocketAddress> CANDIDATES =
            List.of(new InetSocketAddress("127.0.0.1", 40_000), new InetSocketAddress("192.0.2.7", 40_000));

    private final Answer answer = Answer.to(RemoteOffer.parse(chromiumOffer()), ICE, FINGERPRINT, CANDIDATES);
    private final List<String> sections = mediaSections(answer.sdp());

    @Test
    void shouldBeIceLiteAndBundleOnlyTheAcceptedMids() {
        assertThat(lines(answer.sdp(), "a=ice-lite")).hasSize(1);
        assertThat(lines(answer.sdp(), "a=group:BUNDLE")).containsExactly("a=group:BUNDLE 0 1");
        assertThat(answer.sdp()).startsWith("v=0\r\n").endsWith("\r\n");
    }

    @Test
    void shouldKeepTheOffersSectionOrder() {
        assertThat(sections).hasSize(3);
        assertThat(sections.get(0)).startsWith("m=video ");
        assertThat(sections.get(1)).startsWith("m=audio ");
        assertThat(sections.get(2)).startsWith("m=application ");
        assertThat(lines(answer.sdp(), "a=mid:")).containsExactly("a=mid:0", "a=mid:1", "a=mid:2");
    }

    @Test
    void shouldRejectTheDataChannelWithPortZeroAndItsMid() {
        String data = sections.get(2);

        assertThat(data).startsWith("m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\n");
        assertThat(lines(data, "a=mid:")).containsExactly("a=mid:2");
        assertThat(lines(data, "a=candidate")).isEmpty();
    }

    @Test
    void shouldSendVp8WithTheOfferedPayloadTypeAndFeedback() {
        String video = sections.get(0);

        assertThat(video).startsWith("m=video 40000 UDP/TLS/RTP/SAVPF 96\r\n");
        assertThat(lines(video, "a=rtpmap:")).containsExactly("a=rtpmap:96 VP8/90000");
        assertThat(lines(video, "a=rtcp-fb:")).containsExactlyInAnyOrder(
                "a=rtcp-fb:96 nack", "a=rtcp-fb:96 nack pli", "a=rtcp-fb:96 ccm fir", "a=rtcp-fb:96 goog-remb");
        assertThat(lines(video, "a=sendonly")).hasSize(1);
        assertThat(lines(video, "a=rtcp-mux")).hasSize(1);
        assertThat(answer.video().payloadType()).isEqualTo(96);
    }

    @Test
    void shouldSendOpusWithTheOfferedPayloadTypeAndNoVideoFeedback() {
        String audio = sections.get(1);

        assertThat(audio).startsWith("m=audio 40000 UDP/TLS/RTP/SAVPF 111\r\n");
        assertThat(lines(audio, "a=rtpmap:")).containsExactly("a=rtpmap:111 opus/48000/2");
        assertThat(lines(audio, "a=rtcp-fb:")).isEmpty();
        assertThat(lines(audio, "a=sendonly")).hasSize(1);
        assertThat(answer.audio().payloadType()).isEqualTo(111);
    }

    @Test
    void shouldEchoTheOfferedAbsSendTimeId() {
        assertThat(lines(sections.get(0), "a=extmap:")).containsExactly("a=extmap:2 " + Answer.ABS_SEND_TIME_URI);
        assertThat(answer.video().absSendTimeId()).isEqualTo(2);
        assertThat(answer.audio().absSendTimeId()).isEqualTo(2);
    }

    @Test
    void shouldGiveEveryAcceptedSectionOurCredentialsFingerprintAndPassiveRole() {
        for (String section : sections.subList(0, 2)) {
            assertThat(lines(section, "a=ice-ufrag:")).containsExactly("a=ice-ufrag:srvUfrag");
            assertThat(lines(section, "a=ice-pwd:")).containsExactly("a=ice-pwd:serverpasswordserverpass");
            assertThat(lines(section, "a=fingerprint:")).containsExactly("a=fingerprint:" + FINGERPRINT);
            assertThat(lines(section, "a=setup:")).containsExactly("a=setup:passive");
        }
    }

    @Test
    void shouldNameBothStreamsWithOneCnameAndOneStreamId() {
        String video = sections.get(0);
        String audio = sections.get(1);
        String videoSsrc = Integer.toUnsignedString(answer.video().ssrc());
        String audioSsrc = Integer.toUnsignedString(answer.audio().ssrc());

        assertThat(lines(video, "a=ssrc:")).containsExactly(
                "a=ssrc:" + videoSsrc + " cname:" + Answer.CNAME, "a=ssrc:" + videoSsrc + " msid:facecast video");
        assertThat(lines(audio, "a=ssrc:")).containsExactly(
                "a=ssrc:" + audioSsrc + " cname:" + Answer.CNAME, "a=ssrc:" + audioSsrc + " msid:facecast audio");
        assertThat(lines(answer.sdp(), "a=msid:")).containsExactly("a=msid:facecast video", "a=msid:facecast audio");
        assertThat(lines(answer.sdp(), "a=msid-semantic:")).containsExactly("a=msid-semantic: WMS facecast");
        assertThat(answer.video().ssrc()).isNotEqualTo(answer.audio().ssrc());
    }

    @Test
    void shouldListTheGivenHostCandidatesThenEndOfCandidates() {
        for (String section : sections.subList(0, 2)) {
            List<String> candidates = lines(section, "a=candidate:");
            assertThat(candidates).hasSize(2);
            assertThat(candidates.get(0)).startsWith("a=candidate:1 1 udp ").endsWith(" 127.0.0.1 40000 typ host");
            assertThat(candidates.get(1)).startsWith("a=candidate:2 1 udp ").endsWith(" 192.0.2.7 40000 typ host");
            assertThat(section).endsWith("a=end-of-candidates\r\n");
        }
    }

    @Test
    void shouldAnswerVideoAloneWhenNoAudioIsOffered() {
        String videoOnly = chromiumOffer().replaceAll("(?s)m=audio.*?(?=m=application)", "")
                .replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0 2");

        Answer videoAnswer = Answer.to(RemoteOffer.parse(videoOnly), ICE, FINGERPRINT, CANDIDATES);

        assertThat(videoAnswer.audio()).isNull();
        assertThat(lines(videoAnswer.sdp(), "a=group:BUNDLE")).containsExactly("a=group:BUNDLE 0");
        assertThat(lines(videoAnswer.sdp(), "m=")).hasSize(2);
    }

    @Test
    void shouldRefuseAnOfferWithoutVp8() {
        RemoteOffer noVp8 = RemoteOffer.parse(chromiumOffer().replace("a=rtpmap:96 VP8/90000", "a=rtpmap:96 H264/90000"));

        assertThatThrownBy(() -> Answer.to(noVp8, ICE, FINGERPRINT, CANDIDATES))
                .isInstanceOf(SdpException.class).hasMessageContaining("no VP8");
    }

    @Test
    void shouldRejectASecondVideoSectionInItsPlace() {
        String twoVideos = chromiumOffer().replace("m=audio", videoSection("3") + "m=audio");

        Answer twoAnswer = Answer.to(RemoteOffer.parse(twoVideos), ICE, FINGERPRINT, CANDIDATES);

        List<String> answered = mediaSections(twoAnswer.sdp());
        assertThat(answered.get(1)).startsWith("m=video 0 ");
        assertThat(lines(answered.get(1), "a=mid:")).containsExactly("a=mid:3");
        assertThat(lines(twoAnswer.sdp(), "a=group:BUNDLE")).containsExactly("a=group:BUNDLE 0 1");
    }

    private static String videoSection(String mid) {
        return "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:" + mid + "\r\na=recvonly\r\na=rtcp-mux\r\n"
                + "a=rtpmap:96 VP8/90000\r\n";
    }
}
