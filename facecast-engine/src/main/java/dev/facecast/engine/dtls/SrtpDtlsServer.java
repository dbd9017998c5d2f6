package dev.facecast.engine.dtls;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SRTPProtectionProfile;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;

/**
 * The DTLS server of one session's DTLS-SRTP handshake (RFC 5764), on BouncyCastle's bctls:
 * DTLS 1.2, ECDHE-ECDSA, the browser's certificate required and checked against the
 * fingerprint its offer signalled (the only thing that authenticates it, RFC 8827 section 6.5),
 * and the {@code use_srtp} extension answered with SRTP_AES128_CM_HMAC_SHA1_80, the profile
 * every browser offers and jitsi-srtp implements.
 */
final class SrtpDtlsServer extends DefaultTlsServer {

    private static final int SRTP_PROFILE = SRTPProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80;

    private final BcTlsCrypto crypto;
    private final DtlsIdentity identity;
    private final String remoteFingerprint;
    private volatile SrtpKeys keys;

    /** @param remoteFingerprint the {@code a=fingerprint} of the browser's offer, {@code sha-256 AB:...} */
    SrtpDtlsServer(BcTlsCrypto crypto, DtlsIdentity identity, String remoteFingerprint) {
        super(crypto);
        this.crypto = crypto;
        this.identity = identity;
        this.remoteFingerprint = remoteFingerprint;
    }

    /** The exported SRTP keys, once the handshake completed; null before. */
    SrtpKeys keys() {
        return keys;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        // What browsers offer for an ECDSA certificate, strongest first.
        return new int[] {
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
        };
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        Certificate certificate = new Certificate(new TlsCertificate[] {crypto.createCertificate(identity.certificateDer())});
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, identity.privateKey(),
                certificate, SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        Vector<?> algorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
        return new CertificateRequest(types, algorithms, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the receiver sent no DTLS certificate");
        }
        String presented = DtlsIdentity.sha256Fingerprint(clientCertificate.getCertificateAt(0).getEncoded());
        if (!DtlsIdentity.sameFingerprint(presented, remoteFingerprint)) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "the receiver's DTLS certificate is not the one its offer named");
        }
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null || java.util.Arrays.stream(offered.getProtectionProfiles()).noneMatch(p -> p == SRTP_PROFILE)) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the receiver offered no SRTP profile we take");
        }
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        if (extensions == null) {
            extensions = new Hashtable();
        }
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {SRTP_PROFILE}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        keys = SrtpKeys.fromExported(context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, SrtpKeys.EXPORTED_BYTES));
    }
}
