package dev.facecast.engine.ice;

import java.security.SecureRandom;

/**
 * Our side's ICE username fragment and password for one session (RFC 8445 section 5.3: at
 * least 24 bits of randomness in the fragment, 128 in the password; ice-char only). The
 * fragment is what the one shared UDP port demultiplexes STUN checks by.
 */
public record IceCredentials(String ufrag, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    /** 8 characters of 6 bits: 48 bits, so fragments of live sessions do not collide in practice. */
    private static final int UFRAG_CHARS = 8;
    /** 24 characters of 6 bits: 144 bits. */
    private static final int PASSWORD_CHARS = 24;

    public static IceCredentials random() {
        return new IceCredentials(randomChars(UFRAG_CHARS), randomChars(PASSWORD_CHARS));
    }

    private static String randomChars(int count) {
        char[] chars = new char[count];
        for (int i = 0; i < count; i++) {
            chars[i] = ICE_CHARS[RANDOM.nextInt(ICE_CHARS.length)];
        }
        return new String(chars);
    }
}
