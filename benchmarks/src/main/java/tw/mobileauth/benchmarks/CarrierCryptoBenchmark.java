package tw.mobileauth.benchmarks;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tw.mobileauth.credential.CertificateIssuer;
import tw.mobileauth.credential.CredentialCertificate;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.crypto.DeviceKey;

/**
 * The crypto floor of {@code completeVerification}: the client-assertion signature the portal
 * sends to the carrier's token endpoint (ES256 sign), the ID token's verification (ES256 verify)
 * and the credential certificate's issuance (the SDK's {@link CertificateIssuer}, BouncyCastle
 * signer), each alone and together ({@link #floor}), on the BouncyCastle provider. The same sign
 * and verify on the JDK's SunEC provider show what moving carrier-camara to BouncyCastle gains.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {Jvm.QUIET, Jvm.NODELAY})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Threads(1)
public class CarrierCryptoBenchmark {

    /** Keys, a signed token-sized message per provider, and an issuer. */
    @State(Scope.Thread)
    public static class Keys {
        final byte[] message = new byte[400];
        Es256 bc;
        Es256 sun;
        CertificateIssuer issuer;
        DeviceKey device;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            SecureRandom random = new SecureRandom();
            random.nextBytes(message);
            bc = new Es256(CryptoFloor.BC, message, random);
            sun = new Es256(java.security.Security.getProvider("SunEC"), message, random);
            issuer = CertificateIssuer.builder(EnrollmentCa.generateDevelopmentCa("Benchmark CA", Clock.systemUTC()))
                    .build();
            device = DeviceKey.generate(random);
        }
    }

    /** ES256 (JWS form, P1363 signatures) on one provider. */
    static final class Es256 {
        private final Signature signer;
        private final Signature verifier;
        private final byte[] message;
        private final byte[] signature;

        Es256(Provider provider, byte[] message, SecureRandom random) throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            String algorithm = provider.getName().equals("BC") ? "SHA256withPLAIN-ECDSA" : "SHA256withECDSAinP1363Format";
            signer = Signature.getInstance(algorithm, provider);
            signer.initSign(pair.getPrivate(), random);
            verifier = Signature.getInstance(algorithm, provider);
            verifier.initVerify(pair.getPublic());
            this.message = message;
            this.signature = sign();
        }

        byte[] sign() throws Exception {
            signer.update(message);
            return signer.sign();
        }

        boolean verify() throws Exception {
            verifier.update(message);
            return verifier.verify(signature);
        }
    }

    @Benchmark
    public byte[] clientAssertionSignBc(Keys k) throws Exception {
        return k.bc.sign();
    }

    @Benchmark
    public boolean idTokenVerifyBc(Keys k) throws Exception {
        return k.bc.verify();
    }

    @Benchmark
    public byte[] clientAssertionSignSunEc(Keys k) throws Exception {
        return k.sun.sign();
    }

    @Benchmark
    public boolean idTokenVerifySunEc(Keys k) throws Exception {
        return k.sun.verify();
    }

    @Benchmark
    public CredentialCertificate issueCertificate(Keys k) {
        return k.issuer.issue(k.device.publicKey());
    }

    @Benchmark
    public void floor(Keys k, Blackhole bh) throws Exception {
        bh.consume(k.bc.sign());
        bh.consume(k.bc.verify());
        bh.consume(k.issuer.issue(k.device.publicKey()));
    }
}
