package tw.mobileauth.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import tw.mobileauth.crypto.internal.BouncyCastle;

class DevicePublicKeyTest {

    private static final byte[] MESSAGE = "mobileauth-tw test message".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DeviceKey device = DeviceKey.generate(RANDOM);

    // --- parsing ---

    @Test
    void acceptsTheSpkiWebCryptoAndTheJdkExport() throws Exception {
        DevicePublicKey key = DevicePublicKey.fromSpki(device.publicKeySpki());
        assertEquals(91, key.spki().length);
        assertEquals(device.publicKey(), key);

        KeyPair jdk = jdkP256();
        DevicePublicKey fromJdk = DevicePublicKey.fromSpki(jdk.getPublic().getEncoded());
        assertArrayEquals(jdk.getPublic().getEncoded(), fromJdk.spki());
        assertNotEquals(key, fromJdk);
    }

    @Test
    void fingerprintIsTheBase64UrlSha256OfTheSpki() throws Exception {
        byte[] spki = device.publicKeySpki();
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        assertEquals(expected, DevicePublicKey.fromSpki(spki).fingerprint());
        assertNotEquals(expected, DeviceKey.generate(RANDOM).publicKey().fingerprint());
        assertTrue(device.publicKey().toString().contains(expected));
    }

    @Test
    void spkiIsCopiedInAndOut() throws Exception {
        byte[] mine = device.publicKeySpki();
        DevicePublicKey key = DevicePublicKey.fromSpki(mine);
        mine[mine.length - 1] ^= 1;
        assertArrayEquals(device.publicKeySpki(), key.spki());
        key.spki()[0] = 0;
        assertArrayEquals(device.publicKeySpki(), key.spki());
    }

    @Test
    void rejectsOtherAlgorithmsAndCurves() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024); // small is fine: only its encoding matters
        assertRejected(rsa.generateKeyPair().getPublic().getEncoded(), "RSA");
        assertRejected(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded(), "Ed25519");
        assertRejected(ecKey("secp384r1").getPublic().getEncoded(), "P-384");
        KeyPairGenerator k1 = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        k1.initialize(new ECGenParameterSpec("secp256k1"));
        assertRejected(k1.generateKeyPair().getPublic().getEncoded(), "secp256k1");
        DevicePublicKey.fromSpki(device.publicKeySpki()); // while P-256 passes
    }

    @Test
    void rejectsExplicitCurveParametersCompressedAndOffCurvePoints() throws Exception {
        X9ECParameters p256 = ECNamedCurveTable.getByName("secp256r1");
        ECPoint q = p256.getCurve().decodePoint(pointOf(device.publicKeySpki()));

        byte[] explicit = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, new X962Parameters(p256)),
                q.getEncoded(false)).getEncoded(ASN1Encoding.DER);
        assertRejected(explicit, "explicit parameters");

        assertRejected(namedP256(q.getEncoded(true)), "compressed point");

        byte[] offCurve = q.getEncoded(false);
        offCurve[64] ^= 1;
        assertRejected(namedP256(offCurve), "point off the curve");

        byte[] infinity = new byte[65];
        infinity[0] = 0x04;
        assertRejected(namedP256(infinity), "all-zero point");

        DevicePublicKey.fromSpki(namedP256(q.getEncoded(false))); // the honest encoding passes
    }

    @Test
    void rejectsNonCanonicalEncodings() throws Exception {
        byte[] spki = device.publicKeySpki();
        assertRejected(Arrays.copyOf(spki, spki.length + 1), "trailing byte");
        assertRejected(Arrays.copyOf(spki, spki.length - 1), "truncated");
        byte[] longForm = new byte[spki.length + 1];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        System.arraycopy(spki, 1, longForm, 2, spki.length - 1);
        assertRejected(longForm, "non-minimal length");
        assertRejected(new byte[0], "empty");
        assertRejected(null, "null");
        assertRejected(new byte[10_000], "huge");
    }

    /** Fuzz: random bytes and single-byte edits of a valid key raise only the typed exception. */
    @Test
    void arbitraryBytesRaiseOnlyTheTypedException() {
        Random random = new Random(91L);
        byte[] valid = device.publicKeySpki();
        int accepted = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] candidate;
            if (i % 2 == 0) {
                candidate = new byte[random.nextInt(120)];
                random.nextBytes(candidate);
            } else {
                candidate = valid.clone();
                candidate[random.nextInt(candidate.length)] = (byte) random.nextInt(256);
            }
            try {
                DevicePublicKey.fromSpki(candidate);
                accepted++;
            } catch (CryptoException.InvalidDeviceKey expected) {
                // the only allowed failure
            } catch (RuntimeException other) {
                fail("bytes " + Arrays.toString(candidate) + " escaped as " + other);
            }
        }
        assertTrue(accepted < 1000, "edits that keep a valid key (a no-op edit) are rare: " + accepted);
    }

    // --- signatures ---

    @Test
    void verifiesWebCryptoStyleP1363Signatures() {
        byte[] signature = device.sign(MESSAGE);
        assertEquals(64, signature.length);
        assertTrue(device.publicKey().verify(MESSAGE, signature));
        assertFalse(device.publicKey().verify("another message".getBytes(StandardCharsets.UTF_8), signature));
        assertFalse(DeviceKey.generate(RANDOM).publicKey().verify(MESSAGE, signature));
    }

    @Test
    void verifiesDerSignaturesFromTheJdk() throws Exception {
        KeyPair jdk = jdkP256();
        DevicePublicKey key = DevicePublicKey.fromSpki(jdk.getPublic().getEncoded());

        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(jdk.getPrivate());
        der.update(MESSAGE);
        byte[] derSignature = der.sign();
        assertEquals(0x30, derSignature[0] & 0xff);
        assertTrue(key.verify(MESSAGE, derSignature));

        Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format");
        p1363.initSign(jdk.getPrivate());
        p1363.update(MESSAGE);
        assertTrue(key.verify(MESSAGE, p1363.sign()));

        assertFalse(key.verify(Arrays.copyOf(MESSAGE, MESSAGE.length - 1), derSignature));
    }

    @Test
    void p1363AndDerFormsOfTheSameSignatureBothVerify() throws Exception {
        byte[] p1363 = device.sign(MESSAGE);
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(p1363, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(p1363, 32, 64));
        byte[] der = new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded(ASN1Encoding.DER);
        assertTrue(device.publicKey().verify(MESSAGE, der));

        byte[] wrongR = new DERSequence(new ASN1Integer[] {new ASN1Integer(r.add(BigInteger.ONE)), new ASN1Integer(s)})
                .getEncoded(ASN1Encoding.DER);
        assertFalse(device.publicKey().verify(MESSAGE, wrongR));
    }

    @Test
    void malformedSignaturesAreSimplyInvalid() {
        DevicePublicKey key = device.publicKey();
        byte[] good = device.sign(MESSAGE);
        assertTrue(key.verify(MESSAGE, good));

        byte[] flipped = good.clone();
        flipped[10] ^= 1;
        assertFalse(key.verify(MESSAGE, flipped));
        assertFalse(key.verify(MESSAGE, Arrays.copyOf(good, 63)));
        assertFalse(key.verify(MESSAGE, Arrays.copyOf(good, 65)));
        assertFalse(key.verify(MESSAGE, new byte[64]));
        assertFalse(key.verify(MESSAGE, new byte[0]));
        assertFalse(key.verify(MESSAGE, null));
        assertFalse(key.verify(null, good));
        byte[] allOnes = new byte[64];
        Arrays.fill(allOnes, (byte) 0xff); // r, s ≥ n
        assertFalse(key.verify(MESSAGE, allOnes));

        Random random = new Random(64L);
        for (int i = 0; i < 1000; i++) {
            byte[] junk = new byte[random.nextInt(100)];
            random.nextBytes(junk);
            if (i % 3 == 0 && junk.length > 0) {
                junk[0] = 0x30;
            }
            assertFalse(key.verify(MESSAGE, junk));
        }
    }

    @Test
    void verificationIsSafeAcrossThreadsAndKeys() throws Exception {
        DeviceKey other = DeviceKey.generate(RANDOM);
        byte[] mine = device.sign(MESSAGE);
        byte[] theirs = other.sign(MESSAGE);
        Thread[] threads = new Thread[4];
        boolean[] ok = new boolean[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int index = t;
            threads[t] = new Thread(() -> {
                boolean all = true;
                for (int i = 0; i < 50; i++) {
                    all &= device.publicKey().verify(MESSAGE, mine) && other.publicKey().verify(MESSAGE, theirs)
                            && !device.publicKey().verify(MESSAGE, theirs);
                }
                ok[index] = all;
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (boolean b : ok) {
            assertTrue(b);
        }
    }

    @Test
    void deviceKeyShowsOnlyItsPublicFingerprint() {
        assertEquals("DeviceKey[P-256, sha256=" + device.publicKey().fingerprint() + "]", device.toString());
    }

    private static void assertRejected(byte[] spki, String what) {
        assertThrows(CryptoException.InvalidDeviceKey.class, () -> DevicePublicKey.fromSpki(spki), what);
    }

    private static byte[] pointOf(byte[] spki) {
        return SubjectPublicKeyInfo.getInstance(spki).getPublicKeyData().getOctets();
    }

    private static byte[] namedP256(byte[] point) throws Exception {
        return new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, X9ObjectIdentifiers.prime256v1), point)
                .getEncoded(ASN1Encoding.DER);
    }

    private static KeyPair jdkP256() throws Exception {
        return ecKey("secp256r1");
    }

    private static KeyPair ecKey(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC"); // the JDK's SunEC
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }
}
