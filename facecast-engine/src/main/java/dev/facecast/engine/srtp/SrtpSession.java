package dev.facecast.engine.srtp;

import dev.facecast.engine.dtls.SrtpKeys;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.LoggerImpl;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One session's SRTP (RFC 3711) on jitsi-srtp: protects what we send (RTP and RTCP, with the
 * DTLS server's keys) and authenticates and decrypts the receiver's RTCP (the client's keys).
 * Contexts are made per SSRC, as the rollover counter and replay window are per stream.
 *
 * <p>Threading: protecting on the network send thread, unprotecting on the receive thread;
 * jitsi-srtp's contexts lock themselves.
 */
public final class SrtpSession implements AutoCloseable {

    /** AES-128 counter mode with an 80-bit HMAC-SHA1 tag: SRTP_AES128_CM_HMAC_SHA1_80. */
    private static SrtpPolicy policy() {
        SrtpPolicy policy = new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, SrtpKeys.KEY_BYTES,
                SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, SrtpKeys.SALT_BYTES);
        // A NACKed packet is protected again with its own sequence number: a retransmission, not a replay.
        policy.setSendReplayEnabled(false);
        return policy;
    }

    private final SrtpContextFactory sending;
    private final SrtpContextFactory receiving;
    private final Map<Integer, SrtpCryptoContext> rtpContexts = new ConcurrentHashMap<>();
    private final Map<Integer, SrtcpCryptoContext> rtcpContexts = new ConcurrentHashMap<>();
    private final Map<Integer, SrtcpCryptoContext> remoteRtcpContexts = new ConcurrentHashMap<>();

    public SrtpSession(SrtpKeys keys) {
        LoggerImpl logger = new LoggerImpl(SrtpSession.class.getName());
        this.sending = new SrtpContextFactory(true, keys.serverKey(), keys.serverSalt(), policy(), policy(), logger);
        this.receiving = new SrtpContextFactory(false, keys.clientKey(), keys.clientSalt(), policy(), policy(), logger);
    }

    /** Encrypts and tags an RTP packet in place; false when it could not be (it must not be sent). */
    public boolean protectRtp(PacketBuffer packet) {
        try {
            SrtpCryptoContext context = rtpContexts.get(ssrc(packet, 8));
            if (context == null) {
                context = sending.deriveContext(ssrc(packet, 8), 0);
                rtpContexts.put(ssrc(packet, 8), context);
            }
            return context.transformPacket(packet) == SrtpErrorStatus.OK;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Encrypts and tags a compound RTCP packet in place (SRTCP); false when it could not be. */
    public boolean protectRtcp(PacketBuffer packet) {
        try {
            int ssrc = ssrc(packet, 4);
            SrtcpCryptoContext context = rtcpContexts.get(ssrc);
            if (context == null) {
                context = sending.deriveControlContext(ssrc);
                rtcpContexts.put(ssrc, context);
            }
            return context.transformPacket(packet) == SrtpErrorStatus.OK;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Authenticates and decrypts the receiver's SRTCP in place; false for anything forged, replayed or broken. */
    public boolean unprotectRtcp(PacketBuffer packet) {
        if (packet.getLength() < 8 + 4 + 10) {
            return false;
        }
        try {
            int ssrc = ssrc(packet, 4);
            SrtcpCryptoContext context = remoteRtcpContexts.get(ssrc);
            if (context == null) {
                if (remoteRtcpContexts.size() >= MAX_REMOTE_STREAMS) {
                    return false;
                }
                context = receiving.deriveControlContext(ssrc);
                remoteRtcpContexts.put(ssrc, context);
            }
            return context.reverseTransformPacket(packet) == SrtpErrorStatus.OK;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** A receiver has one or two RTCP senders; a bound keeps a forged-SSRC flood from growing the map. */
    private static final int MAX_REMOTE_STREAMS = 8;

    private static int ssrc(PacketBuffer packet, int at) {
        byte[] b = packet.getBuffer();
        int o = packet.getOffset() + at;
        return ((b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }

    @Override
    public void close() {
        sending.close();
        receiving.close();
    }
}
