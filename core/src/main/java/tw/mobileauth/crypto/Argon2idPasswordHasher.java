package tw.mobileauth.crypto;

import java.nio.CharBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Argon2id (RFC 9106) password hashing with BouncyCastle, stored as PHC strings.
 *
 * <p>Defaults (the OWASP recommendation; docs/architecture.md, "Credentials and data at rest"):
 * <table>
 *   <caption>Builder settings</caption>
 *   <tr><th>setting</th><th>default</th><th>allowed</th></tr>
 *   <tr><td>{@link Builder#memoryKiB(int) memory}</td><td>19456 KiB (19 MiB)</td><td>8·p .. 262144 KiB</td></tr>
 *   <tr><td>{@link Builder#iterations(int) iterations}</td><td>2</td><td>1 .. 16</td></tr>
 *   <tr><td>{@link Builder#parallelism(int) parallelism}</td><td>1</td><td>1 .. 8</td></tr>
 *   <tr><td>{@link Builder#saltBytes(int) salt}</td><td>16 bytes</td><td>16 .. 64</td></tr>
 *   <tr><td>{@link Builder#hashBytes(int) hash}</td><td>32 bytes</td><td>16 .. 64</td></tr>
 *   <tr><td>{@link Builder#pepper(HmacKey) pepper}</td><td>none</td><td>any {@link HmacKey}</td></tr>
 *   <tr><td>{@link Builder#maxConcurrentHashes(int) concurrent hashes}</td><td>available processors</td><td>≥ 1</td></tr>
 *   <tr><td>{@link Builder#maxWait(Duration) wait for a permit}</td><td>2 seconds</td><td>0 .. 1 minute</td></tr>
 * </table>
 *
 * <p>The output is {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, salt and hash in
 * standard Base64 without padding, readable by libargon2 and every PHC-aware library (when no
 * pepper is set).
 *
 * <p><b>Pepper.</b> With {@link Builder#pepper(HmacKey)}, the Argon2id input is
 * {@code HMAC-SHA256(pepper, UTF-8(password))} instead of {@code UTF-8(password)}. The pepper is
 * kept outside the credential store (configuration or an HSM), so a stolen store alone cannot be
 * brute-forced. Verification needs the same pepper; the PHC string does not record it, so
 * changing the pepper invalidates every stored hash. Use a dedicated key, not the verifier key.
 *
 * <p><b>Limiter.</b> Each hash allocates {@code m} KiB. A fair semaphore admits at most
 * {@code maxConcurrentHashes} hashes at once; a caller that cannot get a permit within
 * {@code maxWait} gets {@link CryptoException.HasherBusy} instead of queueing forever. So the heap
 * used by hashing stays below {@code maxConcurrentHashes × m} (plus, for stored hashes with
 * larger parameters, at most 256 MiB each).
 *
 * <p>Passwords are encoded as UTF-8 without making a {@code String}; every intermediate byte
 * array is wiped, and BouncyCastle clears its memory blocks after each hash.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {

    /** Default memory: 19456 KiB (19 MiB). */
    public static final int DEFAULT_MEMORY_KIB = 19_456;
    /** Default iterations (passes): 2. */
    public static final int DEFAULT_ITERATIONS = 2;
    /** Default parallelism (lanes): 1. */
    public static final int DEFAULT_PARALLELISM = 1;
    /** Default salt length: 16 bytes. */
    public static final int DEFAULT_SALT_BYTES = 16;
    /** Default hash length: 32 bytes. */
    public static final int DEFAULT_HASH_BYTES = 32;
    /** Default wait for a hashing permit: 2 seconds. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(Argon2idPasswordHasher.class);
    /** OWASP's weakest recommended Argon2id setting is m=7168 KiB, t=5: about 35840 KiB·passes. */
    private static final long OWASP_MIN_WORK = 7_168L * 5;
    private static final Duration MAX_MAX_WAIT = Duration.ofMinutes(1);

    private final int memoryKiB;
    private final int iterations;
    private final int parallelism;
    private final int saltBytes;
    private final int hashBytes;
    private final Optional<HmacKey> pepper;
    private final int maxConcurrentHashes;
    private final Duration maxWait;
    private final SecureRandom random;
    private final Semaphore permits;
    private final HashObserver observer;
    private final Phc dummy;

    private Argon2idPasswordHasher(Builder b) {
        this.memoryKiB = b.memoryKiB;
        this.iterations = b.iterations;
        this.parallelism = b.parallelism;
        this.saltBytes = b.saltBytes;
        this.hashBytes = b.hashBytes;
        this.pepper = b.pepper;
        this.maxConcurrentHashes = b.maxConcurrentHashes;
        this.maxWait = b.maxWait;
        this.random = b.random;
        this.permits = new Semaphore(b.maxConcurrentHashes, true);
        this.observer = b.observer;
        byte[] dummySalt = new byte[saltBytes];
        byte[] dummyHash = new byte[hashBytes];
        random.nextBytes(dummySalt);
        random.nextBytes(dummyHash);
        this.dummy = new Phc(memoryKiB, iterations, parallelism, dummySalt, dummyHash);
    }

    /** {@return a builder with every default in the class description} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a hasher with every default in the class description: m=19456 KiB, t=2, p=1, no pepper} */
    public static Argon2idPasswordHasher withDefaults() {
        return builder().build();
    }

    @Override
    public String hash(char[] password) throws CryptoException.HasherBusy {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[saltBytes];
        random.nextBytes(salt);
        byte[] hash = compute(password, memoryKiB, iterations, parallelism, salt, hashBytes);
        String phc = new Phc(memoryKiB, iterations, parallelism, salt, hash).format();
        Framing.wipe(hash);
        return phc;
    }

    @Override
    public boolean verify(char[] password, String phc)
            throws CryptoException.MalformedPasswordHash, CryptoException.HasherBusy {
        Objects.requireNonNull(password, "password");
        return matches(password, Phc.parse(phc));
    }

    @Override
    public boolean needsRehash(String phc) throws CryptoException.MalformedPasswordHash {
        Phc stored = Phc.parse(phc);
        return stored.memoryKiB != memoryKiB || stored.iterations != iterations
                || stored.parallelism != parallelism || stored.salt.length != saltBytes
                || stored.hash.length != hashBytes;
    }

    @Override
    public void dummyVerify(char[] password) throws CryptoException.HasherBusy {
        Objects.requireNonNull(password, "password");
        matches(password, dummy);
    }

    /** Shows the parameters, never a secret: {@code Argon2idPasswordHasher[m=19456,t=2,p=1,pepper=yes,permits=2]}. */
    @Override
    public String toString() {
        return "Argon2idPasswordHasher[m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
                + ",pepper=" + (pepper.isPresent() ? "yes" : "no") + ",permits=" + maxConcurrentHashes + "]";
    }

    /** Callers waiting for a permit right now (an estimate, for tests and monitoring). */
    int waitingCallers() {
        return permits.getQueueLength();
    }

    private boolean matches(char[] password, Phc stored) throws CryptoException.HasherBusy {
        byte[] actual = compute(password, stored.memoryKiB, stored.iterations, stored.parallelism,
                stored.salt, stored.hash.length);
        try {
            return MessageDigest.isEqual(actual, stored.hash);
        } finally {
            Framing.wipe(actual);
        }
    }

    private byte[] compute(char[] password, int m, int t, int p, byte[] salt, int outBytes)
            throws CryptoException.HasherBusy {
        acquirePermit();
        try {
            observer.entered();
            byte[] input = argon2Input(password);
            Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(m)
                    .withIterations(t)
                    .withParallelism(p)
                    .withSalt(salt)
                    .build();
            try {
                Argon2BytesGenerator generator = new Argon2BytesGenerator();
                generator.init(params);
                byte[] out = new byte[outBytes];
                generator.generateBytes(input, out);
                return out;
            } finally {
                params.clear();
                Framing.wipe(input);
            }
        } finally {
            observer.exited();
            permits.release();
        }
    }

    private byte[] argon2Input(char[] password) {
        byte[] utf8 = Framing.utf8(CharBuffer.wrap(password));
        if (pepper.isEmpty()) {
            return utf8;
        }
        try {
            return pepper.get().mac(utf8);
        } finally {
            Framing.wipe(utf8);
        }
    }

    private void acquirePermit() throws CryptoException.HasherBusy {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CryptoException.HasherBusy("interrupted while waiting for a password-hashing permit");
        }
        if (!acquired) {
            throw new CryptoException.HasherBusy("all " + maxConcurrentHashes
                    + " password-hashing permits stayed busy for " + maxWait.toMillis()
                    + " ms; answer \"busy, try again\" and do not count it as a failed attempt");
        }
    }

    /** Test hook: told when a hash starts and ends inside the limiter. */
    interface HashObserver {
        HashObserver NONE = new HashObserver() {
            @Override
            public void entered() {
            }

            @Override
            public void exited() {
            }
        };

        void entered();

        void exited();
    }

    /**
     * Configures an {@link Argon2idPasswordHasher}. Every setting has a documented default, so
     * {@code builder().build()} is complete. Setters reject out-of-range values at once with
     * {@link IllegalArgumentException} (configuration errors, never user input).
     */
    public static final class Builder {
        private int memoryKiB = DEFAULT_MEMORY_KIB;
        private int iterations = DEFAULT_ITERATIONS;
        private int parallelism = DEFAULT_PARALLELISM;
        private int saltBytes = DEFAULT_SALT_BYTES;
        private int hashBytes = DEFAULT_HASH_BYTES;
        private Optional<HmacKey> pepper = Optional.empty();
        private int maxConcurrentHashes = Runtime.getRuntime().availableProcessors();
        private Duration maxWait = DEFAULT_MAX_WAIT;
        private SecureRandom random = new SecureRandom();
        private HashObserver observer = HashObserver.NONE;

        private Builder() {
        }

        /**
         * {@return memory per hash in KiB; default 19456, allowed 8·parallelism .. 262144}
         *
         * @param memoryKiB the memory ki b
         */
        public Builder memoryKiB(int memoryKiB) {
            this.memoryKiB = inRange("memoryKiB", memoryKiB, 8, Phc.MAX_MEMORY_KIB);
            return this;
        }

        /**
         * Passes over memory; default 2, allowed 1 .. 16.
         *
         * @param iterations the iterations value
         * @return this builder
         */
        public Builder iterations(int iterations) {
            this.iterations = inRange("iterations", iterations, Phc.MIN_ITERATIONS, Phc.MAX_ITERATIONS);
            return this;
        }

        /**
         * Lanes; default 1, allowed 1 .. 8. BouncyCastle computes lanes on one thread.
         *
         * @param parallelism the parallelism value
         * @return this builder
         */
        public Builder parallelism(int parallelism) {
            this.parallelism = inRange("parallelism", parallelism, Phc.MIN_PARALLELISM, Phc.MAX_PARALLELISM);
            return this;
        }

        /**
         * {@return salt length in bytes; default 16, allowed 16 .. 64}
         *
         * @param saltBytes the salt bytes
         */
        public Builder saltBytes(int saltBytes) {
            this.saltBytes = inRange("saltBytes", saltBytes, 16, Phc.MAX_SALT_BYTES);
            return this;
        }

        /**
         * {@return hash length in bytes; default 32, allowed 16 .. 64}
         *
         * @param hashBytes the hash bytes
         */
        public Builder hashBytes(int hashBytes) {
            this.hashBytes = inRange("hashBytes", hashBytes, Phc.MIN_HASH_BYTES, Phc.MAX_HASH_BYTES);
            return this;
        }

        /**
         * Applies {@code HMAC-SHA256(pepper, UTF-8(password))} before Argon2id. Default: no
         * pepper. See the class description for what changing it does.
         *
         * @param pepper the pepper value
         * @return this builder
         */
        public Builder pepper(HmacKey pepper) {
            this.pepper = Optional.of(Objects.requireNonNull(pepper, "pepper"));
            return this;
        }

        /**
         * Hashes allowed to run at once; default {@code Runtime.availableProcessors()}. The heap
         * hashing needs is about this × memory.
         *
         * @param permits the permits value
         * @return this builder
         */
        public Builder maxConcurrentHashes(int permits) {
            this.maxConcurrentHashes = inRange("maxConcurrentHashes", permits, 1, 1024);
            return this;
        }

        /**
         * {@return how long a caller waits for a permit before {@link CryptoException.HasherBusy};
         * default 2 seconds, allowed 0 (fail at once when all permits are taken) .. 1 minute}
         *
         * @param maxWait the max wait
         */
        public Builder maxWait(Duration maxWait) {
            Objects.requireNonNull(maxWait, "maxWait");
            if (maxWait.isNegative() || maxWait.compareTo(MAX_MAX_WAIT) > 0) {
                throw new IllegalArgumentException("maxWait must be 0 .. 1 minute, was " + maxWait);
            }
            this.maxWait = maxWait;
            return this;
        }

        /**
         * {@return source of salts; default {@code new SecureRandom()}}
         *
         * @param random the source of randomness
         */
        public Builder secureRandom(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Test hook, not API. */
        Builder observer(HashObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * {@return the hasher} Logs a WARN when the work factor is below OWASP's recommendations
         * (e.g. m=19456 KiB with t=2).
         *
         * @throws IllegalArgumentException if memory is below 8 KiB per lane
         */
        public Argon2idPasswordHasher build() {
            if (memoryKiB < 8L * parallelism) {
                throw new IllegalArgumentException("memoryKiB must be at least 8 × parallelism (" + 8 * parallelism
                        + "), was " + memoryKiB);
            }
            if ((long) memoryKiB * iterations < OWASP_MIN_WORK) {
                LOG.warn("Argon2id configured with m={} KiB, t={}: weaker than OWASP's minimum (m=19456, t=2 or "
                        + "equivalent). Use such parameters only in tests.", memoryKiB, iterations);
            }
            return new Argon2idPasswordHasher(this);
        }

        private static int inRange(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be " + min + " .. " + max + ", was " + value);
            }
            return value;
        }
    }
}
