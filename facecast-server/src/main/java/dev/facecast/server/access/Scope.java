package dev.facecast.server.access;

/** What a request needs to be let through. */
public enum Scope {
    /** Anyone who reaches the port: the page, health, readiness, metrics. */
    PUBLIC,
    /** That session's token, or an API key: its media, its messages, hanging up. */
    SESSION,
    /** An API key: creating and listing sessions, making one speak, admin, process internals. */
    CONTROL;

    /**
     * The scope of a route, by its pattern. Outside /v1/ everything is public (the page and its
     * files, health, readiness, metrics); inside, anything not listed needs an API key: a new
     * API route is closed until someone decides otherwise.
     */
    public static Scope of(String routePath) {
        if (!routePath.startsWith("/v1/")) {
            return PUBLIC;
        }
        return switch (routePath) {
            case "/v1/sessions/{id}/whep", "/v1/sessions/{id}/whip", "/v1/sessions/{id}/messages", "/v1/sessions/{id}/events",
                 "/v1/sessions/{id}/close", "/v1/sessions/{id}/transcript" -> SESSION;
            // The page reads its own session's stats, changes its frame rate and hangs up.
            case "/v1/sessions/{id}" -> SESSION;
            default -> CONTROL;
        };
    }
}
