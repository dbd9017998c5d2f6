package dev.facecast.server.cli;

import dev.facecast.avatar.anam.AnamSettings;
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

    @Option(names = "--avatar", description = "The face: sprite (local, drawn in process) or anam (hosted, with "
            + "--anam-url) (default: ${DEFAULT-VALUE}).")
    String avatar = "sprite";

    @Option(names = "--anam-url", description = "Anam's API root for --avatar anam: https://api.anam.ai, or a fake's URL "
            + "from ./facecast fake-vendors.")
    URI anamUrl;

    @Option(names = "--anam-api-key", description = "Anam API key (default: $ANAM_API_KEY).")
    String anamApiKey = System.getenv("ANAM_API_KEY");

    @Option(names = "--anam-avatar-id", description = "The Anam avatar to show (default: ${DEFAULT-VALUE}).")
    String anamAvatarId = AnamSettings.DEFAULT_AVATAR;

    /** The hosted avatar's settings, or null for the local sprite head; fails with what is missing. */
    AnamSettings hostedAvatar() {
        return switch (avatar) {
            case "sprite" -> null;
            case "anam" -> {
                if (anamUrl == null) {
                    throw new IllegalArgumentException("--avatar anam needs --anam-url");
                }
                if (anamApiKey == null || anamApiKey.isBlank()) {
                    throw new IllegalArgumentException("--avatar anam needs a key: set ANAM_API_KEY (or --anam-api-key)");
                }
                yield new AnamSettings(anamUrl, anamApiKey, anamAvatarId, "facecast");
            }
            default -> throw new IllegalArgumentException("--avatar must be sprite or anam, not " + avatar);
        };
    }

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
