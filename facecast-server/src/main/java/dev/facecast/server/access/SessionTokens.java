package dev.facecast.server.access;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A short-lived bearer token per session, handed out once when the session is created: what a
 * browser holds. It grants that session's media and messages only, and dies with the session.
 * Only digests are kept. Thread-safe.
 */
public final class SessionTokens {

    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, byte[]> digestsBySession = new ConcurrentHashMap<>();

    /** A new token for the session; the only time it exists in clear outside the client. */
    public String issue(String sessionId) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        digestsBySession.put(sessionId, ApiKeys.digest(token));
        return token;
    }

    /** Whether {@code presented} is the token of {@code sessionId}; constant time in the token. */
    public boolean grants(String sessionId, String presented) {
        byte[] known = digestsBySession.get(sessionId);
        return known != null && presented != null && MessageDigest.isEqual(known, ApiKeys.digest(presented));
    }

    /** The session ended: its token stops working. */
    public void revoke(String sessionId) {
        digestsBySession.remove(sessionId);
    }
}
