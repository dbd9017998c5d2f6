package dev.facecast.server.access;

import dev.facecast.server.http.ApiException;
import dev.facecast.server.http.RouteTable;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every matched request before its handler: the Host it names (against DNS
 * rebinding), the Origin of the page that sent it (against cross-site requests; JSON bodies
 * must also be application/json, which a cross-site page cannot send unasked: see
 * {@code http.ContentTypes}), and its credential for the route's {@link Scope}. Adds CORS headers for allowed foreign origins and answers their
 * preflight. Credentials are never logged. Thread-safe.
 */
public final class AccessGuard {

    private static final Logger log = LoggerFactory.getLogger(AccessGuard.class);
    private static final String BEARER = "Bearer ";

    private final AccessPolicy policy;
    private final SessionTokens tokens;
    private final String bindHost;
    private final RouteTable routes;
    private final PeerRequests peers;

    /** @param routes the API's routes, to know a request's route before the router runs it */
    public AccessGuard(AccessPolicy policy, SessionTokens tokens, String bindHost, RouteTable routes) {
        this(policy, tokens, bindHost, routes, PeerRequests.NONE);
    }

    /** @param peers which checks other workers of the fleet make instead of this one */
    public AccessGuard(AccessPolicy policy, SessionTokens tokens, String bindHost, RouteTable routes, PeerRequests peers) {
        this.policy = policy;
        this.tokens = tokens;
        this.bindHost = bindHost;
        this.routes = routes;
        this.peers = peers;
    }

    public void install(Javalin app) {
        if (!policy.authRequired()) {
            log.warn("no API keys configured: the API is open to whatever reaches {} (auth is off on a loopback address; "
                    + "Host and Origin are still checked)", bindHost);
        } else {
            log.info("API keys: {}; session tokens for browsers", policy.apiKeys().count());
        }
        // A plain before handler, not beforeMatched: asking the router which handler would match
        // makes Javalin resolve static files first, which fails on alias paths (/a/../../b) with a 500.
        app.before(ctx -> {
            if (!peers.forwardedByPeer(ctx) && answeredHostOriginOrPreflight(ctx)) {
                return;
            }
            if (!peers.forAnotherWorker(ctx)) {
                checkCredential(ctx);
            }
        });
    }

    /** Refuses a foreign Host or Origin; true when this was a CORS preflight, answered here. */
    private boolean answeredHostOriginOrPreflight(Context ctx) {
        if (!policy.hostAllowed(ctx.host(), bindHost)) {
            throw new ApiException(403, "this server does not answer to the host name in the request");
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false;
        }
        if (!policy.originAllowed(origin, ctx.scheme() + "://" + ctx.host())) {
            throw new ApiException(403, "requests from pages at " + origin + " are not allowed; "
                    + "add the origin with --allow-origin");
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Expose-Headers", "Location");
        if (ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null) {
            ctx.header("Access-Control-Allow-Methods", "GET, HEAD, POST, PATCH, DELETE, OPTIONS");
            ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(204);
            ctx.skipRemainingHandlers();
            return true;
        }
        return false;
    }

    private void checkCredential(Context ctx) {
        var route = routes.match(ctx.path());
        Scope scope = Scope.of(route.map(RouteTable.Match::pattern).orElse(ctx.path()));
        if (scope == Scope.PUBLIC || !policy.authRequired()) {
            return;
        }
        String credential = credential(ctx);
        if (credential == null) {
            throw new ApiException(401, "this endpoint needs a credential: Authorization: Bearer <API key"
                    + (scope == Scope.SESSION ? " or the session's token>" : ">"));
        }
        if (policy.apiKeys().accepts(credential)) {
            return;
        }
        String sessionId = route.map(match -> match.pathParams().get("id")).orElse(null);
        if (scope == Scope.SESSION && sessionId != null && tokens.grants(sessionId, credential)) {
            return;
        }
        throw new ApiException(403, scope == Scope.SESSION
                ? "the credential is not an API key, nor this session's token"
                : "this endpoint needs an API key; a session token does not do");
    }

    /** The bearer credential, or the {@code token} query parameter where a browser cannot set headers (sendBeacon). */
    private static String credential(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return header.substring(BEARER.length()).strip();
        }
        return ctx.queryParam("token");
    }
}
