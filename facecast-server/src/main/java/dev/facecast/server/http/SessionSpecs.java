package dev.facecast.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facecast.avatar.AvatarOptions;
import dev.facecast.session.SessionSpec;
import dev.facecast.session.VideoSettings;

/** A new session's request body read into a {@link SessionSpec}; every field is optional. */
public final class SessionSpecs {

    private SessionSpecs() {
    }

    /**
     * @param defaultIdleFps the idle frame rate unless the body asks for another
     * @throws ApiException             when a field has the wrong JSON type
     * @throws IllegalArgumentException when a value is out of range
     */
    public static SessionSpec fromJson(JsonNode body, int defaultIdleFps) {
        VideoSettings defaults = VideoSettings.DEFAULT;
        return new SessionSpec(new VideoSettings(
                JsonBodies.optionalInt(body, "width").orElse(defaults.width()),
                JsonBodies.optionalInt(body, "height").orElse(defaults.height()),
                JsonBodies.optionalInt(body, "fps").orElse(defaults.fps())),
                JsonBodies.optionalInt(body, "idleFps").orElse(defaultIdleFps),
                new AvatarOptions.SyncMark(JsonBodies.optionalBoolean(body, "syncMark").orElse(false),
                        JsonBodies.optionalInt(body, "syncMarkDelayMs").orElse(0)));
    }
}
