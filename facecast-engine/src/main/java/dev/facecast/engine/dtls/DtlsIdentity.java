package dev.facecast.engine.dtls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The process's DTLS certificate: a self-signed ECDSA P-256 certificate made at start, as
 * browsers make theirs (WebRTC authenticates it by the SHA-256 fingerprint in the signalled
 * SDP, RFC 8122, not by a CA). One for all sessions: the fingerprint goes in every answer.
 */
public final class DtlsIdentity {

    /** Browsers reject certificates valid for more than a year or so; a month outlives any process here. */
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final AsymmetricKeyParameter privateKey;
    private final byte[] certificateDer;
    private final String fingerprint;

    private DtlsIdentity(AsymmetricKeyParameter privateKey, byte[] certificateDer) {
        this.privateKey = privateKey;
        this.certificateDer = certificateDer;
        this.fingerprint = sha256Fingerprint(certificateDer);
    }

    public static DtlsIdentity generate() {
        SecureRandom random = new SecureRandom();
        X9ECParameters curve = ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1);
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, curve), random));
        AsymmetricCipherKeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=facecast");
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, new BigInteger(64, random),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name,
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(keys.getPublic()));
            AlgorithmIdentifier signature = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
            AlgorithmIdentifier digest = new DefaultDigestAlgorithmIdentifierFinder().find(signature);
            X509CertificateHolder certificate = builder.build(new BcECContentSignerBuilder(signature, digest).build(keys.getPrivate()));
            return new DtlsIdentity(keys.getPrivate(), certificate.getEncoded());
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("could not make the DTLS certificate", e);
        }
    }

    /** {@code sha-256 AB:CD:...}, as the SDP fingerprint attribute carries it (RFC 8122 section 5). */
    public String fingerprint() {
        return fingerprint;
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    byte[] certificateDer() {
        return certificateDer.clone();
    }

    /** The SDP form of a certificate's SHA-256 fingerprint: upper-case hex pairs joined by colons. */
    static String sha256Fingerprint(byte[] der) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return "sha-256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Fingerprints compare without regard to case, as RFC 8122 allows either. */
    static boolean sameFingerprint(String a, String b) {
        return a != null && b != null && a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }
}
