package dev.facecast.server;

import dev.facecast.brain.OpenAiBrain;

/**
 * How sessions converse.
 *
 * @param agentName          what the agent calls itself
 * @param endOfTurnSilenceMs trailing silence after speech that ends the user's turn
 * @param listen             whether to load the recogniser (Vosk, about a second and 100 MB);
 *                           off, sessions take typed text only
 * @param llm                an OpenAI-compatible endpoint for replies; null for the local rules
 * @param voice              {@code auto} (flite when libflite is installed, else FreeTTS), {@code flite} or {@code freetts}
 */
public record ConversationConfig(String agentName, int endOfTurnSilenceMs, boolean listen, OpenAiBrain.Settings llm,
                                 String voice) {

    public static ConversationConfig defaults() {
        return new ConversationConfig("Ava", 500, true, null, "auto");
    }

    public ConversationConfig {
        if (agentName == null || agentName.isBlank()) {
            throw new IllegalArgumentException("the agent needs a name");
        }
        if (!java.util.Set.of("auto", "flite", "freetts").contains(voice)) {
            throw new IllegalArgumentException("the voice must be auto, flite or freetts, not " + voice);
        }
    }
}
