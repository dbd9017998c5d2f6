package dev.facecast.server.access;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Who may call the API, decided once at start.
 *
 * @param apiKeys        control keys (bearer); empty means auth is off, allowed only on a
 *                       loopback address or when {@code insecureNoAuth} says so
 * @param allowedOrigins web origins (scheme://host:port) whose pages may call the API, besides
 *                       the server's own; a request from any other origin is refused
 * @param allowedHosts   Host header names accepted besides the loopback names (DNS rebinding:
 *                       a page at evil.example that resolves to 127.0.0.1 still sends its own Host)
 * @param insecureNoAuth run without keys on a non-loopback address anyway
 */
public record AccessPolicy(ApiKeys apiKeys, Set<String> allowedOrigins, Set<String> allowedHosts, boolean insecureNoAuth) {

    /** Loopback, no keys: auth off, Origin and Host checks on. */
    public static final AccessPolicy LOCAL = new AccessPolicy(ApiKeys.NONE, Set.of(), Set.of(), false);
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    public AccessPolicy {
        allowedOrigins = Set.copyOf(allowedOrigins.stream().map(AccessPolicy::normaliseOrigin).toList());
        allowedHosts = Set.copyOf(allowedHosts);
    }

    public boolean authRequired() {
        return !apiKeys.isEmpty();
    }

    /**
     * Refuses a configuration that would expose an open API.
     *
     * @throws IllegalStateException saying what to do
     */
    public void checkFor(String bindHost) {
        if (!authRequired() && !isLoopback(bindHost) && !insecureNoAuth) {
            throw new IllegalStateException("refusing to listen on " + bindHost + " without API keys: anyone who reaches "
                    + "the port could create, watch and drive sessions. Give keys with --api-key-file or FACECAST_API_KEYS, "
                    + "listen on 127.0.0.1, or pass --insecure-no-auth if something in front of Facecast authenticates.");
        }
    }

    /** Whether a request's Host header names this server: a loopback name, a configured one, or the bind address. */
    public boolean hostAllowed(String hostHeader, String bindHost) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String name = hostName(hostHeader);
        if (LOOPBACK_NAMES.contains(name) || allowedHosts.contains(name)) {
            return true;
        }
        // On a public address the name a client uses is not ours to know unless configured.
        return !isLoopback(bindHost) && (allowedHosts.isEmpty() || name.equals(bindHost));
    }

    /** Whether a page at {@code origin} may call the API; {@code ownOrigin} is the server's as the request names it. */
    public boolean originAllowed(String origin, String ownOrigin) {
        String normalised = normaliseOrigin(origin);
        return normalised.equals(normaliseOrigin(ownOrigin)) || allowedOrigins.contains(normalised);
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String hostName(String hostHeader) {
        String host = hostHeader.trim().toLowerCase(java.util.Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static String normaliseOrigin(String origin) {
        try {
            URI uri = URI.create(origin.trim().toLowerCase(java.util.Locale.ROOT));
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            return uri.getScheme() + "://" + uri.getHost() + ":" + port;
        } catch (IllegalArgumentException | NullPointerException e) {
            return "invalid:" + origin;
        }
    }
}
