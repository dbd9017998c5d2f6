package dev.facecast.server;

import dev.facecast.avatar.anam.AnamSettings;
import dev.facecast.brain.OpenAiBrain;
import dev.facecast.tts.inworld.InworldSettings;

/**
 * How sessions converse.
 *
 * @param agentName          what the agent calls itself
 * @param endOfTurnSilenceMs trailing silence after speech that ends the user's turn at the recogniser's endpoint
 * @param vadEndOfTurnMs     trailing silence after speech that ends it sooner, by voice activity, once words
 *                           were heard; 0 leaves it to the recogniser
 * @param listen             whether to load the recogniser (Vosk, about a second and 100 MB);
 *                           off, sessions take typed text only
 * @param llm                an OpenAI-compatible endpoint for replies; null for the local rules
 * @param voice              {@code auto} (flite when libflite is installed, else FreeTTS), {@code flite}, {@code freetts}
 *                           or {@code inworld}
 * @param inworld            where Inworld's TTS is, for {@code inworld}; null otherwise
 * @param hostedAvatar       Anam's hosted avatar for every session's face; null for the local sprite head
 */
public record ConversationConfig(String agentName, int endOfTurnSilenceMs, int vadEndOfTurnMs, boolean listen,
                                 OpenAiBrain.Settings llm, String voice, InworldSettings inworld, AnamSettings hostedAvatar) {

    /** Voice-activity end of turn: see the README's measurements for why this much. */
    public static final int DEFAULT_VAD_END_OF_TURN_MS = 300;

    public static ConversationConfig defaults() {
        return new ConversationConfig("Ava", 500, DEFAULT_VAD_END_OF_TURN_MS, true, null, "auto", null, null);
    }

    public ConversationConfig {
        if (agentName == null || agentName.isBlank()) {
            throw new IllegalArgumentException("the agent needs a name");
        }
        if (vadEndOfTurnMs != 0 && (vadEndOfTurnMs < 100 || vadEndOfTurnMs > 5_000)) {
            throw new IllegalArgumentException("the voice-activity end of turn must be 0 (off) or 100..5000 ms, not "
                    + vadEndOfTurnMs);
        }
        if (!java.util.Set.of("auto", "flite", "freetts", "inworld").contains(voice)) {
            throw new IllegalArgumentException("the voice must be auto, flite, freetts or inworld, not " + voice);
        }
        if (voice.equals("inworld") && inworld == null) {
            throw new IllegalArgumentException("--tts inworld needs --inworld-url and a key ($INWORLD_API_KEY)");
        }
    }
}
