package tw.mobileauth.login;

import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.crypto.PasswordHasher;

/**
 * Makes every {@code finishLogin} cost exactly one Argon2id computation before it answers,
 * whatever the outcome, so the response time does not tell an unknown credential or a wrong ID
 * from a wrong password ("similar time", docs/journey.md, "Login, step by step"). Steps that hash go through it; the failure
 * path spends the one hash with {@link #spendIfUnspent} when no step did.
 *
 * <p>(A successful login whose stored hash has old parameters hashes a second time to upgrade it;
 * that is after the answer is decided and only on success.) One per attempt; not thread-safe.
 */
final class HashBudget {

    private final PasswordHasher hasher;
    private boolean spent;

    HashBudget(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    /** Verifies {@code password} against {@code phc}; a malformed {@code phc} spends nothing. */
    boolean verify(char[] password, String phc)
            throws CryptoException.MalformedPasswordHash, CryptoException.HasherBusy {
        boolean ok = hasher.verify(password, phc);
        spent = true;
        return ok;
    }

    /** Spends the one hash on nothing (unknown credential, or any failure before step 7). */
    void spendIfUnspent(char[] password) throws CryptoException.HasherBusy {
        if (!spent) {
            hasher.dummyVerify(password);
            spent = true;
        }
    }

    boolean spent() {
        return spent;
    }
}
