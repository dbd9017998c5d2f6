package dev.facecast.server.cli;

import dev.facecast.tts.inworld.InworldSettings;
import picocli.CommandLine.Option;

import java.net.URI;

/** Where the cloud vendors are and the keys to them; the keys come from the environment by default. */
final class VendorOptions {

    @Option(names = "--inworld-url", description = "Inworld's API root for --tts inworld: https://api.inworld.ai, or a "
            + "fake's URL from ./facecast fake-vendors.")
    URI inworldUrl;

    @Option(names = "--inworld-api-key", description = "Inworld API key (default: $INWORLD_API_KEY).")
    String inworldApiKey = System.getenv("INWORLD_API_KEY");

    @Option(names = "--inworld-voice", description = "Inworld voice (default: ${DEFAULT-VALUE}).")
    String inworldVoice = InworldSettings.DEFAULT_VOICE;

    @Option(names = "--inworld-model", description = "Inworld model (default: ${DEFAULT-VALUE}; 1.5 models give phone "
            + "timings).")
    String inworldModel = InworldSettings.DEFAULT_MODEL;

    /** The settings for --tts inworld; fails with what is missing. */
    InworldSettings inworld() {
        if (inworldUrl == null) {
            throw new IllegalArgumentException("--tts inworld needs --inworld-url");
        }
        if (inworldApiKey == null || inworldApiKey.isBlank()) {
            throw new IllegalArgumentException("--tts inworld needs a key: set INWORLD_API_KEY (or --inworld-api-key)");
        }
        return new InworldSettings(inworldUrl, inworldApiKey, inworldVoice, inworldModel, InworldSettings.DOCUMENTED_MAX_CONTEXTS);
    }
}
