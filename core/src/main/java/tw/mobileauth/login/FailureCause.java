package tw.mobileauth.login;

/**
 * Why a login failed: the precise cause, for auditors only (STYLE §4, §7). A closed set.
 *
 * <p>The person and the portal never see it: every cause raises the same
 * {@link LoginFailedException} with the same message key, after the same work (one Argon2id
 * hash), so the answer is not an oracle for which of the four fields was wrong, or whether a
 * credential exists. The cause goes only into {@link LoginEvent.Failed}.
 *
 * <p>{@link #countsTowardsLockOut()} says which causes are failed guesses: those that happen
 * after the device signature verified, so the attempt came from the bound device and key. Such an
 * attempt is counted before it is evaluated (see {@link LockOutPolicy} for why the others are
 * never counted, and why counting comes first).
 */
public enum FailureCause {
    /** Step 1: no such login challenge (never issued, malformed id, or already cleaned up). */
    CHALLENGE_UNKNOWN(false),
    /** Step 1: the challenge's time ran out before the attempt arrived. */
    CHALLENGE_EXPIRED(false),
    /** Step 1: the challenge was already used by an earlier attempt. */
    CHALLENGE_REPLAYED(false),
    /** Step 2: no credential with this id (or the id is malformed). */
    UNKNOWN_CREDENTIAL(false),
    /** Step 3: the credential or its owner is locked out; not counted again. */
    LOCKED(false),
    /** Step 4: the credential was revoked (binding policy, administrator or the person). */
    CREDENTIAL_REVOKED(false),
    /** Step 4: the certificate (or the CA that issued it) is past its notAfter. */
    CERTIFICATE_EXPIRED(false),
    /** Step 4: the certificate (or its CA) is not valid yet. */
    CERTIFICATE_NOT_YET_VALID(false),
    /** Step 4: the certificate is not signed by a trusted enrolment CA (e.g. its CA was dropped after rotation). */
    CERTIFICATE_UNTRUSTED(false),
    /** Steps 4 and 7: the stored certificate, device key or password hash is unreadable: a store problem, alert. */
    CREDENTIAL_CORRUPT(false),
    /** Step 5: the device signature is missing or does not verify with the credential's device key. */
    BAD_SIGNATURE(false),
    /** Step 6: the national ID is not the credential owner's (or is not a national ID at all). */
    WRONG_ID(true),
    /** Step 6: the birth date does not match (or is not a date). */
    WRONG_BIRTH_DATE(true),
    /** Step 6: the name's comparison key does not match (or is not an acceptable name). */
    WRONG_NAME(true),
    /** Step 7: the certificate password is wrong (or empty). */
    WRONG_PASSWORD(true);

    private final boolean counted;

    FailureCause(boolean counted) {
        this.counted = counted;
    }

    /**
     * {@return whether this failure is a guess counted by the {@link LockOutPolicy}: only the four fields,
     * checked after the device signature verified; never challenge, credential, certificate,
     * signature or lock-out failures} (A guess is counted before it is evaluated, and a {@code LOCKED}
     * refusal of an attempt that raced others into a lock-out stays counted too: see
     * {@link LoginEvent.Failed#counted()}.)
     */
    public boolean countsTowardsLockOut() {
        return counted;
    }
}
