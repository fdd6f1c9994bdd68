package tw.mobileauth.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2idPasswordHasherTest {

    /** Small parameters so most tests take milliseconds. */
    private static Argon2idPasswordHasher.Builder small() {
        return Argon2idPasswordHasher.builder().memoryKiB(1024).iterations(2);
    }

    private static char[] pw(String s) {
        return s.toCharArray();
    }

    /** A SecureRandom that always yields the same bytes, so two hashers draw the same salt. */
    private static SecureRandom fixedSalt() {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 0x5a);
            }
        };
    }

    // --- correctness against independent references ---

    @Test
    void bouncyCastleMatchesRfc9106Argon2idTestVector() {
        // RFC 9106 §5.3; anchors the library the hasher is built on.
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(32).withIterations(3).withParallelism(4)
                .withSalt(filled(16, 0x02)).withSecret(filled(8, 0x03)).withAdditional(filled(12, 0x04))
                .build());
        byte[] tag = new byte[32];
        generator.generateBytes(filled(32, 0x01), tag);
        assertEquals("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", HexFormat.of().formatHex(tag));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // libargon2's own test vectors (src/test.c), password "password", salt "somesalt".
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc"})
    void verifiesHashesWrittenByTheReferenceImplementation(String reference) throws Exception {
        Argon2idPasswordHasher hasher = small().build();
        assertTrue(hasher.verify(pw("password"), reference));
        assertFalse(hasher.verify(pw("passwore"), reference));
    }

    @Test
    void hashIsArgon2idOfTheUtf8PasswordAsBouncyCastleComputesIt() throws Exception {
        String password = "憑證密碼 Pa55!🔑";
        String phc = small().parallelism(2).build().hash(pw(password));
        String[] parts = phc.split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[4]);
        byte[] stored = Base64.getDecoder().decode(parts[5]);

        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(1024).withIterations(2).withParallelism(2).withSalt(salt).build());
        byte[] expected = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), expected);

        assertArrayEquals(expected, stored);
        expected[0] ^= 1;
        assertFalse(Arrays.equals(expected, stored));
    }

    @Test
    void phcStringRoundTripsWithTheConfiguredParameters() throws Exception {
        Argon2idPasswordHasher hasher = small().build();
        String phc = hasher.hash(pw("correct horse"));
        assertTrue(Pattern.matches("\\$argon2id\\$v=19\\$m=1024,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}", phc), phc);
        assertEquals(phc, Phc.parse(phc).format());
        assertTrue(hasher.verify(pw("correct horse"), phc));
        assertFalse(hasher.verify(pw("correct horse "), phc));
    }

    @Test
    void defaultsAreM19456T2P1WithSixteenByteSaltAndThirtyTwoByteHash() throws Exception {
        Argon2idPasswordHasher hasher = Argon2idPasswordHasher.withDefaults();
        String phc = hasher.hash(pw("預設參數"));
        assertTrue(Pattern.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}", phc), phc);
        assertTrue(hasher.verify(pw("預設參數"), phc));
        assertFalse(hasher.verify(pw("預設参數"), phc));
        assertFalse(hasher.needsRehash(phc));
    }

    @Test
    void eachHashUsesAFreshSalt() throws Exception {
        Argon2idPasswordHasher hasher = small().build();
        String a = hasher.hash(pw("same"));
        String b = hasher.hash(pw("same"));
        assertNotEquals(a, b);
        assertTrue(hasher.verify(pw("same"), a) && hasher.verify(pw("same"), b));
    }

    @Test
    void unpairedSurrogateDoesNotCollideWithQuestionMark() throws Exception {
        Argon2idPasswordHasher hasher = small().build();
        String phc = hasher.hash(pw("ab\uD800"));
        assertTrue(hasher.verify(pw("ab\uD800"), phc));
        assertFalse(hasher.verify(pw("ab?"), phc));
    }

    @Test
    void hashingLeavesTheCallersPasswordArrayAlone() throws Exception {
        char[] password = pw("keep me");
        small().build().hash(password);
        assertArrayEquals(pw("keep me"), password);
    }

    // --- rehash ---

    @Test
    void needsRehashWhenStoredParametersDifferFromConfigured() throws Exception {
        String phc = small().build().hash(pw("pw"));
        assertFalse(small().build().needsRehash(phc));
        assertTrue(small().memoryKiB(2048).build().needsRehash(phc));
        assertTrue(small().iterations(3).build().needsRehash(phc));
        assertTrue(small().parallelism(2).build().needsRehash(phc));
        assertTrue(small().saltBytes(32).build().needsRehash(phc));
        assertTrue(small().hashBytes(64).build().needsRehash(phc));
    }

    @Test
    void verifyUsesTheStoredParametersNotTheConfiguredOnes() throws Exception {
        String old = small().iterations(1).build().hash(pw("pw"));
        Argon2idPasswordHasher current = small().iterations(3).build();
        assertTrue(current.verify(pw("pw"), old));
        assertFalse(current.verify(pw("pW"), old));
        assertTrue(current.needsRehash(old));
    }

    // --- pepper ---

    @Test
    void pepperChangesTheHashAndMustBePresentToVerify() throws Exception {
        HmacKey pepper = HmacKey.generate(new SecureRandom());
        Argon2idPasswordHasher plain = small().secureRandom(fixedSalt()).build();
        Argon2idPasswordHasher peppered = small().secureRandom(fixedSalt()).pepper(pepper).build();
        Argon2idPasswordHasher otherPepper = small().pepper(HmacKey.generate(new SecureRandom())).build();

        String withPepper = peppered.hash(pw("pw"));
        String without = plain.hash(pw("pw"));
        assertEquals(without.substring(0, without.lastIndexOf('$')), withPepper.substring(0, withPepper.lastIndexOf('$')),
                "same parameters and salt");
        assertNotEquals(without, withPepper);

        assertTrue(peppered.verify(pw("pw"), withPepper));
        assertFalse(plain.verify(pw("pw"), withPepper));
        assertFalse(otherPepper.verify(pw("pw"), withPepper));
    }

    @Test
    void pepperedInputIsHmacSha256OfTheUtf8Password() throws Exception {
        HmacKey pepper = HmacKey.generate(new SecureRandom());
        String phc = small().pepper(pepper).build().hash(pw("密碼"));
        Phc parsed = Phc.parse(phc);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(1024).withIterations(2).withParallelism(1).withSalt(parsed.salt).build());
        byte[] expected = new byte[32];
        generator.generateBytes(pepper.mac("密碼".getBytes(StandardCharsets.UTF_8)), expected);
        assertArrayEquals(expected, parsed.hash);
    }

    // --- strict parsing ---

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "password",
        "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2d$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=16$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$t=2,m=256,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=0256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=0,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=2,p=0$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=4,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=4294967296,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=9999999999,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=262145,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=17,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=2,p=9$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ=$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHR$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/5",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR_uIPnA4rEsF5h7TKyQwu9U1bMCHGi-4",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIP",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4$",
        "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4\n",
        " $argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=2,p=1,keyid=x$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=２５６,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
        "$argon2id$v=19$m=256,t=2,p=1$$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"})
    void malformedPhcStringsAreRejectedWithTheTypedException(String malformed) throws Exception {
        Argon2idPasswordHasher hasher = small().build();
        assertThrows(CryptoException.MalformedPasswordHash.class, () -> hasher.verify(pw("password"), malformed));
        assertThrows(CryptoException.MalformedPasswordHash.class, () -> hasher.needsRehash(malformed));
        // the well-formed original passes
        assertTrue(hasher.verify(pw("password"),
                "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"));
    }

    @Test
    void nullAndHugePhcStringsAreRejectedWithTheTypedException() {
        Argon2idPasswordHasher hasher = small().build();
        assertThrows(CryptoException.MalformedPasswordHash.class, () -> hasher.verify(pw("p"), null));
        assertThrows(CryptoException.MalformedPasswordHash.class, () -> hasher.needsRehash("$".repeat(1_000_000)));
    }

    @Test
    void malformedPhcMessageNamesTheProblemButNotTheString() {
        String secretish = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/5";
        CryptoException.MalformedPasswordHash e = assertThrows(CryptoException.MalformedPasswordHash.class,
                () -> small().build().needsRehash(secretish));
        assertTrue(e.getMessage().contains("hash"), e.getMessage());
        assertFalse(e.getMessage().contains("nf65EO"), e.getMessage());
    }

    /** Fuzz: random edits of a valid PHC string either still verify/fail normally or raise only the typed exception. */
    @Test
    void mutatedPhcStringsNeverEscapeAsAnotherException() throws Exception {
        String valid = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
        String alphabet = "$=,0123456789mtpv+/AZaz_-.\u0000\u202e\uD800é密 \n";
        Argon2idPasswordHasher hasher = small().build();
        Random random = new Random(20240601L);
        int rejected = 0;
        int parsed = 0;
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder(valid);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int at = random.nextInt(s.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                switch (random.nextInt(4)) {
                    case 0 -> s.setCharAt(at, c);
                    case 1 -> s.insert(at, c);
                    case 2 -> s.deleteCharAt(at);
                    default -> s.setLength(at);
                }
            }
            String candidate = s.toString();
            try {
                boolean ok = hasher.verify(pw("password"), candidate);
                parsed++;
                if (ok && !candidate.equals(valid)) {
                    fail("an edited hash verified: " + candidate);
                }
            } catch (CryptoException.MalformedPasswordHash expected) {
                rejected++;
            } catch (RuntimeException other) {
                fail("edited PHC " + candidate + " escaped as " + other);
            }
        }
        assertTrue(rejected > 1000, "most edits are malformed: " + rejected);
        assertTrue(parsed > 0, "some edits (e.g. inside the hash) still parse: " + parsed);
    }

    // --- limiter ---

    @Test
    void limiterNeverAdmitsMoreConcurrentHashesThanPermits() throws Exception {
        int permits = 2;
        int callers = 8;
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger entries = new AtomicInteger();
        CountDownLatch allPermitsTaken = new CountDownLatch(permits);
        CountDownLatch release = new CountDownLatch(1);
        Argon2idPasswordHasher hasher = Argon2idPasswordHasher.builder().memoryKiB(64).iterations(1)
                .maxConcurrentHashes(permits).maxWait(Duration.ofMinutes(1))
                .observer(new Argon2idPasswordHasher.HashObserver() {
                    @Override
                    public void entered() {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        entries.incrementAndGet();
                        allPermitsTaken.countDown();
                        await(release);
                    }

                    @Override
                    public void exited() {
                        inside.decrementAndGet();
                    }
                }).build();

        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> hasher.hash(pw("pw"))));
            }
            assertTrue(allPermitsTaken.await(30, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (hasher.waitingCallers() < callers - permits) {
                assertTrue(System.nanoTime() < deadline, "callers never queued");
                Thread.onSpinWait();
            }
            assertEquals(permits, inside.get(), "the other callers wait outside");
            assertEquals(permits, entries.get());

            release.countDown();
            for (Future<String> result : results) {
                assertTrue(hasher.verify(pw("pw"), result.get(30, TimeUnit.SECONDS)));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(permits, maxInside.get());
        assertEquals(callers * 2, entries.get(), "8 hashes plus 8 verifications");
        assertEquals(0, inside.get());
    }

    @Test
    void callerGetsHasherBusyWhenNoPermitFreesInTime() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Argon2idPasswordHasher hasher = Argon2idPasswordHasher.builder().memoryKiB(64).iterations(1)
                .maxConcurrentHashes(1).maxWait(Duration.ZERO)
                .observer(new Argon2idPasswordHasher.HashObserver() {
                    @Override
                    public void entered() {
                        if (calls.incrementAndGet() == 1) {
                            holding.countDown();
                            await(release);
                        }
                    }

                    @Override
                    public void exited() {
                    }
                }).build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = pool.submit(() -> hasher.hash(pw("pw")));
            assertTrue(holding.await(30, TimeUnit.SECONDS));

            assertThrows(CryptoException.HasherBusy.class, () -> hasher.hash(pw("pw")));
            assertThrows(CryptoException.HasherBusy.class, () -> hasher.dummyVerify(pw("pw")));

            release.countDown();
            String phc = first.get(30, TimeUnit.SECONDS);
            assertTrue(hasher.verify(pw("pw"), phc), "with the permit free again, hashing works");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void dummyVerifyCostsExactlyOneHashWithTheConfiguredParameters() throws Exception {
        AtomicInteger hashes = new AtomicInteger();
        Argon2idPasswordHasher hasher = small().observer(new Argon2idPasswordHasher.HashObserver() {
            @Override
            public void entered() {
                hashes.incrementAndGet();
            }

            @Override
            public void exited() {
            }
        }).build();
        String phc = hasher.hash(pw("pw"));
        assertEquals(1, hashes.getAndSet(0));

        hasher.dummyVerify(pw("pw"));
        assertEquals(1, hashes.getAndSet(0), "an unknown credential costs one hash");
        hasher.verify(pw("pw"), phc);
        assertEquals(1, hashes.getAndSet(0), "as does a known one");
        assertThrows(CryptoException.MalformedPasswordHash.class, () -> hasher.verify(pw("pw"), "$argon2id$"));
        assertEquals(0, hashes.get(), "a malformed stored hash is rejected before any hashing");
    }

    // --- configuration ---

    @Test
    void builderRejectsOutOfRangeSettings() {
        assertThrows(IllegalArgumentException.class, () -> Argon2idPasswordHasher.builder().memoryKiB(262_145));
        assertThrows(IllegalArgumentException.class, () -> Argon2idPasswordHasher.builder().iterations(0));
        assertThrows(IllegalArgumentException.class, () -> Argon2idPasswordHasher.builder().parallelism(9));
        assertThrows(IllegalArgumentException.class, () -> Argon2idPasswordHasher.builder().saltBytes(8));
        assertThrows(IllegalArgumentException.class, () -> Argon2idPasswordHasher.builder().hashBytes(15));
        assertThrows(IllegalArgumentException.class, () -> Argon2idPasswordHasher.builder().maxConcurrentHashes(0));
        assertThrows(IllegalArgumentException.class, () -> Argon2idPasswordHasher.builder().maxWait(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> Argon2idPasswordHasher.builder().memoryKiB(8).parallelism(2).build());
        assertEquals("Argon2idPasswordHasher[m=16,t=1,p=2,pepper=no,permits=3]",
                Argon2idPasswordHasher.builder().memoryKiB(16).iterations(1).parallelism(2).maxConcurrentHashes(3).build().toString());
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test latch never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
