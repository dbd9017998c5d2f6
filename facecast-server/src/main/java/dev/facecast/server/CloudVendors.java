package dev.facecast.server;

import dev.facecast.avatar.Avatar;
import dev.facecast.avatar.anam.AnamAvatar;
import dev.facecast.avatar.anam.AnamSettings;
import dev.facecast.tts.SpeechSynthesizer;
import dev.facecast.tts.inworld.InworldSettings;
import dev.facecast.tts.inworld.InworldTts;
import dev.facecast.webrtc.ReceiverRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The cloud vendors a process may use instead of its local providers. */
final class CloudVendors {

    private static final Logger log = LoggerFactory.getLogger(CloudVendors.class);

    private CloudVendors() {
    }

    /** Inworld over its WebSocket: asked for each session's own rate, so it never needs a resampler. */
    static SpeechSynthesizer inworld(InworldSettings settings) {
        log.info("voice: Inworld at {} (voice {}, model {}), at the sessions' own rate", settings.baseUri(),
                settings.voiceId(), settings.modelId());
        return new InworldTts(settings);
    }

    /** Anam's hosted face: each session's speech goes to Anam, the face and voice come back over WebRTC. */
    static Avatar anam(AnamSettings settings, ReceiverRuntime receivers) {
        log.info("avatar: Anam at {} (avatar {}), speech sent at 24 kHz", settings.baseUri(), settings.avatarId());
        return new AnamAvatar(settings, receivers);
    }
}
