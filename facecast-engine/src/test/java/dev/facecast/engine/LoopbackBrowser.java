package dev.facecast.engine;

import dev.facecast.engine.EngineTestSupport.Certificate;
import dev.facecast.engine.ice.IceCredentials;
import dev.facecast.engine.srtp.PacketBuffer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.utils.logging2.LoggerImpl;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.facecast.engine.EngineTestSupport.lines;
import static dev.facecast.engine.EngineTestSupport.mediaSections;
import static dev.facecast.engine.EngineTestSupport.u16;
import static dev.facecast.engine.EngineTestSupport.u32;
import static dev.facecast.engine.EngineTestSupport.u64;

/**
 * A browser's side of a WHEP session, without a browser: one UDP socket on loopback that
 * offers, sends ICE checks, runs the DTLS client (bctls) with use_srtp, then decrypts what the
 * engine sends (jitsi-srtp) and sends SRTCP feedback. What it receives is kept for the test to read.
 *
 * <p>Not thread-safe: the test thread drives it, and reads the socket only when told to
 * ({@link #receiveFor}); the kernel's socket buffer holds what arrives between.
 */
final class LoopbackBrowser implements AutoCloseable {

    /** Our RTCP sender SSRC. */
    static final int SSRC = 0x5EC0_0001;
    static final int ABS_SEND_TIME_ID = 3;
    private static final int SRTP_PROFILE = SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80;
    private static final int KEY_BYTES = 16;
    private static final int SALT_BYTES = 14;
    /** Browsers keep a pair alive with checks (RFC 7675 consent freshness); every 500 ms keeps the engine's quiet limit far off. */
    private static final long CONSENT_INTERVAL_NS = 500_000_000L;

    /** One decrypted RTP packet. */
    record Rtp(int ssrc, int payloadType, int sequence, long timestamp, boolean marker, byte[] payload) {
    }

    /** One decrypted RTCP sender report. */
    record SenderReport(int ssrc, long ntp, long rtpTimestamp, long packets, long octets) {
    }

    private final DatagramSocket socket;
    private final IceCredentials ice = IceCredentials.random();
    private final Certificate certificate = Certificate.selfSigned();
    private final byte[] datagram = new byte[2048];
    private final PacketBuffer buffer = new PacketBuffer();
    private final Map<Integer, SrtpCryptoContext> rtpContexts = new HashMap<>();
    private final Map<Integer, SrtcpCryptoContext> rtcpContexts = new HashMap<>();
    final List<Rtp> rtp = new ArrayList<>();
    final List<SenderReport> reports = new ArrayList<>();
    private InetSocketAddress server;
    private String serverUfrag;
    private String serverPassword;
    private String serverFingerprint;
    private int videoSsrc;
    private int audioSsrc;
    private int videoPayloadType;
    private int audioPayloadType;
    private SrtpContextFactory receiving;
    private SrtpContextFactory sending;
    private SrtcpCryptoContext feedbackContext;
    private long lastConsentCheckNs;

    LoopbackBrowser() throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setReceiveBufferSize(4 << 20);
    }

    /** What Chromium offers for a recvonly video and audio transceiver, trimmed: VP8 first, Opus. */
    String offer() {
        String transport = "c=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\na=ice-ufrag:" + ice.ufrag() + "\r\na=ice-pwd:"
                + ice.password() + "\r\na=ice-options:trickle\r\na=fingerprint:" + certificate.fingerprint()
                + "\r\na=setup:actpass\r\n";
        return "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\na=msid-semantic: WMS\r\n"
                + "m=video 9 UDP/TLS/RTP/SAVPF 96 97 98\r\n" + transport + "a=mid:0\r\n"
                + "a=extmap:" + ABS_SEND_TIME_ID + " http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n"
                + "a=recvonly\r\na=rtcp-mux\r\na=rtcp-rsize\r\na=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 goog-remb\r\n"
                + "a=rtcp-fb:96 ccm fir\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\na=rtpmap:97 rtx/90000\r\n"
                + "a=fmtp:97 apt=96\r\na=rtpmap:98 VP9/90000\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\n" + transport + "a=mid:1\r\na=recvonly\r\na=rtcp-mux\r\n"
                + "a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    /** Reads what the answer tells a browser: the engine's candidate, ICE credentials, fingerprint and streams. */
    void answered(String answer) {
        List<String> sections = mediaSections(answer);
        String video = sections.get(0);
        String audio = sections.get(1);
        String[] candidate = lines(video, "a=candidate:").getFirst().split(" ");
        server = new InetSocketAddress(candidate[4], Integer.parseInt(candidate[5]));
        serverUfrag = value(video, "a=ice-ufrag:");
        serverPassword = value(video, "a=ice-pwd:");
        serverFingerprint = value(video, "a=fingerprint:");
        videoSsrc = ssrc(video);
        audioSsrc = ssrc(audio);
        videoPayloadType = Integer.parseInt(value(video, "a=rtpmap:").split(" ")[0]);
        audioPayloadType = Integer.parseInt(value(audio, "a=rtpmap:").split(" ")[0]);
    }

    int videoSsrc() {
        return videoSsrc;
    }

    int audioSsrc() {
        return audioSsrc;
    }

    int videoPayloadType() {
        return videoPayloadType;
    }

    int audioPayloadType() {
        return audioPayloadType;
    }

    /** Sends a nominating Binding request and waits for its success response; returns it. */
    byte[] check(Duration timeout) throws IOException {
        byte[] request = EngineTestSupport.bindingRequest(serverUfrag, ice.ufrag(), serverPassword, true);
        socket.send(new DatagramPacket(request, request.length, server));
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadlineNs) {
            int length = receiveOne(Math.max(1, (int) ((deadlineNs - System.nanoTime()) / 1_000_000L)));
            if (length > 0 && (datagram[0] & 0xFF) < 4 && EngineTestSupport.integrityHolds(Arrays.copyOf(datagram, length), serverPassword)) {
                return Arrays.copyOf(datagram, length);
            }
        }
        throw new SocketTimeoutException("no STUN response in " + timeout.toMillis() + " ms");
    }

    /** Runs the DTLS client handshake to the end and derives the SRTP contexts from its exported keys. */
    void handshake() throws IOException {
        Client client = new Client(new BcTlsCrypto(new SecureRandom()));
        new DTLSClientProtocol().connect(client, new SocketTransport());
        byte[] keys = client.exported;
        byte[] clientKey = Arrays.copyOfRange(keys, 0, KEY_BYTES);
        byte[] serverKey = Arrays.copyOfRange(keys, KEY_BYTES, 2 * KEY_BYTES);
        byte[] clientSalt = Arrays.copyOfRange(keys, 2 * KEY_BYTES, 2 * KEY_BYTES + SALT_BYTES);
        byte[] serverSalt = Arrays.copyOfRange(keys, 2 * KEY_BYTES + SALT_BYTES, 2 * (KEY_BYTES + SALT_BYTES));
        LoggerImpl logger = new LoggerImpl(LoopbackBrowser.class.getName());
        receiving = new SrtpContextFactory(false, serverKey, serverSalt, EngineTestSupport.srtpPolicy(),
                EngineTestSupport.srtpPolicy(), logger);
        sending = new SrtpContextFactory(true, clientKey, clientSalt, EngineTestSupport.srtpPolicy(),
                EngineTestSupport.srtpPolicy(), logger);
        try {
            feedbackContext = sending.deriveControlContext(SSRC);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** Reads, decrypts and keeps every RTP and RTCP packet that arrives within {@code durationMs}. */
    void receiveFor(long durationMs) throws IOException {
        long deadlineNs = System.nanoTime() + durationMs * 1_000_000L;
        long leftMs;
        while ((leftMs = (deadlineNs - System.nanoTime()) / 1_000_000L) > 0) {
            sendConsentCheckIfDue();
            int length = receiveOne((int) Math.min(leftMs, CONSENT_INTERVAL_NS / 1_000_000L));
            int first = length > 1 ? datagram[0] & 0xFF : 0;
            if (first < 128 || first > 191) {
                continue;
            }
            int type = datagram[1] & 0xFF;
            if (type >= 192 && type <= 223) {
                readSrtcp(length);
            } else {
                readSrtp(length);
            }
        }
    }

    /** Protects a compound RTCP packet (it must start with our SSRC's packet) with the client's keys and sends it. */
    void sendRtcp(byte[] compound) throws IOException {
        buffer.set(compound, 0, compound.length);
        try {
            if (feedbackContext.transformPacket(buffer) != SrtpErrorStatus.OK) {
                throw new IOException("SRTCP protect failed");
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        socket.send(new DatagramPacket(buffer.getBuffer(), buffer.getOffset(), buffer.getLength(), server));
    }

    /** A non-nominating check, as a browser's consent freshness sends; its response is read and dropped. */
    private void sendConsentCheckIfDue() throws IOException {
        long nowNs = System.nanoTime();
        if (nowNs - lastConsentCheckNs >= CONSENT_INTERVAL_NS) {
            byte[] request = EngineTestSupport.bindingRequest(serverUfrag, ice.ufrag(), serverPassword, false);
            socket.send(new DatagramPacket(request, request.length, server));
            lastConsentCheckNs = nowNs;
        }
    }

    private void readSrtp(int length) throws IOException {
        int ssrc = (int) u32(datagram, 8);
        buffer.set(datagram, 0, length);
        try {
            SrtpCryptoContext context = rtpContexts.get(ssrc);
            if (context == null) {
                context = receiving.deriveContext(ssrc, 0);
                rtpContexts.put(ssrc, context);
            }
            if (context.reverseTransformPacket(buffer, false) != SrtpErrorStatus.OK) {
                throw new IOException("an SRTP packet of SSRC " + Integer.toUnsignedString(ssrc) + " did not authenticate");
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        byte[] packet = Arrays.copyOfRange(buffer.getBuffer(), buffer.getOffset(), buffer.getOffset() + buffer.getLength());
        int headerBytes = 12 + 4 * (packet[0] & 0x0F);
        if ((packet[0] & 0x10) != 0) {
            headerBytes += 4 + 4 * u16(packet, headerBytes + 2);
        }
        int end = (packet[0] & 0x20) != 0 ? packet.length - (packet[packet.length - 1] & 0xFF) : packet.length;
        rtp.add(new Rtp(ssrc, packet[1] & 0x7F, u16(packet, 2), u32(packet, 4), (packet[1] & 0x80) != 0,
                Arrays.copyOfRange(packet, headerBytes, end)));
    }

    private void readSrtcp(int length) throws IOException {
        int ssrc = (int) u32(datagram, 4);
        buffer.set(datagram, 0, length);
        try {
            SrtcpCryptoContext context = rtcpContexts.get(ssrc);
            if (context == null) {
                context = receiving.deriveControlContext(ssrc);
                rtcpContexts.put(ssrc, context);
            }
            if (context.reverseTransformPacket(buffer) != SrtpErrorStatus.OK) {
                throw new IOException("an SRTCP packet of SSRC " + Integer.toUnsignedString(ssrc) + " did not authenticate");
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        byte[] d = buffer.getBuffer();
        int at = buffer.getOffset();
        int end = at + buffer.getLength();
        while (at + 4 <= end) {
            int bytes = (u16(d, at + 2) + 1) * 4;
            if ((d[at + 1] & 0xFF) == EngineTestSupport.RTCP_SR && at + 28 <= end) {
                reports.add(new SenderReport((int) u32(d, at + 4), u64(d, at + 8), u32(d, at + 16), u32(d, at + 20),
                        u32(d, at + 24)));
            }
            at += bytes;
        }
    }

    /** One datagram into {@link #datagram}; its length, or 0 when none came within {@code waitMs}. */
    private int receiveOne(int waitMs) throws IOException {
        DatagramPacket packet = new DatagramPacket(datagram, datagram.length);
        socket.setSoTimeout(Math.max(1, waitMs));
        try {
            socket.receive(packet);
            return packet.getLength();
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    private static String value(String section, String prefix) {
        return lines(section, prefix).getFirst().substring(prefix.length());
    }

    private static int ssrc(String section) {
        return Integer.parseUnsignedInt(value(section, "a=ssrc:").split(" ")[0]);
    }

    @Override
    public void close() {
        socket.close();
        if (receiving != null) {
            receiving.close();
            sending.close();
        }
    }

    /** The socket as bctls's datagram transport: only DTLS records (first byte 20-63) go up; STUN responses are dropped. */
    private final class SocketTransport implements DatagramTransport {
        @Override
        public int getReceiveLimit() {
            return datagram.length;
        }

        @Override
        public int getSendLimit() {
            return 1200;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            long deadlineNs = System.nanoTime() + Math.max(1, waitMillis) * 1_000_000L;
            long leftMs;
            while ((leftMs = (deadlineNs - System.nanoTime()) / 1_000_000L) > 0) {
                int length = receiveOne((int) leftMs);
                if (length > 0 && datagram[0] >= 20 && datagram[0] <= 63) {
                    System.arraycopy(datagram, 0, buf, off, Math.min(len, length));
                    return Math.min(len, length);
                }
            }
            return -1;
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            socket.send(new DatagramPacket(buf, off, len, server));
        }

        @Override
        public void close() {
        }
    }

    /** The browser's DTLS client: DTLS 1.2, ECDSA certificate, use_srtp, and the engine's certificate checked by fingerprint. */
    private final class Client extends DefaultTlsClient {
        private final BcTlsCrypto crypto;
        private byte[] exported;

        Client(BcTlsCrypto crypto) {
            super(crypto);
            this.crypto = crypto;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return 10_000;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getClientExtensions() throws IOException {
            Hashtable extensions = super.getClientExtensions();
            if (extensions == null) {
                extensions = new Hashtable();
            }
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {SRTP_PROFILE}, TlsUtils.EMPTY_BYTES));
            return extensions;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    String presented = EngineTestSupport.sha256Fingerprint(serverCertificate.getCertificate().getCertificateAt(0).getEncoded());
                    if (!presented.toLowerCase(Locale.ROOT).equals(serverFingerprint.strip().toLowerCase(Locale.ROOT))) {
                        throw new TlsFatalAlert(AlertDescription.bad_certificate, "not the answer's fingerprint: " + presented);
                    }
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                    org.bouncycastle.tls.Certificate chain = new org.bouncycastle.tls.Certificate(
                            new TlsCertificate[] {crypto.createCertificate(certificate.der())});
                    return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, certificate.privateKey(),
                            chain, SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            exported = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, 2 * (KEY_BYTES + SALT_BYTES));
        }
    }
}
