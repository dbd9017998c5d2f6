package dev.facecast.engine;

import dev.facecast.engine.rtp.RtcpFeedback;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.ice4j.StunException;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.ice4j.message.Request;
import org.ice4j.security.CredentialsAuthority;
import org.ice4j.stack.StunStack;
import org.jitsi.srtp.SrtpPolicy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the engine's tests share: RTP/RTCP bytes built and read by hand (the oracle is the RFC,
 * not the code under test), STUN checks as a browser sends them, a receiver's DTLS certificate,
 * the SRTP policy of DTLS-SRTP and a Chromium offer.
 */
public final class EngineTestSupport {

    public static final int RTCP_SR = 200;
    public static final int RTCP_RR = 201;
    public static final int RTCP_SDES = 202;
    public static final int RTCP_BYE = 203;
    public static final int RTCP_RTPFB = 205;
    public static final int RTCP_PSFB = 206;

    private EngineTestSupport() {
    }

    // ---- bytes ----

    public static int u8(byte[] data, int at) {
        return data[at] & 0xFF;
    }

    public static int u16(byte[] data, int at) {
        return ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
    }

    public static long u32(byte[] data, int at) {
        return ((long) u16(data, at) << 16) | u16(data, at + 2);
    }

    public static long u64(byte[] data, int at) {
        return (u32(data, at) << 32) | u32(data, at + 4);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    // ---- RTCP (RFC 3550 section 6, RFC 4585 section 6, RFC 5104 section 4.3.1, draft-alvestrand-rmcat-remb) ----

    /** One RTCP packet: V=2, {@code format} (count or FMT), {@code type}, then {@code words} as 32-bit words. */
    public static byte[] rtcp(int format, int type, int... words) {
        byte[] packet = new byte[4 + 4 * words.length];
        packet[0] = (byte) (0x80 | format);
        packet[1] = (byte) type;
        packet[2] = (byte) (words.length >> 8);
        packet[3] = (byte) words.length;
        for (int i = 0; i < words.length; i++) {
            putInt(packet, 4 + 4 * i, words[i]);
        }
        return packet;
    }

    /** A generic NACK: one FCI word per {@code pidAndBlp} entry, PID in the high 16 bits, BLP in the low. */
    public static byte[] nack(int senderSsrc, int mediaSsrc, int... pidAndBlp) {
        int[] words = new int[2 + pidAndBlp.length];
        words[0] = senderSsrc;
        words[1] = mediaSsrc;
        System.arraycopy(pidAndBlp, 0, words, 2, pidAndBlp.length);
        return rtcp(1, RTCP_RTPFB, words);
    }

    public static int pidBlp(int pid, int blp) {
        return (pid << 16) | (blp & 0xFFFF);
    }

    public static byte[] pli(int senderSsrc, int mediaSsrc) {
        return rtcp(1, RTCP_PSFB, senderSsrc, mediaSsrc);
    }

    /** A FIR: the media SSRC field is 0; the stream is named in the FCI, with a command sequence number. */
    public static byte[] fir(int senderSsrc, int fciSsrc, int commandSequence) {
        return rtcp(4, RTCP_PSFB, senderSsrc, 0, fciSsrc, commandSequence << 24);
    }

    /** A REMB for one SSRC: bitrate = mantissa (18 bits) x 2^exponent (6 bits). */
    public static byte[] remb(int senderSsrc, int exponent, int mantissa, int ssrc) {
        return rtcp(15, RTCP_PSFB, senderSsrc, 0, 0x52454D42, (1 << 24) | (exponent << 18) | mantissa, ssrc);
    }

    public static byte[] bye(int ssrc) {
        return rtcp(1, RTCP_BYE, ssrc);
    }

    public static byte[] emptyReceiverReport(int ssrc) {
        return rtcp(0, RTCP_RR, ssrc);
    }

    public static byte[] senderReport(int ssrc) {
        return rtcp(0, RTCP_SR, ssrc, 0xE8000000, 0, 12345, 10, 1000);
    }

    /** Records what {@link RtcpFeedback} reports, as short strings: {@code nack 1234 65535}, {@code key 1234}, ... */
    public static final class RecordingFeedback implements RtcpFeedback.Listener {
        public final List<String> events = new java.util.ArrayList<>();

        @Override
        public void nack(int mediaSsrc, int sequence) {
            events.add("nack " + Integer.toUnsignedString(mediaSsrc) + " " + sequence);
        }

        @Override
        public void keyframeRequest(int mediaSsrc) {
            events.add("key " + Integer.toUnsignedString(mediaSsrc));
        }

        @Override
        public void estimatedBitrate(long bitrateBps) {
            events.add("remb " + bitrateBps);
        }

        @Override
        public void bye() {
            events.add("bye");
        }
    }

    // ---- STUN (RFC 5389, RFC 8445 section 7.1.2) ----

    /**
     * A Binding request as a browser's ICE agent sends it to us: USERNAME
     * {@code <serverUfrag>:<clientUfrag>}, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE when
     * nominating, MESSAGE-INTEGRITY keyed by the server's password, FINGERPRINT.
     */
    public static byte[] bindingRequest(String serverUfrag, String clientUfrag, String serverPassword, boolean useCandidate) {
        String username = serverUfrag + ":" + clientUfrag;
        StunStack stack = new StunStack();
        stack.getCredentialsManager().registerAuthority(new CredentialsAuthority() {
            @Override
            public byte[] getLocalKey(String user) {
                return null;
            }

            @Override
            public byte[] getRemoteKey(String user, String media) {
                // ice4j keys a request's integrity with the remote (the answering agent's) password.
                return serverPassword.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public boolean checkLocalUserName(String user) {
                return false;
            }
        });
        try {
            Request request = MessageFactory.createBindingRequest();
            byte[] transactionId = new byte[12];
            new SecureRandom().nextBytes(transactionId);
            request.setTransactionID(transactionId);
            request.putAttribute(AttributeFactory.createUsernameAttribute(username));
            request.putAttribute(AttributeFactory.createPriorityAttribute(1_853_817_087L));
            request.putAttribute(AttributeFactory.createIceControllingAttribute(0x1234_5678_9ABCL));
            if (useCandidate) {
                request.putAttribute(AttributeFactory.createUseCandidateAttribute());
            }
            request.putAttribute(AttributeFactory.createMessageIntegrityAttribute(username));
            request.putAttribute(AttributeFactory.createFingerprintAttribute());
            return request.encode(stack);
        } catch (StunException e) {
            throw new IllegalStateException("ice4j could not encode a Binding request", e);
        } finally {
            stack.shutDown();
        }
    }

    /** The STUN transaction id: bytes 8-19 (after the magic cookie). */
    public static byte[] transactionId(byte[] stun) {
        return Arrays.copyOfRange(stun, 8, 20);
    }

    /**
     * Whether a STUN message's MESSAGE-INTEGRITY is the HMAC-SHA1, keyed by {@code password}, of
     * the message before it with the length field as if it were the last attribute
     * (RFC 5389 section 15.4). Computed here, not by ice4j, so the test does not trust the library
     * the code under test uses.
     */
    public static boolean integrityHolds(byte[] stun, String password) {
        int at = Message.HEADER_LENGTH;
        while (at + 4 <= stun.length) {
            int type = u16(stun, at);
            int length = u16(stun, at + 2);
            if (type == 0x0008) {
                byte[] covered = Arrays.copyOf(stun, at);
                int lengthAsIfLast = at - Message.HEADER_LENGTH + 24;
                covered[2] = (byte) (lengthAsIfLast >> 8);
                covered[3] = (byte) lengthAsIfLast;
                try {
                    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
                    mac.init(new javax.crypto.spec.SecretKeySpec(password.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
                    return MessageDigest.isEqual(mac.doFinal(covered), Arrays.copyOfRange(stun, at + 4, at + 24));
                } catch (java.security.GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
            at += 4 + ((length + 3) & ~3);
        }
        return false;
    }

    // ---- DTLS certificate (RFC 8122) ----

    /** A receiver's self-signed ECDSA P-256 certificate, as browsers make theirs. */
    public record Certificate(AsymmetricKeyParameter privateKey, byte[] der) {

        public static Certificate selfSigned() {
            SecureRandom random = new SecureRandom();
            ECKeyPairGenerator generator = new ECKeyPairGenerator();
            generator.init(new ECKeyGenerationParameters(new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1,
                    ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1)), random));
            AsymmetricCipherKeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=WebRTC");
            Instant now = Instant.now();
            try {
                X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, new BigInteger(64, random),
                        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name,
                        SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keys.getPublic()));
                AlgorithmIdentifier signature = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
                AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
                return new Certificate(keys.getPrivate(),
                        builder.build(new BcECContentSignerBuilder(signature, digest).build(keys.getPrivate())).getEncoded());
            } catch (IOException | org.bouncycastle.operator.OperatorCreationException e) {
                throw new IllegalStateException("could not make a test certificate", e);
            }
        }

        /** {@code sha-256 AB:CD:...}, as in {@code a=fingerprint}. */
        public String fingerprint() {
            return sha256Fingerprint(der);
        }
    }

    public static String sha256Fingerprint(byte[] der) {
        try {
            return "sha-256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- SRTP ----

    /**
     * SRTP_AES128_CM_HMAC_SHA1_80 (RFC 5764 section 4.1.2), with replay checks off on receipt:
     * a test asks for a packet it already has (a NACK) and must be able to read it twice.
     */
    public static SrtpPolicy srtpPolicy() {
        SrtpPolicy policy = new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, 14);
        policy.setReceiveReplayEnabled(false);
        policy.setSendReplayEnabled(false);
        return policy;
    }

    // ---- SDP ----

    /** A Chromium (M13x) WHEP offer: recvonly VP8 and more, recvonly Opus, a data channel; CRLF line ends. */
    public static String chromiumOffer() {
        return resource("/offers/chromium-whep.sdp").replace("\r\n", "\n").replace("\n", "\r\n");
    }

    public static String resource(String path) {
        try (InputStream in = EngineTestSupport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SDP without every line that starts with {@code prefix}. */
    public static String withoutLines(String sdp, String prefix) {
        return sdp.lines().filter(line -> !line.startsWith(prefix)).collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    /** The lines of {@code sdp} that start with {@code prefix}, in order. */
    public static List<String> lines(String sdp, String prefix) {
        return sdp.lines().filter(line -> line.startsWith(prefix)).toList();
    }

    /** The media sections of {@code sdp}, each from its m-line to before the next. */
    public static List<String> mediaSections(String sdp) {
        String[] parts = sdp.split("(?=\r\nm=)");
        return Arrays.stream(parts).skip(1).map(part -> part.substring(2).stripTrailing() + "\r\n").toList();
    }

    private static void putInt(byte[] d, int at, int value) {
        d[at] = (byte) (value >> 24);
        d[at + 1] = (byte) (value >> 16);
        d[at + 2] = (byte) (value >> 8);
        d[at + 3] = (byte) value;
    }
}
