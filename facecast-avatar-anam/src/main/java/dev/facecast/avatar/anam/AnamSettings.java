package dev.facecast.avatar.anam;

import java.net.URI;

/**
 * Where and how to reach Anam.
 *
 * @param baseUri     the API root: {@code https://api.anam.ai} or a fake's {@code http://127.0.0.1:N}
 * @param apiKey      the account's API key, sent as {@code Bearer} to get session tokens
 * @param avatarId    the face to show
 * @param clientLabel how sessions are labelled in Anam's dashboard
 */
public record AnamSettings(URI baseUri, String apiKey, String avatarId, String clientLabel) {

    public static final String DEFAULT_AVATAR = "facecast-default";

    public AnamSettings {
        if (baseUri == null || !java.util.Set.of("http", "https").contains(String.valueOf(baseUri.getScheme()))) {
            throw new IllegalArgumentException("the Anam URL must be http(s), not " + baseUri);
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("Anam needs an API key (ANAM_API_KEY)");
        }
    }

    public static AnamSettings of(URI baseUri, String apiKey) {
        return new AnamSettings(baseUri, apiKey, DEFAULT_AVATAR, "facecast");
    }

    URI resolve(String path) {
        return URI.create(baseUri.toString().replaceAll("/+$", "") + path);
    }
}
