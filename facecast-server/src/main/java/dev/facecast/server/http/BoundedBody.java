package dev.facecast.server.http;

import io.javalin.http.Context;
import org.eclipse.jetty.http.BadMessageException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request body with a byte limit and a deadline, so that no request holds more memory
 * or time than these, chunked ones included: a declared length over the limit is refused before
 * reading, and a body of unknown length is cut as soon as it passes the limit. The rest is never
 * read; the error closes the connection.
 *
 * <p>A read that waits for bytes is ended by Jetty's request idle timeout
 * ({@link HttpServerSettings#REQUEST_IDLE_TIMEOUT}); a body that keeps trickling in is ended by
 * {@link #READ_DEADLINE}. So a body arrives whole within their sum, or the request fails with 408.
 */
public final class BoundedBody {

    /** How long a body may take to arrive, from the first read: ours are a few kilobytes, sent at once. */
    public static final Duration READ_DEADLINE = Duration.ofSeconds(5);
    private static final int BUFFER_BYTES = 8 * 1024;

    private BoundedBody() {
    }

    /** The body as UTF-8 text: 413 over {@code maxBytes}, 408 too slow, 400 when its framing is broken. */
    public static String text(Context ctx, int maxBytes) {
        return new String(bytes(ctx, maxBytes), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(Context ctx, int maxBytes) {
        long declaredBytes = ctx.req().getContentLengthLong();
        if (declaredBytes > maxBytes) {
            throw tooLarge(maxBytes);
        }
        long deadlineNs = System.nanoTime() + READ_DEADLINE.toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream(declaredBytes >= 0 ? (int) declaredBytes : BUFFER_BYTES);
        byte[] buffer = new byte[Math.min(BUFFER_BYTES, maxBytes + 1)];
        try {
            InputStream in = ctx.req().getInputStream();
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                if (body.size() + read > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                body.write(buffer, 0, read);
                if (System.nanoTime() - deadlineNs > 0) {
                    throw tooSlow();
                }
            }
        } catch (IOException | BadMessageException e) {
            throw unreadable(e);
        }
        return body.toByteArray();
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiException(413, "the body is larger than " + maxBytes + " bytes");
    }

    private static ApiException tooSlow() {
        return new ApiException(408, "the body did not arrive within " + READ_DEADLINE.toSeconds() + " s");
    }

    /**
     * Jetty reports a stalled read as a timeout; broken chunked framing and a body cut short both
     * reach the reader as an early end of input.
     */
    private static ApiException unreadable(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return new ApiException(408, "the body stopped arriving for "
                        + HttpServerSettings.REQUEST_IDLE_TIMEOUT.toSeconds() + " s");
            }
        }
        return ApiException.badRequest("the body is malformed (broken chunked framing) or ended early");
    }
}
