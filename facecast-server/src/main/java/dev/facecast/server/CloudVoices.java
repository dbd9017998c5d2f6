package dev.facecast.server;

import dev.facecast.tts.SpeechSynthesizer;
import dev.facecast.tts.inworld.InworldSettings;
import dev.facecast.tts.inworld.InworldTts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The cloud voices a process may use instead of its local ones. */
final class CloudVoices {

    private static final Logger log = LoggerFactory.getLogger(CloudVoices.class);

    private CloudVoices() {
    }

    /** Inworld over its WebSocket: asked for each session's own rate, so it never needs a resampler. */
    static SpeechSynthesizer inworld(InworldSettings settings) {
        log.info("voice: Inworld at {} (voice {}, model {}), at the sessions' own rate", settings.baseUri(),
                settings.voiceId(), settings.modelId());
        return new InworldTts(settings);
    }
}
