package dev.facecast.engine.sdp;

import dev.facecast.engine.ice.IceCredentials;
import dev.facecast.media.sdp.SdpException;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Our answer to a receiver's offer, complete at once (no gathering: ICE-lite, RFC 8445
 * section 2.5, with host candidates known in advance): a send-only VP8 section and, when
 * offered, a send-only Opus section, bundled on one transport (RFC 9143), with our ICE
 * credentials, DTLS fingerprint and role ({@code passive}: we are the DTLS server), and the
 * feedback we answer (NACK, PLI, FIR, REMB with abs-send-time). Both streams share one
 * CNAME and one MediaStream id, which is what tells the browser to lip-sync them. Every other
 * section (the data channel, a second video) is rejected with port 0, as RFC 3264 section 6
 * asks, in its place.
 */
public record Answer(String sdp, Stream video, Stream audio) {

    public static final String ABS_SEND_TIME_URI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final String CNAME = "facecast";
    private static final String STREAM_ID = "facecast";

    /** What was negotiated for one stream we send. */
    public record Stream(int payloadType, int ssrc, int absSendTimeId) {
    }

    /**
     * @throws SdpException when the offer receives no video we can send (VP8)
     */
    public static Answer to(RemoteOffer offer, IceCredentials ice, String fingerprint, List<InetSocketAddress> candidates) {
        StringBuilder sdp = new StringBuilder(2048);
        long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        sdp.append("v=0\r\n")
                .append("o=- ").append(sessionId).append(" 2 IN IP4 127.0.0.1\r\n")
                .append("s=-\r\n")
                .append("t=0 0\r\n");
        Stream video = null;
        Stream audio = null;
        List<String> bundled = new ArrayList<>();
        StringBuilder sections = new StringBuilder(2048);
        for (RemoteOffer.Section section : offer.sections()) {
            boolean live = section.port() != 0 && section.receives() && section.mid() != null;
            if (live && video == null && section.kind().equals("video") && section.payloadType("vp8/90000") >= 0) {
                video = new Stream(section.payloadType("vp8/90000"), randomSsrc(), section.extensionId(ABS_SEND_TIME_URI));
                sendSection(sections, section, video, "VP8/90000", null, true, ice, fingerprint, candidates);
                bundled.add(section.mid());
            } else if (live && audio == null && section.kind().equals("audio") && section.payloadType("opus/48000/2") >= 0) {
                audio = new Stream(section.payloadType("opus/48000/2"), randomSsrc(), section.extensionId(ABS_SEND_TIME_URI));
                sendSection(sections, section, audio, "opus/48000/2", "minptime=10;useinbandfec=0", false, ice, fingerprint,
                        candidates);
                bundled.add(section.mid());
            } else {
                rejectSection(sections, section);
            }
        }
        if (video == null) {
            throw new SdpException("the offer's video section offers no VP8 (a=rtpmap:<pt> VP8/90000); VP8 is what this server sends");
        }
        sdp.append("a=group:BUNDLE ").append(String.join(" ", bundled)).append("\r\n")
                .append("a=ice-lite\r\n")
                .append("a=msid-semantic: WMS ").append(STREAM_ID).append("\r\n")
                .append(sections);
        return new Answer(sdp.toString(), video, audio);
    }

    private static void sendSection(StringBuilder sdp, RemoteOffer.Section section, Stream stream, String codec, String fmtp,
                                    boolean video, IceCredentials ice, String fingerprint, List<InetSocketAddress> candidates) {
        int port = candidates.isEmpty() ? 9 : candidates.getFirst().getPort();
        sdp.append("m=").append(section.kind()).append(' ').append(port).append(" UDP/TLS/RTP/SAVPF ")
                .append(stream.payloadType()).append("\r\n")
                .append("c=IN IP4 0.0.0.0\r\n")
                .append("a=rtcp:9 IN IP4 0.0.0.0\r\n")
                .append("a=ice-ufrag:").append(ice.ufrag()).append("\r\n")
                .append("a=ice-pwd:").append(ice.password()).append("\r\n")
                .append("a=fingerprint:").append(fingerprint).append("\r\n")
                .append("a=setup:passive\r\n")
                .append("a=mid:").append(section.mid()).append("\r\n");
        if (stream.absSendTimeId() > 0) {
            sdp.append("a=extmap:").append(stream.absSendTimeId()).append(' ').append(ABS_SEND_TIME_URI).append("\r\n");
        }
        String track = video ? "video" : "audio";
        sdp.append("a=sendonly\r\n")
                .append("a=msid:").append(STREAM_ID).append(' ').append(track).append("\r\n")
                .append("a=rtcp-mux\r\n")
                .append("a=rtpmap:").append(stream.payloadType()).append(' ').append(codec).append("\r\n");
        if (fmtp != null) {
            sdp.append("a=fmtp:").append(stream.payloadType()).append(' ').append(fmtp).append("\r\n");
        }
        if (video) {
            for (String feedback : List.of("goog-remb", "ccm fir", "nack", "nack pli")) {
                sdp.append("a=rtcp-fb:").append(stream.payloadType()).append(' ').append(feedback).append("\r\n");
            }
        }
        long ssrc = stream.ssrc() & 0xFFFF_FFFFL;
        sdp.append("a=ssrc:").append(ssrc).append(" cname:").append(CNAME).append("\r\n")
                .append("a=ssrc:").append(ssrc).append(" msid:").append(STREAM_ID).append(' ').append(track).append("\r\n");
        int foundation = 1;
        for (InetSocketAddress candidate : candidates) {
            // Host candidates only, priority per RFC 8445 section 5.1.2.1 (type preference 126).
            long priority = (126L << 24) | ((65_535L - foundation) << 8) | 255;
            sdp.append("a=candidate:").append(foundation).append(" 1 udp ").append(priority).append(' ')
                    .append(candidate.getAddress().getHostAddress()).append(' ').append(candidate.getPort())
                    .append(" typ host\r\n");
            foundation++;
        }
        sdp.append("a=end-of-candidates\r\n");
    }

    private static void rejectSection(StringBuilder sdp, RemoteOffer.Section section) {
        sdp.append("m=").append(section.kind()).append(" 0 ").append(section.protocol()).append(' ')
                .append(section.formats()).append("\r\n")
                .append("c=IN IP4 0.0.0.0\r\n");
        if (section.mid() != null) {
            sdp.append("a=mid:").append(section.mid()).append("\r\n");
        }
        sdp.append("a=inactive\r\n");
    }

    private static int randomSsrc() {
        return ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    }
}
