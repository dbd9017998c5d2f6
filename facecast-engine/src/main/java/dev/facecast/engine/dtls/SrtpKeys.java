package dev.facecast.engine.dtls;

/**
 * The SRTP master keys and salts a DTLS-SRTP handshake exported (RFC 5764 section 4.2), for
 * SRTP_AES128_CM_HMAC_SHA1_80: the client's and the server's. We are always the DTLS server
 * (our answer says {@code a=setup:passive}), so we send with the server's and read the
 * receiver's RTCP with the client's.
 */
public record SrtpKeys(byte[] clientKey, byte[] serverKey, byte[] clientSalt, byte[] serverSalt) {

    public static final int KEY_BYTES = 16;
    public static final int SALT_BYTES = 14;
    static final int EXPORTED_BYTES = 2 * (KEY_BYTES + SALT_BYTES);

    /** Splits the exporter's output: client key, server key, client salt, server salt. */
    static SrtpKeys fromExported(byte[] material) {
        if (material.length != EXPORTED_BYTES) {
            throw new IllegalArgumentException("DTLS-SRTP exports " + EXPORTED_BYTES + " bytes, not " + material.length);
        }
        byte[] clientKey = java.util.Arrays.copyOfRange(material, 0, KEY_BYTES);
        byte[] serverKey = java.util.Arrays.copyOfRange(material, KEY_BYTES, 2 * KEY_BYTES);
        byte[] clientSalt = java.util.Arrays.copyOfRange(material, 2 * KEY_BYTES, 2 * KEY_BYTES + SALT_BYTES);
        byte[] serverSalt = java.util.Arrays.copyOfRange(material, 2 * KEY_BYTES + SALT_BYTES, EXPORTED_BYTES);
        return new SrtpKeys(clientKey, serverKey, clientSalt, serverSalt);
    }
}
