package tw.mobileauth.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import tw.mobileauth.crypto.Argon2idPasswordHasher;

/**
 * The bare cryptography a login cannot avoid, with nothing of the SDK around it: one Argon2id
 * (the SDK's default parameters, BouncyCastle's generator), one ECDSA P-256 verification (the
 * BouncyCastle provider, an explicit instance as core uses) and HMAC-SHA256s. One instance per
 * thread (JCA objects are not thread-safe).
 */
final class CryptoFloor {

    static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final Argon2Parameters argon2;
    private final byte[] expectedHash = new byte[Argon2idPasswordHasher.DEFAULT_HASH_BYTES];
    private final char[] password = Portal.PASSWORD.toCharArray();
    private final Signature verifier;
    private final byte[] message = new byte[120];
    private final byte[] signature;
    private final Mac mac;
    private final byte[][] macInputs = {
        "subject|A123456789".getBytes(StandardCharsets.UTF_8),
        "birth-date|cred|1986-03-14".getBytes(StandardCharsets.UTF_8),
        "name|cred|王小明".getBytes(StandardCharsets.UTF_8),
        "login-challenge|AAAAAAAAAAAAAAAAAAAAAA".getBytes(StandardCharsets.UTF_8),
    };

    CryptoFloor() throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[Argon2idPasswordHasher.DEFAULT_SALT_BYTES];
        random.nextBytes(salt);
        argon2 = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(Argon2idPasswordHasher.DEFAULT_MEMORY_KIB)
                .withIterations(Argon2idPasswordHasher.DEFAULT_ITERATIONS)
                .withParallelism(Argon2idPasswordHasher.DEFAULT_PARALLELISM)
                .withSalt(salt).build();
        argon2(expectedHash);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair pair = generator.generateKeyPair();
        random.nextBytes(message);
        Signature signer = Signature.getInstance("SHA256withPLAIN-ECDSA", BC);
        signer.initSign(pair.getPrivate(), random);
        signer.update(message);
        signature = signer.sign();
        verifier = Signature.getInstance("SHA256withPLAIN-ECDSA", BC);
        verifier.initVerify(pair.getPublic());
        mac = Mac.getInstance("HmacSHA256");
        byte[] key = new byte[32];
        random.nextBytes(key);
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
    }

    private void argon2(byte[] out) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(argon2);
        generator.generateBytes(password, out);
    }

    /** One Argon2id verification: hash and compare in constant time. */
    boolean argon2Verify() {
        byte[] out = new byte[expectedHash.length];
        argon2(out);
        return MessageDigest.isEqual(out, expectedHash);
    }

    /** One P-256 verification over a 120-byte message (the size of a login message). */
    boolean p256Verify() throws Exception {
        verifier.update(message);
        return verifier.verify(signature);
    }

    /**
     * The whole floor of one login: one Argon2id verification, one P-256 verification and three
     * HMAC-SHA256s; returns a value that depends on all three, so nothing is dead code.
     */
    byte login() throws Exception {
        boolean argon2 = argon2Verify();
        boolean p256 = p256Verify(); // always run: it is part of the floor
        boolean ok = argon2 && p256;
        return (byte) (hmacs(3) ^ (ok ? 1 : 0));
    }

    /** {@code count} HMAC-SHA256s over verifier-sized inputs; returns a byte so nothing is dead code. */
    byte hmacs(int count) {
        byte x = 0;
        for (int i = 0; i < count; i++) {
            x ^= mac.doFinal(macInputs[i % macInputs.length])[0];
        }
        return x;
    }
}
