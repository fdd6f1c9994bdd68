package tw.mobileauth.crypto;

/**
 * Hashes and verifies passwords (憑證密碼; docs/architecture.md, "Credentials and data at rest") as PHC strings.
 *
 * <p>How a login uses it (LoginService step 2 and 7):
 * <pre>{@code
 * Optional<CredentialRecord> record = store.find(credentialId);
 * if (record.isEmpty()) {
 *     hasher.dummyVerify(password);         // an unknown credential costs one hash, too
 *     throw loginFailed();
 * }
 * if (!hasher.verify(password, record.get().passwordHash())) throw loginFailed();
 * if (hasher.needsRehash(record.get().passwordHash())) {
 *     store.updatePasswordHash(credentialId, hasher.hash(password));
 * }
 * }</pre>
 *
 * <p>The caller owns the {@code char[]} password and wipes it after use; implementations never
 * keep or log it. Every method that hashes may wait for a permit of a bounded limiter and then
 * throws {@link CryptoException.HasherBusy}: that is load, never a wrong password.
 * A {@code null} password is a programming error ({@code NullPointerException}): validate the
 * form first. A {@code null} or malformed stored hash is {@link CryptoException.MalformedPasswordHash}.
 * Implementations are thread-safe.
 */
public interface PasswordHasher {

    /**
     * Hashes {@code password} with a fresh random salt and the configured parameters.
     *
     * @param password the certificate password (憑證密碼)
     * @return a PHC string, e.g. {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}
     * @throws CryptoException.HasherBusy if no hashing permit became free in time
     */
    String hash(char[] password) throws CryptoException.HasherBusy;

    /**
     * {@return whether {@code password} matches {@code phc}, hashing with the parameters stored in
     * {@code phc} (not the configured ones) and comparing in constant time}
     *
     * @param password the certificate password (憑證密碼)
     * @param phc the phc value
     * @throws CryptoException.MalformedPasswordHash if {@code phc} is not a PHC string this hasher
     *         accepts (checked before any hashing)
     * @throws CryptoException.HasherBusy if no hashing permit became free in time
     */
    boolean verify(char[] password, String phc)
            throws CryptoException.MalformedPasswordHash, CryptoException.HasherBusy;

    /**
     * {@return whether {@code phc} was made with parameters other than the configured ones (memory,
     * iterations, parallelism, salt or hash length), so it should be replaced by
     * {@link #hash(char[])} after the next successful {@link #verify(char[], String)}} Does not hash.
     *
     * @param phc the phc value
     * @throws CryptoException.MalformedPasswordHash if {@code phc} is malformed
     */
    boolean needsRehash(String phc) throws CryptoException.MalformedPasswordHash;

    /**
     * Spends the same work as {@link #verify(char[], String)} on a hash made with the configured
     * parameters, and discards the result. Call it when there is nothing to verify against
     * (unknown credential), so the response time does not reveal that. Goes through the same
     * limiter as every other hash.
     *
     * @param password the certificate password (憑證密碼)
     * @throws CryptoException.HasherBusy if no hashing permit became free in time
     */
    void dummyVerify(char[] password) throws CryptoException.HasherBusy;
}
