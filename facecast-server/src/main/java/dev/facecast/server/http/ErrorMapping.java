package dev.facecast.server.http;

import dev.facecast.media.sdp.SdpException;
import dev.facecast.media.sdp.SdpOffer;
import com.fasterxml.jackson.core.JacksonException;
import dev.facecast.session.SessionManager;

import dev.facecast.avatar.AvatarException;
import dev.facecast.provider.ErrorKind;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeoutException;

/** Every failure becomes a JSON body {@code {"error": ..., "status": ...}} with a fitting status. */
public final class ErrorMapping {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);
    /** Seconds a client is told to wait before asking a full process again. */
    static final int RETRY_AFTER_SECONDS = 5;

    private ErrorMapping() {
    }

    /** @param routes the API's paths, for 405 and OPTIONS on a path no route of that method took */
    public static void install(Javalin app, RouteTable routes) {
        UnmatchedRequests unmatched = new UnmatchedRequests(routes);
        app.exception(EndpointNotFound.class, (e, ctx) -> unmatched.answer(ctx));
        app.exception(ApiException.class, (e, ctx) -> respond(ctx, e.status(), e.getMessage()));
        app.exception(SdpException.class, (e, ctx) -> respond(ctx, 400, "bad SDP offer: " + e.getMessage()));
        // The parser's own messages cite source positions and class names: JsonBodies words what it can.
        app.exception(JacksonException.class, (e, ctx) -> respond(ctx, 400, "the body is not valid JSON"));
        app.exception(IllegalArgumentException.class, (e, ctx) -> respond(ctx, 400, e.getMessage()));
        app.exception(IllegalStateException.class, (e, ctx) -> respond(ctx, 409, e.getMessage()));
        app.exception(SessionManager.CapacityException.class, (e, ctx) -> {
            ctx.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
            respond(ctx, 429, e.getMessage());
        });
        app.exception(AvatarException.class, (e, ctx) -> respond(ctx, e.kind() == ErrorKind.RATE_LIMITED ? 429 : 503,
                "the avatar could not be opened: " + e.getMessage()));
        app.exception(TimeoutException.class, (e, ctx) -> respond(ctx, 504, "timed out: " + e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, 500, null);
        });
        app.error(404, ctx -> {
            if (!ctx.res().isCommitted() && ctx.result() == null) {
                respond(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
            }
        });
    }

    static void respond(Context ctx, int status, String message) {
        if (status == 408 || status == 413) {
            // The rest of the body is unread: the connection cannot carry another request.
            ctx.header("Connection", "close");
        }
        ctx.status(status).json(ErrorBody.of(status, message));
    }
}
