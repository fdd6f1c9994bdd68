package tw.mobileauth.enrollment;

import tw.mobileauth.client.ClientContext;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.audit.AuditSink;
import tw.mobileauth.audit.Slf4jAuditSink;
import tw.mobileauth.captcha.CaptchaChallenge;
import tw.mobileauth.captcha.CaptchaService;
import tw.mobileauth.captcha.ImageCaptcha;
import tw.mobileauth.carrier.CarrierAdapters;
import tw.mobileauth.carrier.Carriers;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.credential.CertificateIssuer;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.PasswordHasher;
import tw.mobileauth.eligibility.EligibilityPolicy;
import tw.mobileauth.identity.PasswordPolicy;
import tw.mobileauth.qr.QrCode;
import tw.mobileauth.store.CredentialStore;
import tw.mobileauth.store.EnrollmentStore;
import tw.mobileauth.store.OneTimeTokenStore;

/**
 * 行動電話認證 enrolment: steps 1–5 of the BLI journey, for every device route. One immutable,
 * thread-safe object per portal, built with {@link #builder()}.
 *
 * <p>The applying device fills the form in ({@link #checkNationalId}, {@link #prepareApplication()},
 * {@link #begin}) and follows it with its desktop secret ({@link #status}, {@link #regenerateQr},
 * {@link #restart}); the phone opens the handoff ({@link #openOnDevice}), then starts and completes
 * the carrier's verification ({@link #startVerification}, {@link #completeVerification}).
 *
 * <p>Errors: {@link InvalidInputException} (form fields, all at once); {@link EnrollmentException}
 * (the request cannot go on); {@link EnrollmentUnavailableException} (carrier, registry, captcha,
 * hasher or store failed; nothing lost; a retryable one may be repeated).
 */
public final class EnrollmentService {

    /** Default lifetime of the form's device-key challenge: {@value} minutes (long enough to fill the form in). */
    public static final int DEFAULT_FORM_CHALLENGE_MINUTES = 10;
    /** Default lifetime of one QR code: {@value #DEFAULT_QR_MINUTES} minutes. */
    public static final int DEFAULT_QR_MINUTES = 5;
    /** Default number of QR regenerations allowed: {@value}. */
    public static final int DEFAULT_MAX_REGENERATIONS = 5;
    /** Default total lifetime of an enrolment: {@value} minutes. */
    public static final int DEFAULT_LIFETIME_MINUTES = 30;
    /** Default time a finished enrolment is kept for the desktop to pick up: {@value} minutes. */
    public static final int DEFAULT_RESULT_RETENTION_MINUTES = 10;
    /** Wrong pairing codes allowed: {@value}; the last cancels the enrolment (at most 5 in a million guess right). */
    public static final int MAX_PAIRING_ATTEMPTS = 5;
    /** Failed holder checks (KYC or NHI card mismatch) that pause one person's enrolments: {@value}. */
    public static final int MAX_HOLDER_CHECK_FAILURES = 5;
    /** The window of {@link #MAX_HOLDER_CHECK_FAILURES}, in hours: {@value}. */
    public static final int HOLDER_CHECK_WINDOW_HOURS = 24;
    /** Default bound on one carrier operation: {@value} seconds. */
    public static final int DEFAULT_CARRIER_TIMEOUT_SECONDS = 10;
    /** What every carrier adapter must declare ({@link Builder#build()} refuses others). */
    public static final Set<Capability> REQUIRED_CAPABILITIES =
            Collections.unmodifiableSet(EnumSet.of(Capability.NUMBER_VERIFICATION, Capability.KYC_MATCH));
    /** Default terms version: {@value}. */
    public static final String DEFAULT_TERMS_VERSION = "2025-01";

    final Settings settings;
    private final Application application;
    private final Handoff handoff;
    private final Pairing pairing;
    private final FinishVerificationSteps steps;

    EnrollmentService(Settings settings) {
        this.settings = settings;
        Records records = new Records(settings);
        CarrierCalls carriers = new CarrierCalls(settings, records);
        this.pairing = new Pairing(settings, records, carriers);
        this.handoff = new Handoff(settings, records, pairing);
        this.application = new Application(settings, records, handoff);
        this.steps = new FinishVerificationSteps(settings, records, carriers);
    }

    /**
     * Starts the staged builder: carriers, stores, certificate issuer, secrets, portal URLs, then options.
     *
     * @return the next stage
     */
    public static CarriersStage builder() {
        return new ServiceBuilder();
    }

    /**
     * {@return step 1 (驗證): is this a well-formed, checksum-valid citizen ID? The answer never depends on
     * whether the person has enrolled before}
     *
     * @param input the input value
     * @throws InvalidInputException if it is not a national ID (format or checksum)
     * @throws EnrollmentException {@link EnrollmentException.Reason#INELIGIBLE} with {@code ID_NOT_CITIZEN}
     *         for a resident certificate number
     */
    public NationalIdCheck checkNationalId(String input) throws InvalidInputException, EnrollmentException {
        return application.checkNationalId(input);
    }

    /**
     * {@return a fresh captcha and device-key challenge for the form (both single use; the challenge lives
     * {@link Builder#formChallengeValidity}, default {@value #DEFAULT_FORM_CHALLENGE_MINUTES} minutes)}
     *
     * @throws EnrollmentUnavailableException the captcha provider failed or the token store is full (retryable)
     */
    public FormChallenge prepareApplication() throws EnrollmentUnavailableException {
        return application.prepareApplication();
    }

    /**
     * 重新產生驗證碼: the old captcha dies at once.
     *
     * @param captchaId the captcha id
     * @return the new captcha challenge
     * @throws EnrollmentUnavailableException the provider failed (retryable)
     */
    public CaptchaChallenge regenerateCaptcha(String captchaId) throws EnrollmentUnavailableException {
        return application.regenerateCaptcha(captchaId);
    }

    /**
     * Steps 2–3: validates and stores the application and routes it.
     *
     * @param application the application value
     * @param client the requesting browser
     * @return the begun
     * @throws InvalidInputException every invalid field at once
     * @throws EnrollmentException captcha wrong, device key or proof invalid, challenge unknown, or the
     *         eligibility pre-check failed ({@link EnrollmentException.Reason#INELIGIBLE})
     * @throws EnrollmentUnavailableException the captcha provider failed (retryable); or the password hasher is
     *         saturated or the enrolment store is full, after the form's single-use captcha and challenge were
     *         spent: {@link EnrollmentUnavailableException.Recovery#NEW_FORM} (call {@link #prepareApplication()}
     *         and submit again)
     */
    public Begun begin(EnrollmentApplication application, ClientContext client)
            throws InvalidInputException, EnrollmentException, EnrollmentUnavailableException {
        return Records.storeCall(EnrollmentUnavailableException.Recovery.NEW_FORM,
                () -> this.application.begin(application, client));
    }

    /**
     * {@return the applying device's view (poll it)} Finished enrolments stay readable for the result
     * retention time (default {@value #DEFAULT_RESULT_RETENTION_MINUTES} minutes).
     *
     * @param enrollmentId the enrollment id
     * @param secret the secret value
     * @throws EnrollmentException {@code UNKNOWN_ENROLLMENT} or {@code ACCESS_DENIED} (wrong secret)
     * @throws EnrollmentUnavailableException {@code STORE}, {@code RETRY}: the store failed; poll again
     */
    public EnrollmentStatus status(String enrollmentId, DesktopSecret secret)
            throws EnrollmentException, EnrollmentUnavailableException {
        return Records.storeCall(() -> handoff.status(enrollmentId, secret));
    }

    /**
     * 重新產生QRCode: a new 256-bit token and a new QR validity window; the old token is dead at
     * once. Allowed while no device has claimed the code, up to the regeneration cap.
     *
     * @param enrollmentId the enrollment id
     * @param secret the secret value
     * @return the next step.show qr code
     * @throws EnrollmentException {@code ACCESS_DENIED}, {@code WRONG_STEP}, {@code REGENERATION_LIMIT},
     *                             {@code ENROLLMENT_EXPIRED}, {@code ENROLLMENT_ENDED}, {@code UNKNOWN_ENROLLMENT}
     * @throws EnrollmentUnavailableException {@code STORE}, {@code RETRY}: the store failed or is full
     */
    public NextStep.ShowQrCode regenerateQr(String enrollmentId, DesktopSecret secret)
            throws EnrollmentException, EnrollmentUnavailableException {
        return Records.storeCall(() -> handoff.regenerateQr(enrollmentId, secret));
    }

    /**
     * 重新申請行動認證: cancels the enrolment; its personal data is wiped at once. Idempotent.
     *
     * @param enrollmentId the enrollment id
     * @param secret the secret value
     * @throws EnrollmentException {@code ACCESS_DENIED}, {@code UNKNOWN_ENROLLMENT}, or
     *                             {@code ENROLLMENT_ENDED} if it already completed or was rejected
     * @throws EnrollmentUnavailableException {@code STORE}, {@code RETRY}: the store failed; nothing changed
     */
    public void restart(String enrollmentId, DesktopSecret secret)
            throws EnrollmentException, EnrollmentUnavailableException {
        Records.storeCall(() -> handoff.restart(enrollmentId, secret));
    }

    /**
     * {@return the phone scanned the QR code: claims the token atomically (a second device gets
     * {@code HANDOFF_ALREADY_CLAIMED}) and returns the phone's session and masked summary}
     *
     * @param handoffToken the {@code t} parameter of the handoff URL
     * @param phone        the scanning device; it must be able to verify over mobile data
     * @throws EnrollmentException {@code HANDOFF_EXPIRED}, {@code HANDOFF_ALREADY_CLAIMED},
     *                             {@code HANDOFF_INVALID}, {@code ENROLLMENT_EXPIRED}, or
     *                             {@code INELIGIBLE} for a device that cannot verify (not claimed then)
     * @throws EnrollmentUnavailableException if we could not finish the request (not the caller's fault); {@code recovery()} says what to do
     */
    public DeviceSession openOnDevice(String handoffToken, ClientContext phone)
            throws EnrollmentException, EnrollmentUnavailableException {
        return Records.storeCall(() -> handoff.openOnDevice(handoffToken, phone));
    }

    /**
     * 開始驗證: checks the pairing code, records the consent and starts number verification at the
     * carrier; called again, it restarts the verification (a new {@code state}; the old one dies).
     * Pairing code (QR route): the code {@link #status} shows on the applying device, typed on the
     * phone (spaces, hyphens, full-width digits accepted); {@value #MAX_PAIRING_ATTEMPTS} wrong codes
     * cancel the enrolment. Not checked on the same device, nor with {@code requirePairingCode(false)}.
     *
     * @param session     the phone's session
     * @param consent     the person's answer to the terms
     * @param pairingCode the code the person typed on the phone; {@code null} or blank is
     *                    {@code PAIRING_CODE_REQUIRED}, never counted as a wrong code
     * @return the verification redirect
     * @throws EnrollmentException {@code ACCESS_DENIED}, {@code CONSENT_REQUIRED}, {@code PAIRING_CODE_REQUIRED},
     *         {@code PAIRING_CODE_INCORRECT}, {@code PAIRING_CODE_LIMIT}, {@code WRONG_STEP},
     *         {@code ENROLLMENT_EXPIRED}, {@code ENROLLMENT_ENDED}
     * @throws EnrollmentUnavailableException the carrier failed, the token store is full, or the
     *         enrolment's carrier is no longer configured ({@code CONFIGURATION}); nothing changed
     */
    public VerificationRedirect startVerification(PhoneSession session, Consent consent, String pairingCode)
            throws EnrollmentException, EnrollmentUnavailableException {
        return Records.storeCall(() -> pairing.startVerification(session, consent, pairingCode));
    }

    /**
     * {@return {@link #startVerification(PhoneSession, Consent, String)} without a pairing code: for the same
     * device, or {@code requirePairingCode(false)}} On a QR route that needs the code it is refused
     * as {@code PAIRING_CODE_REQUIRED}, which costs no attempt. @throws as the three-argument form
     *
     * @param session the session value
     * @param consent the consent value
     * @throws EnrollmentException if the request cannot go on; {@code reason()} says why
     * @throws EnrollmentUnavailableException if we could not finish the request (not the caller's fault); {@code recovery()} says what to do
     */
    public VerificationRedirect startVerification(PhoneSession session, Consent consent)
            throws EnrollmentException, EnrollmentUnavailableException {
        return Records.storeCall(() -> pairing.startVerification(session, consent, null));
    }

    /**
     * {@return the carrier sent the phone back} The callback must come back in the browser that started the
     * verification ({@code state} is bound to the user agent, RFC 6749 §10.12, RFC 9700 §4.7): in any
     * other (a forwarded link, a relay) it is {@code CALLBACK_WRONG_BROWSER} and spends nothing. Then
     * number verification; <em>only then</em> KYC match, NHI card, attributes, SIM swap; eligibility;
     * issuance and binding. The session cookie must reach {@link PortalUrls#carrierCallback()} on the
     * carrier's redirect: {@code HttpOnly; Secure; SameSite=Lax} ({@code Strict} would drop it).
     *
     * @param session  the phone session sent with the callback request (its cookie); a missing
     *                 cookie is {@code PhoneSession.fromTransport(null)}, refused as {@code CALLBACK_WRONG_BROWSER}
     * @param callback the callback's query parameters
     * @throws EnrollmentException {@code CALLBACK_WRONG_BROWSER}, {@code STATE_UNKNOWN}, {@code STATE_REPLAYED},
     *         {@code VERIFICATION_EXPIRED}, {@code ENROLLMENT_EXPIRED}, {@code ENROLLMENT_ENDED}
     * @throws EnrollmentUnavailableException the carrier (or CA, or configuration) failed; the enrolment is
     *         kept. Only a transient carrier failure may be retried with the same callback; otherwise start the
     *         verification again, or ({@code TRY_LATER}) wait for the operator: see {@link EnrollmentUnavailableException}
     */
    public VerificationOutcome completeVerification(PhoneSession session, VerificationCallback callback)
            throws EnrollmentException, EnrollmentUnavailableException {
        return Records.storeCall(() -> steps.finish(session, callback));
    }

    /**
     * {@return {@link #openOnDevice(String, ClientContext)} for the handoff request's URL (its {@code t} is the token)}
     *
     * @param requestUrl the request url
     * @param phone the phone number
     * @throws EnrollmentException if the request cannot go on; {@code reason()} says why
     * @throws EnrollmentUnavailableException if we could not finish the request (not the caller's fault); {@code recovery()} says what to do
     */
    public DeviceSession openOnDevice(URI requestUrl, ClientContext phone)
            throws EnrollmentException, EnrollmentUnavailableException {
        return openOnDevice(PortalUrls.handoffToken(requestUrl).orElse(""), phone);
    }

    /**
     * {@return {@link #openOnDevice(String, ClientContext)} for the handoff request's decoded query ({@code t} is the token)}
     *
     * @param query the query value
     * @param phone the phone number
     * @throws EnrollmentException if the request cannot go on; {@code reason()} says why
     * @throws EnrollmentUnavailableException if we could not finish the request (not the caller's fault); {@code recovery()} says what to do
     */
    public DeviceSession openOnDevice(java.util.Map<String, String> query, ClientContext phone)
            throws EnrollmentException, EnrollmentUnavailableException {
        return openOnDevice(query == null ? "" : query.getOrDefault("t", ""), phone);
    }

    /**
     * {@return the help page's text: the eligibility rules in force, and how the NHI card number is (or is not) checked}
     */
    public HelpPage help() {
        return settings.help();
    }

    /** Removes expired enrolments and tokens now (the in-memory stores also sweep on their own). */
    public void purgeExpired() {
        settings.purgeExpired();
    }

    @Override
    public String toString() {
        return "EnrollmentService[carriers=" + settings.adapters.ids() + ", binding=" + settings.binding
                + ", qrValidity=" + settings.qrValidity + ", lifetime=" + settings.lifetime + "]";
    }

    // ---------------------------------------------------------------- builder

    /** Stage 1: the carriers. */
    public interface CarriersStage {
        /**
         * {@return the carrier registry (names for the summary) and the live adapters; the form offers exactly these}
         *
         * @param registry the registry value
         * @param adapters the adapters value
         */
        StoresStage carriers(Carriers registry, CarrierAdapters adapters);
    }

    /** Stage 2: the stores. */
    public interface StoresStage {
        /**
         * {@return where enrolments, one-time tokens and credentials live (e.g. the in-memory stores)}
         *
         * @param enrollments the enrollments value
         * @param tokens the tokens value
         * @param credentials the credentials value
         */
        IssuerStage stores(EnrollmentStore enrollments, OneTimeTokenStore tokens, CredentialStore credentials);
    }

    /** Stage 3: the certificate issuer. */
    public interface IssuerStage {
        /**
         * Issues the X.509 certificate for the device key, signed by the enrolment CA.
         *
         * @param issuer the issuer value
         * @return the next stage
         */
        SecretsStage certificateIssuer(CertificateIssuer issuer);
    }

    /** Stage 4: the secrets. */
    public interface SecretsStage {
        /**
         * @param hmacKey        keys every verifier and token hash (subject key, birth date, name,
         *                       desktop secret, handoff token, carrier state); keep it stable
         * @param pendingDataKey seals the pending personal data (AES-256-GCM)
         * @return the next stage, the portal URLs
         */
        UrlsStage secrets(HmacKey hmacKey, AeadKey pendingDataKey);
    }

    /** Stage 5: the portal's URLs. */
    public interface UrlsStage {
        /**
         * {@return the portal's origin, QR handoff page and carrier callback}
         *
         * @param urls the urls value
         */
        Builder portalUrls(PortalUrls urls);
    }

    /** The optional parts, each with a documented default, then {@link #build()}. Every setter rejects null. */
    public interface Builder extends CarriersStage, StoresStage, IssuerStage, SecretsStage, UrlsStage {
        /**
         * {@return the clock for every expiry and timestamp} Default: {@link Clock#systemUTC()}. Give the same one to
         * the parts you pass in (issuer, stores, a custom {@link CaptchaService}, the {@code LoginService}).
         *
         * @param clock the clock that decides expiry
         */
        Builder clock(Clock clock);

        /**
         * {@return the eligibility rules, run as a pre-check and a final check} Default: {@link EligibilityPolicy#standard()}.
         *
         * @param policy the policy value
         */
        Builder eligibilityPolicy(EligibilityPolicy policy);

        /**
         * {@return what happens to earlier credentials} Default: {@link BindingPolicy#replaceAll()}.
         *
         * @param policy the policy value
         */
        Builder bindingPolicy(BindingPolicy policy);

        /**
         * {@return the form's captcha} Default: the built-in {@link ImageCaptcha} (5 characters, 5 minutes), on this builder's clock.
         *
         * @param captcha the captcha value
         */
        Builder captcha(CaptchaService captcha);

        /**
         * {@return the password hasher} Default: {@link Argon2idPasswordHasher#withDefaults()} (m=19456 KiB, t=2, p=1).
         *
         * @param hasher the hasher value
         */
        Builder passwordHasher(PasswordHasher hasher);

        /**
         * {@return the password rules} Default: {@link PasswordPolicy#standard()} (8–128 characters, no common or personal words).
         *
         * @param policy the policy value
         */
        Builder passwordPolicy(PasswordPolicy policy);

        /**
         * {@return where audit events go} Default: {@link Slf4jAuditSink} (logger {@code tw.mobileauth.audit}).
         *
         * @param sink the sink value
         */
        Builder auditSink(AuditSink sink);

        /**
         * {@return who hears of credentials bound and revoked (e.g. to send a "new browser bound" notice)} Default: none.
         *
         * @param listener the listener value
         */
        Builder listener(EnrollmentListener listener);

        /**
         * {@return the registry that confirms the NHI card number after number verification (fact {@code NHI_CARD},
         * rule {@code nhi-card-confirmed})} This or {@link #withoutIdentityRegistry} is required.
         *
         * @param registry the registry value
         */
        Builder identityRegistry(tw.mobileauth.registry.spi.IdentityRegistry registry);

        /**
         * {@return no NHI card check, for {@code reason}: audited at start-up and stated by {@link EnrollmentService#help()}}
         *
         * @param reason the reason
         */
        Builder withoutIdentityRegistry(String reason);

        /**
         * {@return where per-person holder-check failures (KYC or NHI card mismatches) are counted: the portal's
         * shared store ({@code MobileAuth} passes it)} Default: in memory, on this builder's clock.
         *
         * @param counters the counters value
         */
        Builder counters(tw.mobileauth.store.CounterStore counters);

        /**
         * {@return how long the form's device-key challenge lives} Default: 10 minutes. Must be 1 – 30 min.
         *
         * @param validity the validity value
         */
        Builder formChallengeValidity(Duration validity);

        /**
         * {@return how long one QR code (handoff token) lives} Default: 5 minutes. Must be 30 s – 30 min.
         *
         * @param validity the validity value
         */
        Builder qrValidity(Duration validity);

        /**
         * {@return how many times 重新產生QRCode may be used} Default: {@value #DEFAULT_MAX_REGENERATIONS}. 0–50.
         *
         * @param max the max value
         */
        Builder maxRegenerations(int max);

        /**
         * {@return total lifetime of one enrolment, from {@code begin}} Default: 30 minutes. 2 min – 24 h.
         *
         * @param lifetime the lifetime value
         */
        Builder lifetime(Duration lifetime);

        /**
         * {@return how long a finished enrolment stays readable by {@code status}} Default: 10 minutes. 1 min – 24 h.
         *
         * @param retention the retention value
         */
        Builder resultRetention(Duration retention);

        /**
         * {@return bound on one carrier operation} Default: 10 seconds. 1 s – 2 min.
         *
         * @param timeout the longest the call may take
         */
        Builder carrierTimeout(Duration timeout);

        /**
         * {@return the version of the terms the phone is shown and the consent names} Default:
         * {@value #DEFAULT_TERMS_VERSION}. After a change, enrolments whose phone was already shown
         * the old version may still consent to it (or to the new one): the consent record says which.
         *
         * @param version the version value
         */
        Builder termsVersion(String version);

        /**
         * {@return whether the phone must type the pairing code the applying device shows before
         * verification starts (QR route)} Default: {@code true}.
         *
         * <p><b>Security relaxation.</b> With {@code false} the phone is shown the code to compare, and
         * {@code startVerification} accepts any code: a phone that got the QR code some other way meets
         * only number verification. Example: required, {@code "123456"} against {@code 802114} is
         * {@code PAIRING_CODE_INCORRECT}; relaxed, it is accepted.
         *
         * @param required the required value
         */
        Builder requirePairingCode(boolean required);

        /**
         * {@return the QR encoder} Default: {@link QrCode#standard()}.
         *
         * @param qr the qr value
         */
        Builder qrCode(QrCode qr);

        /**
         * {@return the random source for ids, tokens and secrets} Default: a new {@link SecureRandom}.
         *
         * @param random the source of randomness
         */
        Builder secureRandom(SecureRandom random);

        /**
         * {@return the service}
         *
         * @throws IllegalArgumentException if a carrier adapter does not declare
         *         {@link #REQUIRED_CAPABILITIES} (the enrolment could prove neither the number nor that
         *         the applicant holds the line), or {@code qrValidity} is longer than the {@code lifetime}
         */
        EnrollmentService build();
    }
}
