package dev.facecast.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facecast.media.audio.ToneBursts;

/** A sync probe's request body read into {@link ToneBursts}; every field is optional. */
public final class SyncProbes {

    private SyncProbes() {
    }

    /**
     * Six 200 ms bursts of 1 kHz, 800 ms apart, unless the body asks for others.
     *
     * @throws ApiException             when a field has the wrong JSON type
     * @throws IllegalArgumentException when a value is out of range
     */
    public static ToneBursts fromJson(JsonNode body) {
        return new ToneBursts(JsonBodies.optionalInt(body, "count").orElse(6),
                JsonBodies.optionalInt(body, "periodMs").orElse(800), JsonBodies.optionalInt(body, "burstMs").orElse(200),
                JsonBodies.optionalInt(body, "frequencyHz").orElse(1_000));
    }
}
