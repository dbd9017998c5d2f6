package dev.facecast.server.http;

import io.javalin.http.Context;

/** Request size checks, made before a body is read into memory. */
final class Limits {

    private Limits() {
    }

    /** The body as text, or 413 when it is larger than {@code maxBytes}. */
    static String body(Context ctx, int maxBytes) {
        long declared = ctx.contentLength();
        if (declared > maxBytes) {
            throw new ApiException(413, "the body is " + declared + " bytes; at most " + maxBytes);
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > maxBytes) {
            throw new ApiException(413, "the body is " + bytes.length + " bytes; at most " + maxBytes);
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
