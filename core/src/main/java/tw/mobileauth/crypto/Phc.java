package tw.mobileauth.crypto;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Argon2id PHC string, {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>},
 * with salt and hash in standard Base64 without padding (the PHC "B64" form that libargon2
 * writes). Parsing is strict: exactly this layout, decimal numbers without leading zeros,
 * canonical Base64, and every value inside the bounds below.
 */
final class Phc {

    /** Bounds a stored string must meet before any hashing; they also bound configured values. */
    static final int MIN_ITERATIONS = 1;
    static final int MAX_ITERATIONS = 16;
    static final int MIN_PARALLELISM = 1;
    static final int MAX_PARALLELISM = 8;
    /** 256 MiB: no stored string can make one verification allocate more than this. */
    static final int MAX_MEMORY_KIB = 262_144;
    static final int MIN_SALT_BYTES = 8;
    static final int MAX_SALT_BYTES = 64;
    static final int MIN_HASH_BYTES = 16;
    static final int MAX_HASH_BYTES = 64;

    private static final int MAX_LENGTH = 256;
    private static final String NUMBER = "(0|[1-9][0-9]{0,9})";
    private static final Pattern FORMAT = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=" + NUMBER + ",t=" + NUMBER + ",p=" + NUMBER
                    + "\\$([A-Za-z0-9+/]{11,86})\\$([A-Za-z0-9+/]{22,86})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    final int memoryKiB;
    final int iterations;
    final int parallelism;
    final byte[] salt;
    final byte[] hash;

    Phc(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {
        this.memoryKiB = memoryKiB;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.salt = salt;
        this.hash = hash;
    }

    static Phc parse(String phc) throws CryptoException.MalformedPasswordHash {
        if (phc == null || phc.length() > MAX_LENGTH) {
            throw malformed("missing or longer than " + MAX_LENGTH + " characters");
        }
        Matcher m = FORMAT.matcher(phc);
        if (!m.matches()) {
            throw malformed("not of the form $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>");
        }
        long memory = Long.parseLong(m.group(1));
        long iterations = Long.parseLong(m.group(2));
        long parallelism = Long.parseLong(m.group(3));
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw malformed("t must be " + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
        }
        if (parallelism < MIN_PARALLELISM || parallelism > MAX_PARALLELISM) {
            throw malformed("p must be " + MIN_PARALLELISM + ".." + MAX_PARALLELISM);
        }
        if (memory < 8 * parallelism || memory > MAX_MEMORY_KIB) {
            throw malformed("m must be 8·p.." + MAX_MEMORY_KIB + " KiB");
        }
        byte[] salt = strictBase64(m.group(4), "salt");
        byte[] hash = strictBase64(m.group(5), "hash");
        if (salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES) {
            throw malformed("salt must be " + MIN_SALT_BYTES + ".." + MAX_SALT_BYTES + " bytes");
        }
        if (hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
            throw malformed("hash must be " + MIN_HASH_BYTES + ".." + MAX_HASH_BYTES + " bytes");
        }
        return new Phc((int) memory, (int) iterations, (int) parallelism, salt, hash);
    }

    String format() {
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
                + '$' + B64.encodeToString(salt) + '$' + B64.encodeToString(hash);
    }

    private static byte[] strictBase64(String text, String part) throws CryptoException.MalformedPasswordHash {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed(part + " is not Base64");
        }
        if (!B64.encodeToString(bytes).equals(text)) {
            throw malformed(part + " is not canonical unpadded Base64");
        }
        return bytes;
    }

    private static CryptoException.MalformedPasswordHash malformed(String why) {
        return new CryptoException.MalformedPasswordHash("stored password hash is not an accepted Argon2id PHC string: "
                + why + ". The credential's password must be reset (re-enrol).");
    }
}
