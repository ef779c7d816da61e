package dev.pitwall.sandbox;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The sandbox's TLS material, made fresh at every start and never written anywhere but the
 * kubeconfig (the CA certificate): a CA, and a server certificate for the loopback address and
 * {@code localhost} signed by it.
 *
 * @param caCertificatePem     the CA certificate, for clients to trust
 * @param serverCertificatePem the server's certificate
 * @param serverKeyPem         the server's private key (PKCS #8)
 */
public record SandboxCertificates(String caCertificatePem, String serverCertificatePem, String serverKeyPem) {

    public static SandboxCertificates create(String host) {
        try {
            Instant now = Instant.now();
            Date from = Date.from(now.minus(Duration.ofMinutes(5)));
            Date until = Date.from(now.plus(Duration.ofDays(30)));
            SecureRandom random = new SecureRandom();

            KeyPair caKeys = keyPair();
            X500Name caName = new X500Name("CN=pitwall-sandbox-ca");
            JcaX509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, new BigInteger(64, random), from, until,
                    caName, caKeys.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCertificate = sign(ca.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));

            KeyPair serverKeys = keyPair();
            JcaX509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caName, new BigInteger(64, random), from,
                    until, new X500Name("CN=pitwall-sandbox"), serverKeys.getPublic());
            server.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                    new GeneralName(GeneralName.iPAddress, InetAddress.getByName(host).getHostAddress()),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
            server.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            X509Certificate serverCertificate = sign(server.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
            return new SandboxCertificates(pem(caCertificate), pem(serverCertificate), pem(serverKeys.getPrivate()));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the sandbox's TLS certificates: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (object instanceof java.security.PrivateKey key) {
                writer.writeObject(new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", key.getEncoded()));
            } else {
                writer.writeObject(object);
            }
        }
        return text.toString();
    }
}
