package tw.mobileauth.login;

import java.util.concurrent.atomic.AtomicInteger;
import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.crypto.PasswordHasher;

/**
 * Wraps a real {@link PasswordHasher} and counts the Argon2id computations that ran to the end
 * ({@code hash}, {@code verify}, {@code dummyVerify}); {@code needsRehash} does not hash. Can be
 * told to answer "busy" with a real {@link CryptoException.HasherBusy}.
 */
final class CountingHasher implements PasswordHasher {

    private final PasswordHasher delegate;
    private final AtomicInteger hashes = new AtomicInteger();
    private final AtomicInteger verifies = new AtomicInteger();
    private final AtomicInteger dummies = new AtomicInteger();
    private volatile CryptoException.HasherBusy busy;

    CountingHasher(PasswordHasher delegate) {
        this.delegate = delegate;
    }

    @Override
    public String hash(char[] password) throws CryptoException.HasherBusy {
        throwIfBusy();
        String phc = delegate.hash(password);
        hashes.incrementAndGet();
        return phc;
    }

    @Override
    public boolean verify(char[] password, String phc)
            throws CryptoException.MalformedPasswordHash, CryptoException.HasherBusy {
        throwIfBusy();
        boolean ok = delegate.verify(password, phc);
        verifies.incrementAndGet();
        return ok;
    }

    @Override
    public boolean needsRehash(String phc) throws CryptoException.MalformedPasswordHash {
        return delegate.needsRehash(phc);
    }

    @Override
    public void dummyVerify(char[] password) throws CryptoException.HasherBusy {
        throwIfBusy();
        delegate.dummyVerify(password);
        dummies.incrementAndGet();
    }

    /** Every Argon2id computation so far. */
    int computations() {
        return hashes.get() + verifies.get() + dummies.get();
    }

    int hashes() {
        return hashes.get();
    }

    int verifies() {
        return verifies.get();
    }

    int dummies() {
        return dummies.get();
    }

    void reset() {
        hashes.set(0);
        verifies.set(0);
        dummies.set(0);
    }

    /** From now on every hashing call throws {@code busy} (null: normal again). */
    void answerBusy(CryptoException.HasherBusy busy) {
        this.busy = busy;
    }

    private void throwIfBusy() throws CryptoException.HasherBusy {
        CryptoException.HasherBusy b = busy;
        if (b != null) {
            throw b;
        }
    }
}
