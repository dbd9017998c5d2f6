package dev.facecast.server.http;

import io.javalin.http.Context;

/**
 * Answers a request that no route took: OPTIONS on a known path lists its methods (204), any
 * other method there is 405, and an unknown path is 404, each with {@code Allow} where the path
 * is known (RFC 9110 §15.5.6).
 *
 * <p>A CORS preflight is answered in shape only, with the methods allowed. Whether an origin may
 * call at all ({@code Access-Control-Allow-Origin}) is the origin policy's to add; without it a
 * browser refuses the cross-origin call, which is the safe default.
 */
final class UnmatchedRequests {

    private final RouteTable routes;

    UnmatchedRequests(RouteTable routes) {
        this.routes = routes;
    }

    void answer(Context ctx) {
        String method = HeadAsGet.sentMethod(ctx.req());
        var allowed = routes.allowed(ctx.path());
        if (allowed.isEmpty()) {
            ErrorMapping.respond(ctx, 404, "no such endpoint: " + method + " " + ctx.path());
            return;
        }
        String allow = String.join(", ", allowed.get());
        ctx.header("Allow", allow);
        if (method.equals("OPTIONS")) {
            if (ctx.header("Access-Control-Request-Method") != null) {
                ctx.header("Access-Control-Allow-Methods", allow);
            }
            ctx.res().setContentType(null);
            ctx.status(204);
            return;
        }
        ErrorMapping.respond(ctx, 405, method + " is not allowed on " + ctx.path() + "; it takes " + allow);
    }
}
