package dev.facecast.server.http;

import java.util.Locale;

/** A request's Content-Type against the media type an endpoint takes: parameters and case aside. */
public final class ContentTypes {

    private ContentTypes() {
    }

    /** Whether {@code contentType} (a header value, or null) is {@code mediaType}, with any parameters. */
    public static boolean is(String contentType, String mediaType) {
        return mediaTypeOf(contentType).equals(mediaType);
    }

    /** application/json, or a +json type such as application/merge-patch+json. */
    public static boolean isJson(String contentType) {
        String type = mediaTypeOf(contentType);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private static String mediaTypeOf(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }
}
