package tw.mobileauth.login;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.enrollment.CredentialVerifiers;
import tw.mobileauth.identity.BirthDate;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.identity.PersonName;
import tw.mobileauth.internal.CompareAndSet;
import tw.mobileauth.store.ClaimResult;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.StoreException;
import tw.mobileauth.store.TokenPurpose;

/**
 * {@link LoginService#finishLogin} as numbered steps (docs/journey.md, "Login, step by step"), in the manner of Yubico's
 * {@code FinishAssertionSteps}: each step is its own method, runs on its own in the tests, and
 * refuses with a {@link StepFailure} naming the precise {@link FailureCause}.
 *
 * <ol>
 *   <li>{@link #consumeChallenge}: claim the single-use challenge; unknown, expired or used ones fail.</li>
 *   <li>{@link #loadCredential}: read the credential record; an unknown one still costs one Argon2id hash.</li>
 *   <li>{@link #checkLockOut}: the credential's and the person's counters must not be locked (read
 *       only: a locked attempt is not counted).</li>
 *   <li>{@link #checkCertificate}: the credential is active and its stored password hash readable; its
 *       stored certificate (parsed once, see {@link DeviceCredentials}) is trusted and valid now.</li>
 *   <li>{@link #verifySignature}: the device signed {@code SignedMessages.login(nonce, credentialId, origin)}
 *       with the configured origin, never a client-supplied one.
 *       <br>5b. {@link #reserveAttempt}: the attempt is counted as a failure on the lock-out counters
 *       now, before anything is compared or hashed, and goes on only if that finds no lock-out and no
 *       concurrent attempt took the last guess ({@link LockOuts}).</li>
 *   <li>{@link #compareIdentity}: national ID, birth date and name (by comparison key) against the keyed
 *       verifiers, all three compared in constant time.</li>
 *   <li>{@link #verifyPassword}: Argon2id; a hash with old parameters is recomputed.</li>
 *   <li>{@link #recordSuccess} / {@link #recordFailure}: last use (compare-and-set), clearing the
 *       counters after a success, audit.</li>
 * </ol>
 *
 * Every attempt spends exactly one Argon2id hash before it answers ({@link HashBudget}). Store
 * failures ({@link StoreException}) and a busy hasher pass through to the caller as "we failed".
 */
final class FinishLoginSteps {

    /** HMAC purpose of a login challenge's store key: {@value}. */
    static final String CHALLENGE_PURPOSE = "login-challenge";
    /** The claimant recorded on a consumed challenge: {@value}. */
    static final String CHALLENGE_CLAIMANT = "finishLogin";
    /** A challenge id: 16 random bytes in unpadded base64url. */
    static final int CHALLENGE_ID_CHARS = 22;
    /** Longest credential id looked up in the store. */
    static final int MAX_CREDENTIAL_ID_CHARS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(FinishLoginSteps.class);

    private final Settings s;
    private final LockOuts lockOuts;
    private final DeviceCredentials devices;

    FinishLoginSteps(Settings s, LockOuts lockOuts, DeviceCredentials devices) {
        this.s = s;
        this.lockOuts = lockOuts;
        this.devices = devices;
    }

    /** The whole ceremony: steps 1–8, one generic failure, one hash. */
    Authentication finish(LoginAttempt attempt, String client) throws LoginFailedException, LoginUnavailableException {
        Instant now = s.clock.instant();
        char[] password = attempt.copyOfPassword();
        HashBudget budget = new HashBudget(s.hasher);
        Optional<CredentialRecord> loaded = Optional.empty();
        LockOuts.Reservation reservation = LockOuts.Reservation.NONE;
        try {
            try {
                byte[] nonce = consumeChallenge(attempt.challengeId().orElse(""), now);
                CredentialRecord record = loadCredential(attempt.credentialId().orElse(""), password, budget);
                loaded = Optional.of(record);
                checkLockOut(record, now);
                DeviceCredentials.Usable device = checkCertificate(record, now);
                verifySignature(device, nonce, record.credentialId(), attempt.signatureBytes());
                reservation = reserveAttempt(record, now);
                if (!reservation.admitted()) {
                    throw new StepFailure(FailureCause.LOCKED);
                }
                NationalId id = compareIdentity(record, attempt.nationalId().orElse(""),
                        attempt.birthDate().orElse(""), attempt.name().orElse(""));
                Optional<String> rehashed = verifyPassword(record, password, budget);
                return recordSuccess(record, device, id, reservation, rehashed, now, client);
            } catch (StepFailure f) {
                budget.spendIfUnspent(password);
                recordFailure(f.cause(), loaded, reservation, now, client);
                throw new LoginFailedException();
            }
        } catch (CryptoException.HasherBusy busy) {
            throw unavailable(LoginUnavailableException.Source.PASSWORD_HASHER, busy, now);
        } catch (StoreException broken) {
            throw unavailable(LoginUnavailableException.Source.STORE, broken, now);
        } finally {
            Arrays.fill(password, '\0');
            attempt.wipePassword();
        }
    }

    // ------------------------------------------------------------------ step 1

    /**
     * Step 1: claims the challenge, once. A claimed challenge stays in the store until it expires,
     * so a second use is recognised as a replay.
     *
     * @return the challenge's 32-byte nonce
     * @throws StepFailure {@code CHALLENGE_UNKNOWN}, {@code CHALLENGE_EXPIRED} or {@code CHALLENGE_REPLAYED}
     */
    byte[] consumeChallenge(String challengeId, Instant now) throws StepFailure {
        if (!isBase64Url(challengeId, CHALLENGE_ID_CHARS, CHALLENGE_ID_CHARS)) {
            throw new StepFailure(FailureCause.CHALLENGE_UNKNOWN);
        }
        ClaimResult claim = s.tokens.claim(challengeKey(s.hmac, challengeId), CHALLENGE_CLAIMANT, now);
        switch (claim.status()) {
            case CLAIMED -> {
                OneTimeToken token = claim.token().orElseThrow();
                Optional<byte[]> nonce = token.purpose() == TokenPurpose.LOGIN_CHALLENGE
                        ? decodeNonce(token.payload())
                        : Optional.empty();
                return nonce.orElseThrow(() -> new StepFailure(FailureCause.CHALLENGE_UNKNOWN));
            }
            case ALREADY_CLAIMED -> throw new StepFailure(FailureCause.CHALLENGE_REPLAYED);
            case EXPIRED -> throw new StepFailure(FailureCause.CHALLENGE_EXPIRED);
            default -> throw new StepFailure(FailureCause.CHALLENGE_UNKNOWN);
        }
    }

    /** The store key of a challenge: its keyed hash, so a store dump cannot be replayed. */
    static String challengeKey(HmacKey hmac, String challengeId) {
        return hmac.verifier(CHALLENGE_PURPOSE, challengeId);
    }

    // ------------------------------------------------------------------ step 2

    /**
     * Step 2: reads the credential record. An unknown (or malformed) credential id spends the
     * attempt's one Argon2id hash on a dummy, so it takes as long as a wrong password.
     *
     * @throws StepFailure {@code UNKNOWN_CREDENTIAL}
     */
    CredentialRecord loadCredential(String credentialId, char[] password, HashBudget budget)
            throws StepFailure, CryptoException.HasherBusy {
        Optional<CredentialRecord> record = isBase64Url(credentialId, 1, MAX_CREDENTIAL_ID_CHARS)
                ? s.credentials.find(credentialId)
                : Optional.empty();
        if (record.isEmpty()) {
            budget.spendIfUnspent(password);
            throw new StepFailure(FailureCause.UNKNOWN_CREDENTIAL);
        }
        return record.get();
    }

    // ------------------------------------------------------------------ step 3

    /**
     * Step 3: neither the credential nor its owner may be locked out. A read only: locked attempts
     * are not counted. (Counting happens at step 5b, {@link #reserveAttempt}.)
     *
     * @return the counters as read
     * @throws StepFailure {@code LOCKED}
     */
    LockOuts.State checkLockOut(CredentialRecord record, Instant now) throws StepFailure {
        LockOuts.State state = lockOuts.read(record);
        if (state.lockedAt(now)) {
            throw new StepFailure(FailureCause.LOCKED);
        }
        return state;
    }

    // ------------------------------------------------------------------ step 4

    /**
     * Step 4: the credential is active, its stored password hash is readable (checked here, before
     * step 5b counts the attempt, so that a store problem never counts against the person), and its
     * stored certificate is trusted and within its (and its CA's) validity now, both bounds
     * inclusive. The certificate is parsed and its CA signature checked once per credential
     * ({@link DeviceCredentials}).
     *
     * @return the device key to verify with
     * @throws StepFailure {@code CREDENTIAL_REVOKED}, {@code CERTIFICATE_EXPIRED}, {@code CERTIFICATE_NOT_YET_VALID},
     *                     {@code CERTIFICATE_UNTRUSTED} or {@code CREDENTIAL_CORRUPT}
     */
    DeviceCredentials.Usable checkCertificate(CredentialRecord record, Instant now) throws StepFailure {
        if (!record.isActive()) {
            throw new StepFailure(FailureCause.CREDENTIAL_REVOKED);
        }
        try {
            s.hasher.needsRehash(record.passwordHash());
        } catch (CryptoException.MalformedPasswordHash corrupt) {
            LOG.warn("credential {} holds an unreadable password hash; the login fails until it is re-enrolled",
                    record.credentialId());
            throw new StepFailure(FailureCause.CREDENTIAL_CORRUPT);
        }
        DeviceCredentials.Checked checked = devices.get(record);
        if (checked instanceof DeviceCredentials.Unusable unusable) {
            throw new StepFailure(unusable.problem());
        }
        DeviceCredentials.Usable usable = (DeviceCredentials.Usable) checked;
        if (now.isBefore(usable.notBefore())) {
            throw new StepFailure(FailureCause.CERTIFICATE_NOT_YET_VALID);
        }
        if (now.isAfter(usable.notAfter())) {
            throw new StepFailure(FailureCause.CERTIFICATE_EXPIRED);
        }
        return usable;
    }

    // ------------------------------------------------------------------ step 5

    /**
     * Step 5: the device signature over {@link SignedMessages#login SignedMessages.login(nonce,
     * credentialId, origin)}, with this service's configured origin, verifies with the stored
     * device key (P1363 or DER).
     *
     * @throws StepFailure {@code BAD_SIGNATURE} (also for a missing signature)
     */
    void verifySignature(DeviceCredentials.Usable device, byte[] nonce, String credentialId, byte[] signature)
            throws StepFailure {
        if (signature == null || !device.key().verify(SignedMessages.login(nonce, credentialId, s.origin), signature)) {
            throw new StepFailure(FailureCause.BAD_SIGNATURE);
        }
    }

    // ------------------------------------------------------------------ step 5b

    /**
     * Step 5b: counts the attempt as a failed guess on the credential's and the person's counters
     * before anything is compared or hashed, so that attempts running at the same time cannot all
     * get past the lock-out ({@link LockOuts#reserve}). A success clears the counters again (step 8).
     *
     * @return whether the attempt may go on, what was counted and the locks set; the caller refuses
     *         an attempt that is not {@link LockOuts.Reservation#admitted() admitted} as {@code LOCKED}
     */
    LockOuts.Reservation reserveAttempt(CredentialRecord record, Instant now) {
        return lockOuts.reserve(record, now);
    }

    // ------------------------------------------------------------------ step 6

    /**
     * Step 6: the typed national ID, birth date and name match the record's keyed verifiers. All
     * three are parsed and compared (in constant time, {@link HmacKey#matches}) before deciding,
     * so the time does not depend on which one is wrong. Input that does not parse is simply wrong.
     *
     * @return the national ID, as parsed
     * @throws StepFailure {@code WRONG_ID}, then {@code WRONG_BIRTH_DATE}, then {@code WRONG_NAME}: the first that differs
     */
    NationalId compareIdentity(CredentialRecord record, String typedId, String typedBirthDate, String typedName)
            throws StepFailure {
        Optional<NationalId> id = Optional.empty();
        Optional<BirthDate> birthDate = Optional.empty();
        Optional<PersonName> name = Optional.empty();
        try {
            id = Optional.of(NationalId.parse(typedId));
        } catch (InvalidInputException | RuntimeException unparseable) {
            // compared as "" below, and wrong
        }
        try {
            birthDate = Optional.of(BirthDate.parse(typedBirthDate, s.clock));
        } catch (InvalidInputException | RuntimeException unparseable) {
            // compared as "" below, and wrong
        }
        try {
            name = Optional.of(PersonName.of(typedName));
        } catch (InvalidInputException | RuntimeException unparseable) {
            // compared as "" below, and wrong
        }
        String credentialId = record.credentialId();
        boolean idMatches = s.hmac.matches(record.subjectKey(), CredentialVerifiers.SUBJECT,
                id.map(NationalId::value).orElse("")) && id.isPresent();
        boolean birthDateMatches = s.hmac.matches(record.birthDateVerifier(), CredentialVerifiers.BIRTH_DATE,
                credentialId, birthDate.map(BirthDate::iso).orElse("")) && birthDate.isPresent();
        boolean nameMatches = s.hmac.matches(record.nameVerifier(), CredentialVerifiers.NAME, credentialId,
                name.map(PersonName::comparisonKey).orElse("")) && name.isPresent();
        if (!idMatches) {
            throw new StepFailure(FailureCause.WRONG_ID);
        }
        if (!birthDateMatches) {
            throw new StepFailure(FailureCause.WRONG_BIRTH_DATE);
        }
        if (!nameMatches) {
            throw new StepFailure(FailureCause.WRONG_NAME);
        }
        return id.get();
    }

    // ------------------------------------------------------------------ step 7

    /**
     * Step 7: Argon2id verification of the certificate password (the attempt's one hash). When
     * the stored hash was made with other parameters than the configured ones, a fresh hash is
     * computed for step 8 to store; if the hasher is busy for that, the upgrade waits for the
     * next login.
     *
     * @return the upgraded hash, if one was computed
     * @throws StepFailure {@code WRONG_PASSWORD}, or {@code CREDENTIAL_CORRUPT} for an unreadable stored hash
     */
    Optional<String> verifyPassword(CredentialRecord record, char[] password, HashBudget budget)
            throws StepFailure, CryptoException.HasherBusy {
        boolean matches;
        try {
            matches = budget.verify(password, record.passwordHash()) && password.length > 0;
        } catch (CryptoException.MalformedPasswordHash corrupt) {
            LOG.warn("credential {} holds an unreadable password hash; the login fails until it is re-enrolled",
                    record.credentialId());
            throw new StepFailure(FailureCause.CREDENTIAL_CORRUPT);
        }
        if (!matches) {
            throw new StepFailure(FailureCause.WRONG_PASSWORD);
        }
        try {
            if (!s.hasher.needsRehash(record.passwordHash())) {
                return Optional.empty();
            }
            return Optional.of(s.hasher.hash(password));
        } catch (CryptoException.MalformedPasswordHash | CryptoException.HasherBusy later) {
            LOG.debug("password hash upgrade of {} postponed: {}", record.credentialId(), later.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ step 8

    /**
     * Step 8, success: records the last use (and an upgraded password hash, if the stored one is
     * still the one verified) with compare-and-set, clears the lock-out counters (undoing the
     * reservation of step 5b and every earlier failure), decides whether the notice needs
     * acknowledging, audits, and builds the {@link Authentication}.
     *
     * <p>A success is only reported once it is recorded. If every compare-and-set loses to other
     * writers of the same credential, the credential is read again: revoked or erased meanwhile, or
     * locked out by another attempt meanwhile, is a refusal; otherwise the store is too busy to
     * record the login, and the attempt ends as {@link LoginUnavailableException} (nothing cleared).
     *
     * @param reservation this attempt's reservation (a lock it set itself does not refuse it)
     * @throws StepFailure    {@code CREDENTIAL_REVOKED} if the credential was revoked or erased while
     *                        this login ran (revocation wins); {@code LOCKED} if it could not be
     *                        recorded and another attempt locked the credential or person meanwhile
     * @throws StoreException the success could not be recorded in {@value CompareAndSet#MAX_ATTEMPTS} attempts
     */
    Authentication recordSuccess(CredentialRecord record, DeviceCredentials.Usable device, NationalId id,
            LockOuts.Reservation reservation, Optional<String> upgradedHash, Instant now, String client)
            throws StepFailure {
        AtomicReference<CredentialRecord> current = new AtomicReference<>(record);
        Optional<Written> written = CompareAndSet.retry(() -> {
            CredentialRecord latest = current.get();
            boolean upgrade = upgradedHash.isPresent() && latest.passwordHash().equals(record.passwordHash());
            CredentialRecord next = Records.successor(latest, upgrade ? upgradedHash.get() : latest.passwordHash(),
                    Optional.of(now), latest.acknowledgedNotice(), latest.noticeAcknowledgedAt());
            if (s.credentials.compareAndSet(latest.version(), next)) {
                return Optional.of(new Written(next, upgrade));
            }
            current.set(activeOrRefuse(record.credentialId()));
            return Optional.empty();
        });
        if (written.isEmpty()) {
            activeOrRefuse(record.credentialId());
            if (reservation.locks().isEmpty() && lockOuts.read(record).lockedAt(now)) {
                throw new StepFailure(FailureCause.LOCKED);
            }
            throw new StoreException("credential store: the login of " + record.credentialId() + " lost "
                    + CompareAndSet.MAX_ATTEMPTS + " compare-and-set attempts to other writers; not recorded", null);
        }
        boolean rehashed = written.get().rehashed();
        lockOuts.clear(record);
        boolean noticeRequired = noticeRequired(written.get().record());
        s.audit(new LoginEvent.Succeeded(now, record.credentialId(), id.masked(), client, rehashed, noticeRequired));
        return new Authentication(record.subjectKey(), id, device.credentialId(), now, s.assuranceLabel,
                s.noticeVersion, noticeRequired);
    }

    /** What step 8 wrote, and whether that included an upgraded password hash. */
    private record Written(CredentialRecord record, boolean rehashed) {
    }

    /** The credential as stored now, if it is still active; revoked or erased refuses. */
    private CredentialRecord activeOrRefuse(String credentialId) throws StepFailure {
        Optional<CredentialRecord> again = s.credentials.find(credentialId);
        if (again.isEmpty() || !again.get().isActive()) {
            throw new StepFailure(FailureCause.CREDENTIAL_REVOKED);
        }
        return again.get();
    }

    /**
     * Whether the notice version in force still needs acknowledging: not if this credential, or
     * any other credential of the same person, records it (acknowledgement is per person).
     */
    boolean noticeRequired(CredentialRecord record) {
        if (record.acknowledgedNotice().filter(s.noticeVersion::equals).isPresent()) {
            return false;
        }
        for (CredentialRecord other : s.credentials.listBySubject(record.subjectKey())) {
            if (other.acknowledgedNotice().filter(s.noticeVersion::equals).isPresent()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Step 8, failure: audits the precise cause, whether the attempt was counted (by its
     * reservation at step 5b: only attempts whose signature verified are), and the locks the
     * reservation set, which stay in force now that the attempt failed.
     */
    void recordFailure(FailureCause cause, Optional<CredentialRecord> record, LockOuts.Reservation reservation,
            Instant now, String client) {
        s.audit(new LoginEvent.Failed(now, cause, record.map(CredentialRecord::credentialId).orElse("-"), client,
                reservation.counted()));
        reservation.locks().forEach(s::audit);
    }

    // ------------------------------------------------------------------ helpers

    private LoginUnavailableException unavailable(LoginUnavailableException.Source source, Exception cause,
            Instant now) {
        LOG.warn("finishLogin could not finish: {} failed ({})", source, cause.getMessage());
        s.audit(new LoginEvent.Unavailable(now, "finishLogin", source));
        return new LoginUnavailableException(source, cause);
    }

    private static Optional<byte[]> decodeNonce(String payload) {
        if (!isBase64Url(payload, 43, 43)) {
            return Optional.empty();
        }
        byte[] nonce = Base64.getUrlDecoder().decode(payload);
        return nonce.length == SignedMessages.LOGIN_NONCE_BYTES ? Optional.of(nonce) : Optional.empty();
    }

    /** Whether {@code text} is {@code min..max} characters of the base64url alphabet (no regex: hot path). */
    static boolean isBase64Url(String text, int min, int max) {
        if (text == null || text.length() < min || text.length() > max) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
