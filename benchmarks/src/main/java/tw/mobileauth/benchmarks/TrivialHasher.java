package tw.mobileauth.benchmarks;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import tw.mobileauth.crypto.PasswordHasher;

/**
 * A {@link PasswordHasher} that costs (almost) nothing: the "hash" is a constant string and
 * verification compares the password with one constant in constant time. Used to measure what
 * the SDK spends around the hash (device proof, stores, QR), never in a portal.
 */
final class TrivialHasher implements PasswordHasher {

    static final String PHC = "$trivial$v=1$benchmark";
    private final byte[] expected;

    TrivialHasher(String password) {
        this.expected = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String hash(char[] password) {
        return PHC;
    }

    @Override
    public boolean verify(char[] password, String phc) {
        return PHC.equals(phc) && MessageDigest.isEqual(expected, new String(password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean needsRehash(String phc) {
        return false;
    }

    @Override
    public void dummyVerify(char[] password) {
        verify(password, PHC);
    }
}
