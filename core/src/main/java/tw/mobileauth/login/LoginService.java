package tw.mobileauth.login;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import tw.mobileauth.PortalOrigin;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.FieldError;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.audit.AuditSink;
import tw.mobileauth.audit.Slf4jAuditSink;
import tw.mobileauth.credential.CredentialId;
import tw.mobileauth.credential.TrustedCas;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.PasswordHasher;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.internal.CompareAndSet;
import tw.mobileauth.store.CounterStore;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.CredentialStore;
import tw.mobileauth.store.EnrollmentStore;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.OneTimeTokenStore;
import tw.mobileauth.store.StoreException;
import tw.mobileauth.store.TokenPurpose;

/**
 * 行動電話認證 login (docs/journey.md): steps 6 and 7 of the BLI journey. After enrolment the person
 * logs in on the bound browser with four fields, 身分證號, 出生日期, 姓名 and 憑證密碼, while the
 * browser proves it holds the device key. One immutable, thread-safe object per portal, built
 * with {@link #builder()}.
 *
 * <pre>{@code
 * LoginService login = LoginService.builder()
 *         .stores(enrollments, tokens, credentials, counters) // EnrollmentService's 3 stores + counters
 *         .secrets(hmacKey)                                   // the same HMAC key as EnrollmentService
 *         .trustedCas(TrustedCas.of(ca.certificate()))
 *         .origin("https://portal.example.tw")
 *         .clock(clock).passwordHasher(hasher)               // the same as EnrollmentService
 *         .build();
 *
 * LoginChallenge c = login.beginLogin(client);      // send c.id(), c.nonceBase64Url() to the page
 * Authentication a = login.finishLogin(attempt, client);
 * if (a.noticeAcknowledgementRequired()) { show the 個資告知; a = login.acknowledgeNotice(a, version); }
 * }</pre>
 *
 * <h2>Sharing with enrolment</h2>
 * Give it the <em>same</em> enrolment, token and credential stores, {@link HmacKey},
 * {@link PasswordHasher} and {@link Clock} as the {@link tw.mobileauth.enrollment.EnrollmentService}
 * (the enrolment store is required so that {@link #erase} and {@link #export} cover pending
 * enrolments and their consent records, PDPA art. 3, 10, 11): the HMAC key made the
 * stored verifiers (with another key nobody can log in), and a hasher with other parameters makes
 * every login rehash. The trusted CAs are the enrolment CA's certificate(s)
 * ({@link tw.mobileauth.credential.CertificateIssuer#caCertificate()}).
 *
 * <h2>Errors</h2>
 * {@link LoginFailedException}: the login was refused, one type and one message for every cause
 * (the cause is only in the {@link LoginEvent.Failed audit event}). {@link LoginUnavailableException}:
 * a store or the password hasher failed, or the store could not record a success ("we failed";
 * counted only if the signature had verified, see {@link LockOutPolicy}). The administrative and
 * PDPA calls let {@link StoreException} through.
 *
 * <h2>What it does not do</h2>
 * Sessions, cookies and CSRF protection are the portal's: start a session from the
 * {@link Authentication}. Features that need more than {@link AssuranceLevel#QUERY_ONLY} (申辦)
 * need another authentication method.
 */
public final class LoginService {

    /** Default challenge lifetime: 2 minutes. */
    public static final Duration DEFAULT_CHALLENGE_TTL = Duration.ofMinutes(2);
    /** Default personal-data notice version: {@value}. */
    public static final String DEFAULT_NOTICE_VERSION = "2025-01";
    /** Default assurance label: {@value}. */
    public static final String DEFAULT_ASSURANCE_LABEL = "QUERY_ONLY";

    private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int CHALLENGE_ID_BYTES = 16;
    private static final int MAX_LABEL_CHARS = 40;

    private final Settings s;
    private final DeviceCredentials devices;
    private final LockOuts lockOuts;
    private final FinishLoginSteps steps;
    private final PersonalRecords records;

    private LoginService(Settings s) {
        this.s = s;
        this.devices = new DeviceCredentials(s.trusted);
        this.lockOuts = new LockOuts(s.counters, s.lockOut);
        this.steps = new FinishLoginSteps(s, lockOuts, devices);
        this.records = new PersonalRecords(s, devices);
    }

    /**
     * Starts the staged builder: stores (enrolments, tokens, credentials, counters), secrets,
     * trusted CAs, origin, then options.
     *
     * @return the next stage
     */
    public static StoresStage builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- the ceremony

    /**
     * Starts a login: a fresh challenge (128-bit id, 32-byte nonce), stored single-use under its
     * keyed hash, valid for the challenge lifetime (default 2 minutes, {@link Builder#challengeTtl
     * 10 seconds to 10 minutes}).
     *
     * <p><b>Each call stores one token.</b> Anyone can call this without logging in, and every call
     * writes one challenge to the token store (its keyed id, the nonce and two times: about 200
     * bytes, nothing personal). It stays there until {@code finishLogin} consumes it or, unused,
     * until it expires and is purged: the in-memory store sweeps on its own, other stores when
     * {@link #purgeExpired()} runs. So the store holds at most (calls per second × challenge
     * lifetime) challenges: rate-limit this endpoint per client at the portal, and give the token
     * store a capacity. A store that refuses a write (full, or down) throws
     * {@link StoreException}, which this method reports as {@link LoginUnavailableException}
     * ({@code STORE}): a "busy, try again" answer, and no challenge is handed out.
     *
     * @param client the requesting browser; not stored with the challenge
     * @return the login challenge
     * @throws InvalidInputException {@code request: REQUIRED} if {@code client} is null
     * @throws LoginUnavailableException the token store failed or refused the write
     */
    public LoginChallenge beginLogin(ClientContext client) throws InvalidInputException, LoginUnavailableException {
        if (client == null) {
            // The same typed answer as enrolment's begin(null, null), never an NPE.
            throw InvalidInputException.of(tw.mobileauth.identity.FieldNames.REQUEST, tw.mobileauth.FieldReason.REQUIRED);
        }
        Instant now = s.clock.instant();
        byte[] idBytes = new byte[CHALLENGE_ID_BYTES];
        byte[] nonce = new byte[tw.mobileauth.crypto.SignedMessages.LOGIN_NONCE_BYTES];
        s.random.nextBytes(idBytes);
        s.random.nextBytes(nonce);
        String id = B64URL.encodeToString(idBytes);
        Instant expiresAt = now.plus(s.challengeTtl);
        OneTimeToken token = OneTimeToken.unclaimed(FinishLoginSteps.challengeKey(s.hmac, id),
                TokenPurpose.LOGIN_CHALLENGE, "login", B64URL.encodeToString(nonce), now, expiresAt);
        try {
            if (!s.tokens.insert(token)) {
                throw new IllegalStateException("a random 128-bit challenge id collided; the random source is broken");
            }
        } catch (StoreException e) {
            LOG.warn("beginLogin could not store the challenge: {}", e.getMessage());
            s.audit(new LoginEvent.Unavailable(now, "beginLogin", LoginUnavailableException.Source.STORE));
            throw new LoginUnavailableException(LoginUnavailableException.Source.STORE, e);
        }
        LOG.debug("login challenge issued to {}", client.deviceClass());
        return new LoginChallenge(id, nonce, expiresAt);
    }

    /**
     * Finishes a login: steps 1–8 ({@link FinishLoginSteps}). The challenge is consumed whatever
     * the outcome, and the attempt's password is wiped. Every outcome costs one Argon2id hash.
     *
     * <p>Every refusal is the same {@link LoginFailedException}: unknown credential; wrong ID,
     * birth date, name or password; missing or unparseable fields; bad signature; unknown, expired
     * or replayed challenge; revoked credential; expired, not yet valid or untrusted certificate;
     * locked out. Failed guesses (the four fields, after the signature verified) count towards the
     * {@link LockOutPolicy lock-out}: each attempt whose signature verified is counted before its
     * fields and password are checked, and a success clears the count.
     *
     * @param attempt what the browser sent; fields may be missing or malformed
     * @param client  the requesting browser, recorded masked in the audit event
     * @return the authentication
     * @throws LoginFailedException      the login was refused (see above)
     * @throws LoginUnavailableException a store or the password hasher failed, or the success could not
     *                                   be recorded (other writers of the credential kept winning:
     *                                   a success is never reported unrecorded); the attempt is not
     *                                   counted unless its signature had verified (then it was
     *                                   counted up front and stays counted)
     */
    public Authentication finishLogin(LoginAttempt attempt, ClientContext client)
            throws LoginFailedException, LoginUnavailableException {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(client, "client");
        return steps.finish(attempt, client.masked());
    }

    /**
     * Records that the person accepted the personal-data notice (個資告知, PDPA art. 8) version
     * {@code noticeVersion}, and when, on the credential they logged in with. Acknowledgement is
     * per person: once any of their credentials records the version in force, no login asks
     * again, until the portal configures a new {@link Builder#noticeVersion(String) notice version}.
     *
     * <p>A record is never downgraded: only the version in force replaces a recorded
     * acknowledgement. An acknowledgement of another version (an old page, say) is recorded only on
     * a credential that holds none, since the service cannot tell which of two other versions is
     * newer; otherwise the record (and its time) stays as it is, and the audit trail still shows
     * the acknowledgement ({@link LoginEvent.NoticeAcknowledged}, {@code current=false}).
     *
     * @param authentication the login the notice was shown after
     * @param noticeVersion  the version the person saw and accepted (another than the one in force
     *                       does not satisfy it)
     * @return the authentication with {@link Authentication#noticeAcknowledgementRequired()} updated
     * @throws InvalidInputException     {@code noticeVersion} is missing, blank, longer than 40 characters or has controls
     * @throws LoginFailedException      the credential was revoked or erased since the login: nothing is
     *                                   recorded; the person logs in again (or enrols again)
     * @throws LoginUnavailableException the credential store failed
     */
    public Authentication acknowledgeNotice(Authentication authentication, String noticeVersion)
            throws InvalidInputException, LoginFailedException, LoginUnavailableException {
        Objects.requireNonNull(authentication, "authentication");
        if (!isLabel(noticeVersion)) {
            throw new InvalidInputException(new FieldError("noticeVersion", FieldReason.BAD_FORMAT,
                    LoginTexts.get("notice.invalidVersion")));
        }
        Instant now = s.clock.instant();
        String credentialId = authentication.credentialId().value();
        boolean inForce = noticeVersion.equals(s.noticeVersion);
        Optional<Authentication> acknowledged;
        try {
            acknowledged = CompareAndSet.retry(() -> {
                Optional<CredentialRecord> found = s.credentials.find(credentialId)
                        .filter(r -> r.subjectKey().equals(authentication.subjectReference()))
                        .filter(CredentialRecord::isActive);
                if (found.isEmpty()) {
                    throw new LoginFailedException(); // revoked, erased or deleted since the login
                }
                CredentialRecord r = found.get();
                if (!inForce && r.acknowledgedNotice().isPresent()) {
                    s.audit(new LoginEvent.NoticeAcknowledged(now, credentialId, noticeVersion, false));
                    return Optional.of(authentication.withNoticeAcknowledged(noticeVersion)); // never downgrade
                }
                CredentialRecord next = Records.successor(r, r.passwordHash(), r.lastUsedAt(),
                        Optional.of(noticeVersion), Optional.of(now));
                if (!s.credentials.compareAndSet(r.version(), next)) {
                    return Optional.empty();
                }
                s.audit(new LoginEvent.NoticeAcknowledged(now, credentialId, noticeVersion, inForce));
                return Optional.of(authentication.withNoticeAcknowledged(noticeVersion));
            });
        } catch (StoreException e) {
            s.audit(new LoginEvent.Unavailable(now, "acknowledgeNotice", LoginUnavailableException.Source.STORE));
            throw new LoginUnavailableException(LoginUnavailableException.Source.STORE, e);
        }
        if (acknowledged.isPresent()) {
            return acknowledged.get();
        }
        s.audit(new LoginEvent.Unavailable(now, "acknowledgeNotice", LoginUnavailableException.Source.STORE));
        throw new LoginUnavailableException(LoginUnavailableException.Source.STORE,
                new StoreException("the credential kept changing under " + CompareAndSet.MAX_ATTEMPTS
                        + " compare-and-set attempts", null));
    }

    // ---------------------------------------------------------------- administration

    /**
     * Revokes one credential (an administrator, or the person, e.g. a lost device). Its next
     * login fails with {@link FailureCause#CREDENTIAL_REVOKED}.
     *
     * @param credentialId the credential id
     * @return whether it was active and is now revoked; {@code false} if unknown or already revoked
     * @throws LoginUnavailableException {@code STORE}: the credential store failed; run it again
     */
    public boolean revoke(CredentialId credentialId) throws LoginUnavailableException {
        Objects.requireNonNull(credentialId, "credentialId");
        return administer("revoke", () -> records.revoke(credentialId));
    }

    /**
     * Runs one administration call; a {@link StoreException} becomes the typed, audited
     * {@link LoginUnavailableException} {@code STORE}, as everywhere else in login.
     */
    private <T> T administer(String operation, java.util.function.Supplier<T> call) throws LoginUnavailableException {
        try {
            return call.get();
        } catch (StoreException e) {
            LOG.warn("{} failed on the store: {}", operation, e.getMessage());
            s.audit(new LoginEvent.Unavailable(s.clock.instant(), operation, LoginUnavailableException.Source.STORE));
            throw new LoginUnavailableException(LoginUnavailableException.Source.STORE, e);
        }
    }

    /**
     * Revokes every active credential of one person.
     *
     * @param nationalId the national ID (身分證號)
     * @return how many were revoked
     * @throws LoginUnavailableException {@code STORE}: the credential store failed; run it again
     */
    public int revokeAll(NationalId nationalId) throws LoginUnavailableException {
        return administer("revokeAll", () -> records.revokeAll(nationalId));
    }

    /**
     * Lifts every lock-out of one person, temporary or permanent: the person's counters (including
     * the streak of failures in a row that the {@link LockOutPolicy#maxConsecutiveFailures() NIST
     * cap} locks permanently) and the counters of all their credentials (a help desk, after
     * checking who is calling).
     *
     * @param nationalId the national ID (身分證號)
     * @return how many counters existed and were cleared
     * @throws LoginUnavailableException {@code STORE}: the counter or credential store failed; run it again
     */
    public int clearLockOut(NationalId nationalId) throws LoginUnavailableException {
        return administer("clearLockOut", () -> records.clearLockOut(nationalId));
    }

    // ---------------------------------------------------------------- PDPA

    /**
     * {@return everything the SDK's stores keep about one person, for an access request (PDPA art. 3, 10):
     * credentials (metadata, notice acknowledgements), lock-out counters, and enrolments with their
     * consent records (metadata); no verifier, hash or secret (see {@link PersonalDataExport})}
     *
     * @param nationalId the national ID (身分證號)
     * @throws LoginUnavailableException {@code STORE}: a store failed; run it again
     */
    public PersonalDataExport export(NationalId nationalId) throws LoginUnavailableException {
        return administer("export", () -> records.export(nationalId));
    }

    /**
     * Deletes everything the SDK's stores keep about one person (PDPA art. 11): their enrolments in
     * every state (pending ones with their sealed application data, finished ones with their consent
     * records), every credential record (verifiers, password hash, certificate, notice
     * acknowledgements), and the lock-out counters of the person and of each credential. Login
     * challenges hold nothing personal and expire within minutes. The audit trail is kept: it is the
     * operator's security log and holds masked identifiers only.
     *
     * <p>Enrolments go first: an enrolment that is issuing a credential at this moment then fails
     * its final compare-and-set and deletes the credential it inserted, or it finished before and
     * its credential is deleted next. (The other order would let it finish after the credentials
     * were deleted, leaving a credential behind.) Counters are cleared before and after the
     * credentials, since a login that loaded a credential before the delete may still count.
     *
     * <p>Afterwards the person can no longer log in; a new enrolment starts from nothing.
     *
     * @param nationalId the national ID (身分證號)
     * @return what was deleted
     * @throws LoginUnavailableException {@code STORE}: a store failed; run it again (erasure is idempotent)
     */
    public Erasure erase(NationalId nationalId) throws LoginUnavailableException {
        return administer("erase", () -> records.erase(nationalId));
    }

    /** Removes expired challenges and lock-out counters now (the in-memory stores also sweep on their own). */
    public void purgeExpired() {
        Instant now = s.clock.instant();
        s.tokens.purgeExpired(now);
        s.counters.purgeExpired(now);
    }

    /** The configuration, no secrets: {@code LoginService[origin=…, challengeTtl=…, notice=…, lockOut=…]}. */
    @Override
    public String toString() {
        return "LoginService[origin=" + s.origin + ", challengeTtl=" + s.challengeTtl + ", notice=" + s.noticeVersion
                + ", assurance=" + s.assuranceLabel + ", lockOut=" + s.lockOut + "]";
    }

    // ---------------------------------------------------------------- package-private, for tests

    FinishLoginSteps steps() {
        return steps;
    }

    DeviceCredentials deviceCredentials() {
        return devices;
    }

    // ---------------------------------------------------------------- helpers

    /** 1–40 characters, not blank, no control or format characters. */
    static boolean isLabel(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LABEL_CHARS) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            int type = Character.getType(text.charAt(i));
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- builder

    /** Stage 1: the stores. */
    public interface StoresStage {
        /**
         * {@return the enrolment service's three stores, in the order its builder takes them, and where
         * lock-out counters live} The enrolment store is read by {@link LoginService#export} and
         * emptied for a person by {@link LoginService#erase}; login challenges go to the token
         * store; credentials are read from and written to the credential store.
         *
         * @param enrollments the enrollments value
         * @param tokens the tokens value
         * @param credentials the credentials value
         * @param counters the counters value
         */
        SecretsStage stores(EnrollmentStore enrollments, OneTimeTokenStore tokens, CredentialStore credentials,
                CounterStore counters);
    }

    /** Stage 2: the secrets. */
    public interface SecretsStage {
        /**
         * {@return the enrolment service's HMAC key: it made the stored verifiers (subject key, birth date,
         * name) and keys the challenge store keys} Keep it stable.
         *
         * @param hmacKey the hmac key
         */
        TrustStage secrets(HmacKey hmacKey);
    }

    /** Stage 3: the trusted enrolment CAs. */
    public interface TrustStage {
        /**
         * {@return the enrolment CA certificate(s) credentials must chain to (several during a CA rotation)}
         *
         * @param trustedCas the trusted cas
         */
        OriginStage trustedCas(TrustedCas trustedCas);
    }

    /** Stage 4: the portal's origin. */
    public interface OriginStage {
        /**
         * {@return the portal's origin, e.g. {@code https://portal.example.tw}: the device signature covers
         * it, so a signature made on another site does not verify} Never taken from the request.
         * The same rule as enrolment's {@link tw.mobileauth.enrollment.PortalUrls#origin()}.
         *
         * @param origin where the failure happened
         */
        Builder origin(PortalOrigin origin);

        /**
         * {@return {@link #origin(PortalOrigin)} with {@link PortalOrigin#of(String)}}
         *
         * @param origin where the failure happened
         * @throws IllegalArgumentException if {@link PortalOrigin#of(String)} refuses it: https only
         *         (http on loopback), no path, query, fragment or user info
         */
        Builder origin(String origin);
    }

    /**
     * The optional parts, each with a documented default, then {@link #build()}. Every setter
     * rejects null; out-of-range values raise {@link IllegalArgumentException} at once.
     */
    public static final class Builder implements StoresStage, SecretsStage, TrustStage, OriginStage {
        private final Settings s = new Settings();

        private Builder() {
        }

        @Override
        public SecretsStage stores(EnrollmentStore enrollments, OneTimeTokenStore tokens, CredentialStore credentials,
                CounterStore counters) {
            s.enrollments = Objects.requireNonNull(enrollments, "enrollments");
            s.tokens = Objects.requireNonNull(tokens, "tokens");
            s.credentials = Objects.requireNonNull(credentials, "credentials");
            s.counters = Objects.requireNonNull(counters, "counters");
            return this;
        }

        @Override
        public TrustStage secrets(HmacKey hmacKey) {
            s.hmac = Objects.requireNonNull(hmacKey, "hmacKey");
            return this;
        }

        @Override
        public OriginStage trustedCas(TrustedCas trustedCas) {
            s.trusted = Objects.requireNonNull(trustedCas, "trustedCas");
            return this;
        }

        @Override
        public Builder origin(PortalOrigin origin) {
            s.origin = Objects.requireNonNull(origin, "origin").value();
            return this;
        }

        @Override
        public Builder origin(String origin) {
            return origin(PortalOrigin.of(origin));
        }

        /**
         * {@return the clock for challenges, certificate validity, lock-outs and timestamps} Default: {@link Clock#systemUTC()}.
         *
         * @param clock the clock that decides expiry
         */
        public Builder clock(Clock clock) {
            s.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * {@return the password hasher; use the enrolment service's} Default:
         * {@link Argon2idPasswordHasher#withDefaults()} (m=19456 KiB, t=2, p=1, bounded concurrency).
         *
         * @param hasher the hasher value
         */
        public Builder passwordHasher(PasswordHasher hasher) {
            s.hasher = Objects.requireNonNull(hasher, "hasher");
            return this;
        }

        /**
         * {@return when failed logins lock out} Default: {@link LockOutPolicy#standard()}.
         *
         * @param policy the policy value
         */
        public Builder lockOutPolicy(LockOutPolicy policy) {
            s.lockOut = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * {@return how long a login challenge lives} Default: 2 minutes. Allowed: 10 seconds – 10 minutes.
         *
         * @param ttl the ttl value
         */
        public Builder challengeTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.compareTo(Duration.ofSeconds(10)) < 0 || ttl.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("challengeTtl must be between 10 seconds and 10 minutes, was " + ttl);
            }
            s.challengeTtl = ttl;
            return this;
        }

        /**
         * {@return the personal-data notice (個資告知) version in force; changing it makes every person
         * acknowledge the new notice at their next login} Default: {@value #DEFAULT_NOTICE_VERSION}.
         * 1–40 characters, no controls.
         *
         * @param version the version value
         */
        public Builder noticeVersion(String version) {
            if (!isLabel(version)) {
                throw new IllegalArgumentException("noticeVersion must be 1-40 characters without controls");
            }
            s.noticeVersion = version;
            return this;
        }

        /**
         * {@return the portal's name for {@link AssuranceLevel#QUERY_ONLY}, e.g. {@code "query"} or
         * {@code "AAL1"}; the meaning (query functions only) does not change} Default:
         * {@value #DEFAULT_ASSURANCE_LABEL}. 1–40 characters, no controls.
         *
         * @param label the label value
         */
        public Builder assuranceLabel(String label) {
            if (!isLabel(label)) {
                throw new IllegalArgumentException("assuranceLabel must be 1-40 characters without controls");
            }
            s.assuranceLabel = label;
            return this;
        }

        /**
         * {@return where audit events go} Default: {@link Slf4jAuditSink} (logger {@code tw.mobileauth.audit}).
         *
         * @param sink the sink value
         */
        public Builder auditSink(AuditSink sink) {
            s.audit = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * {@return the random source for challenge ids and nonces} Default: a new {@link SecureRandom}.
         *
         * @param random the source of randomness
         */
        public Builder secureRandom(SecureRandom random) {
            s.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** {@return the service} */
        public LoginService build() {
            if (s.hasher == null) {
                s.hasher = Argon2idPasswordHasher.withDefaults();
            }
            return new LoginService(s.copy());
        }
    }
}
