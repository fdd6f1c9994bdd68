package tw.mobileauth.benchmarks.perf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import tw.mobileauth.crypto.PasswordHasher;

/**
 * A password "hasher" that costs one SHA-256, so a benchmark measures the SDK around the hash
 * rather than Argon2id. Benchmarks only: it is not a password hash.
 */
final class TrivialHasher implements PasswordHasher {

    private static final String PREFIX = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$";

    @Override
    public String hash(char[] password) {
        return PREFIX + digest(password);
    }

    @Override
    public boolean verify(char[] password, String phc) {
        return phc.equals(hash(password));
    }

    @Override
    public boolean needsRehash(String phc) {
        return false;
    }

    @Override
    public void dummyVerify(char[] password) {
        digest(password);
    }

    private static String digest(char[] password) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(new String(password).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
