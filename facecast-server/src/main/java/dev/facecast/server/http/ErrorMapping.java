package dev.facecast.server.http;

import com.fasterxml.jackson.core.JacksonException;
import dev.facecast.session.SessionManager;
import dev.facecast.webrtc.SdpException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.TimeoutException;

/** Every failure becomes a JSON body {@code {"error": ..., "status": ...}} with a fitting status. */
public final class ErrorMapping {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);
    /** Seconds a client is told to wait before asking a full process again. */
    static final int RETRY_AFTER_SECONDS = 5;

    private ErrorMapping() {
    }

    public static void install(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> respond(ctx, e.status(), e.getMessage()));
        app.exception(SdpException.class, (e, ctx) -> respond(ctx, 400, "bad SDP offer: " + e.getMessage()));
        app.exception(JacksonException.class, (e, ctx) -> respond(ctx, 400, "the body must be a JSON object: " + e.getOriginalMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> respond(ctx, 400, e.getMessage()));
        app.exception(IllegalStateException.class, (e, ctx) -> respond(ctx, 409, e.getMessage()));
        app.exception(SessionManager.CapacityException.class, (e, ctx) -> {
            ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            respond(ctx, 429, e.getMessage());
        });
        app.exception(TimeoutException.class, (e, ctx) -> respond(ctx, 504, "timed out: " + e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, 500, "internal error: " + e.getClass().getSimpleName());
        });
        app.error(404, ctx -> {
            if (!ctx.res().isCommitted() && ctx.result() == null) {
                respond(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> respond(ctx, 405, "method not allowed: " + ctx.method() + " " + ctx.path()));
    }

    static void respond(Context ctx, int status, String message) {
        ctx.status(status).json(Map.of("error", message == null ? "error" : message, "status", status));
    }
}
