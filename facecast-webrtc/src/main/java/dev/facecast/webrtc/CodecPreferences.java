package dev.facecast.webrtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.media.MediaType;

import java.util.ArrayList;
import java.util.List;

/** VP8 first: the cheapest codec to encode in software, and one every browser decodes. */
final class CodecPreferences {

    private final List<RTCRtpCodecCapability> vp8First;

    CodecPreferences(PeerConnectionFactory factory) {
        List<RTCRtpCodecCapability> all = factory.getRtpSenderCapabilities(MediaType.VIDEO).getCodecs();
        List<RTCRtpCodecCapability> ordered = new ArrayList<>();
        all.stream().filter(c -> c.getName().equalsIgnoreCase("VP8")).forEach(ordered::add);
        all.stream().filter(c -> !c.getName().equalsIgnoreCase("VP8")).forEach(ordered::add);
        this.vp8First = List.copyOf(ordered);
    }

    void preferVp8(RTCRtpTransceiver transceiver) {
        transceiver.setCodecPreferences(vp8First);
    }
}
