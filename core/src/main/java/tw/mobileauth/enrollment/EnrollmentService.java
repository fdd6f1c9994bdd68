package tw.mobileauth.enrollment;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.audit.AuditSink;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.audit.Slf4jAuditSink;
import tw.mobileauth.captcha.CaptchaChallenge;
import tw.mobileauth.captcha.CaptchaService;
import tw.mobileauth.captcha.ImageCaptcha;
import tw.mobileauth.carrier.CarrierAdapters;
import tw.mobileauth.carrier.Carriers;
import tw.mobileauth.carrier.spi.CarrierAdapter;
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
 * 行動電話認證 enrolment (DESIGN §4): steps 1–5 of the BLI journey, for every device route.
 * One immutable, thread-safe object per portal, built with {@link #builder()}.
 *
 * <h2>The steps</h2>
 * <ol>
 *   <li>{@link #checkNationalId(String)}: format, checksum, citizen class. Says nothing about
 *       earlier enrolments.</li>
 *   <li>{@link #prepareApplication()}: a captcha and a device-key challenge for the form.</li>
 *   <li>{@link #begin(EnrollmentApplication, ClientContext)}: validates every field at once, the
 *       captcha, the password policy (then hashes the password with Argon2id at once), the device
 *       key and its proof of possession; pre-checks eligibility with no carrier call; routes by
 *       device; keeps the personal data only AES-GCM sealed. Returns a {@link DesktopSecret}
 *       and {@link NextStep.ShowQrCode} or {@link NextStep.ContinueHere}.</li>
 *   <li>Desktop: {@link #status}, {@link #regenerateQr}, {@link #restart}, all needing the
 *       desktop secret.</li>
 *   <li>Phone: {@link #openOnDevice(String, ClientContext)} claims the QR token once;
 *       {@link #startVerification(PhoneSession, Consent, String)} checks the pairing code the
 *       desktop shows (typed on the phone), records consent and returns the carrier's URL; {@link #completeVerification(PhoneSession, VerificationCallback)}, in the browser that holds
 *       the phone session, verifies the number
 *       over the carrier's network, <em>only then</em> looks the subscriber up (KYC,
 *       attributes, SIM swap), decides eligibility and issues the certificate.</li>
 * </ol>
 *
 * <h2>Errors</h2>
 * {@link InvalidInputException}: a form field is wrong (all listed at once).
 * {@link EnrollmentException}: the request cannot go on (closed {@link EnrollmentException.Reason}).
 * {@link EnrollmentUnavailableException}: the carrier, captcha provider or hasher failed, or a
 * bounded store is full; nothing is lost and a retryable one may be repeated.
 * {@link tw.mobileauth.store.StoreException}: the store failed (or, from {@link #regenerateQr},
 * the token store is full: {@link tw.mobileauth.store.StoreException.Reason#FULL}).
 */
public final class EnrollmentService {

    /**
     * Default lifetime of the form's device-key challenge ({@link #prepareApplication()}):
     * {@value} minutes, long enough to fill the form in (the captcha can be regenerated on its own),
     * short enough that anonymous callers cannot park many challenges in the store.
     */
    public static final int DEFAULT_FORM_CHALLENGE_MINUTES = 10;
    /** Default lifetime of one QR code: {@value #DEFAULT_QR_MINUTES} minutes. */
    public static final int DEFAULT_QR_MINUTES = 5;
    /** Default number of QR regenerations allowed: {@value}. */
    public static final int DEFAULT_MAX_REGENERATIONS = 5;
    /** Default total lifetime of an enrolment: {@value} minutes. */
    public static final int DEFAULT_LIFETIME_MINUTES = 30;
    /** Default time a finished enrolment is kept for the desktop to pick up: {@value} minutes. */
    public static final int DEFAULT_RESULT_RETENTION_MINUTES = 10;
    /**
     * Wrong pairing codes allowed on the phone: {@value}. The one that reaches it cancels the
     * enrolment ({@link EnrollmentException.Reason#PAIRING_CODE_LIMIT}), so guessing the six digits
     * succeeds with a chance of at most 5 in a million.
     */
    public static final int MAX_PAIRING_ATTEMPTS = 5;
    /** Default bound on one carrier operation: {@value} seconds. */
    public static final int DEFAULT_CARRIER_TIMEOUT_SECONDS = 10;
    /**
     * What every carrier adapter must declare ({@link Builder#build()} refuses others): number
     * verification and the KYC match of the holder.
     */
    public static final Set<Capability> REQUIRED_CAPABILITIES =
            Collections.unmodifiableSet(EnumSet.of(Capability.NUMBER_VERIFICATION, Capability.KYC_MATCH));
    /** Default terms version: {@value}. */
    public static final String DEFAULT_TERMS_VERSION = "2025-01";

    final Settings settings;
    private final Ceremony ceremony;

    private EnrollmentService(Settings settings) {
        this.settings = settings;
        this.ceremony = new Ceremony(settings);
    }

    /** Starts the staged builder: carriers, stores, certificate issuer, secrets, portal URLs, then options. */
    public static CarriersStage builder() {
        return new Builder();
    }

    /**
     * Step 1 (驗證): is this a well-formed, checksum-valid citizen ID? The answer never depends on
     * whether the person has enrolled before.
     *
     * @throws InvalidInputException if it is not a national ID (format or checksum)
     * @throws EnrollmentException   {@link EnrollmentException.Reason#INELIGIBLE} with
     *                               {@code ID_NOT_CITIZEN} for a resident certificate number
     */
    public NationalIdCheck checkNationalId(String input) throws InvalidInputException, EnrollmentException {
        return ceremony.checkNationalId(input);
    }

    /**
     * A fresh captcha and device-key challenge for the application form (both single use). The
     * challenge lives {@link Builder#formChallengeValidity} (default
     * {@value #DEFAULT_FORM_CHALLENGE_MINUTES} minutes).
     *
     * @throws EnrollmentUnavailableException if the captcha provider failed, or the token store is
     *                                        full ({@link EnrollmentUnavailableException.Source#STORE});
     *                                        both retryable
     */
    public FormChallenge prepareApplication() throws EnrollmentUnavailableException {
        return ceremony.prepareApplication();
    }

    /**
     * 重新產生驗證碼: the old captcha dies at once and a new one is issued.
     *
     * @throws EnrollmentUnavailableException if the captcha provider failed (retryable)
     */
    public CaptchaChallenge regenerateCaptcha(String captchaId) throws EnrollmentUnavailableException {
        return ceremony.regenerateCaptcha(captchaId);
    }

    /**
     * Steps 2–3: validates and stores the application and routes it.
     *
     * @throws InvalidInputException          every invalid field at once
     * @throws EnrollmentException            captcha wrong, device key or proof invalid, challenge
     *                                        unknown, or the eligibility pre-check failed
     *                                        ({@link EnrollmentException.Reason#INELIGIBLE})
     * @throws EnrollmentUnavailableException the captcha provider failed (retryable); or the password
     *                                        hasher is saturated or the enrolment store is full, after the
     *                                        form's single-use captcha and challenge were spent:
     *                                        {@link EnrollmentUnavailableException.Recovery#NEW_FORM}
     *                                        (call {@link #prepareApplication()} and submit again)
     */
    public Begun begin(EnrollmentApplication application, ClientContext client)
            throws InvalidInputException, EnrollmentException, EnrollmentUnavailableException {
        return ceremony.begin(application, client);
    }

    /**
     * The applying device's view (poll it). Finished enrolments stay readable for the result
     * retention time (default {@value #DEFAULT_RESULT_RETENTION_MINUTES} minutes).
     *
     * @throws EnrollmentException {@code UNKNOWN_ENROLLMENT} or {@code ACCESS_DENIED} (wrong secret)
     */
    public EnrollmentStatus status(String enrollmentId, DesktopSecret secret) throws EnrollmentException {
        return ceremony.status(enrollmentId, secret);
    }

    /**
     * 重新產生QRCode: a new 256-bit token and a new QR validity window; the old token is dead at
     * once. Allowed while no device has claimed the code, up to the regeneration cap.
     *
     * @throws EnrollmentException {@code ACCESS_DENIED}, {@code WRONG_STEP}, {@code REGENERATION_LIMIT},
     *                             {@code ENROLLMENT_EXPIRED}, {@code ENROLLMENT_ENDED}, {@code UNKNOWN_ENROLLMENT}
     */
    public NextStep.ShowQrCode regenerateQr(String enrollmentId, DesktopSecret secret) throws EnrollmentException {
        return ceremony.regenerateQr(enrollmentId, secret);
    }

    /**
     * 重新申請行動認證: cancels the enrolment; its personal data is wiped at once. Idempotent.
     *
     * @throws EnrollmentException {@code ACCESS_DENIED}, {@code UNKNOWN_ENROLLMENT}, or
     *                             {@code ENROLLMENT_ENDED} if it already completed or was rejected
     */
    public void restart(String enrollmentId, DesktopSecret secret) throws EnrollmentException {
        ceremony.restart(enrollmentId, secret);
    }

    /**
     * The phone scanned the QR code: claims the token atomically (a second device gets
     * {@code HANDOFF_ALREADY_CLAIMED}) and returns the phone's session and masked summary.
     *
     * @param handoffToken the {@code t} parameter of the handoff URL
     * @param phone        the scanning device; it must be able to verify over mobile data
     * @throws EnrollmentException {@code HANDOFF_EXPIRED}, {@code HANDOFF_ALREADY_CLAIMED},
     *                             {@code HANDOFF_INVALID}, {@code ENROLLMENT_EXPIRED}, or
     *                             {@code INELIGIBLE} for a device that cannot verify (not claimed then)
     */
    public DeviceSession openOnDevice(String handoffToken, ClientContext phone) throws EnrollmentException {
        return ceremony.openOnDevice(handoffToken, phone);
    }

    /**
     * 開始驗證: checks the pairing code, records the consent (terms version, time, masked context)
     * and starts number verification at the carrier. May be called again to restart verification
     * (a new carrier {@code state}; the previous one dies, and so does any number verification
     * done for it).
     *
     * <p><b>Pairing code (QR route).</b> The applying device's {@link #status} shows a six-digit
     * code ({@link EnrollmentStatus.InProgress#pairingCode()}); the phone does not get it and the
     * person types it there ({@link DeviceSummary#pairingCodeRequired()}). So whoever photographs or
     * intercepts the QR code cannot go on without also seeing the applying device's screen.
     * Compared in constant time; spaces, hyphens and full-width digits are accepted. After
     * {@value #MAX_PAIRING_ATTEMPTS} wrong codes the enrolment is cancelled. Once the right code
     * was given, a restart needs no code again. On the same-device route, and with
     * {@link Builder#requirePairingCode(boolean) requirePairingCode(false)}, the code is not
     * checked and may be anything (e.g. {@code ""}).
     *
     * @param session     the phone's session
     * @param consent     the person's answer to the terms
     * @param pairingCode the code the person typed on the phone; {@code null} is read as {@code ""}
     * @throws EnrollmentException            {@code ACCESS_DENIED}, {@code CONSENT_REQUIRED},
     *                                        {@code PAIRING_CODE_INCORRECT}, {@code PAIRING_CODE_LIMIT},
     *                                        {@code WRONG_STEP}, {@code ENROLLMENT_EXPIRED}, {@code ENROLLMENT_ENDED}
     * @throws EnrollmentUnavailableException the carrier failed, the token store is full, or the
     *                                        enrolment's carrier is no longer configured
     *                                        ({@code CONFIGURATION}); nothing changed
     */
    public VerificationRedirect startVerification(PhoneSession session, Consent consent, String pairingCode)
            throws EnrollmentException, EnrollmentUnavailableException {
        return ceremony.startVerification(session, consent, pairingCode == null ? "" : pairingCode);
    }

    /**
     * {@link #startVerification(PhoneSession, Consent, String)} without a pairing code: for the
     * same-device route, or a service built with {@code requirePairingCode(false)}. On the QR route
     * of a default service it is refused as {@code PAIRING_CODE_INCORRECT} (and counts as a wrong code).
     *
     * @throws EnrollmentException            as the three-argument form
     * @throws EnrollmentUnavailableException the carrier failed; nothing changed
     */
    public VerificationRedirect startVerification(PhoneSession session, Consent consent)
            throws EnrollmentException, EnrollmentUnavailableException {
        return ceremony.startVerification(session, consent, "");
    }

    /**
     * The carrier sent the phone back. First, the callback must have come back to the browser that
     * started the verification: {@code session} is the phone session from that browser's cookie
     * (OAuth's rule that {@code state} is bound to the user agent, RFC 6749 §10.12, RFC 9700 §4.7).
     * A callback in any other browser (a forwarded carrier link, a phishing relay) is refused as
     * {@code CALLBACK_WRONG_BROWSER}, audited, and consumes nothing: the phone that holds the
     * session can still finish. Then, in this order: number verification and network status;
     * only then KYC match, subscription attributes and SIM-swap information; final eligibility;
     * issuance and the binding policy. A repeat of the same callback returns the same outcome; a
     * different callback for a used {@code state}, or a replaced one, is refused.
     *
     * <p>The phone session's cookie must reach the callback URL on the carrier's top-level
     * redirect: {@code HttpOnly; Secure; SameSite=Lax} and a path covering
     * {@link PortalUrls#carrierCallback()} ({@code SameSite=Strict} would drop it on the redirect
     * from the carrier's site).
     *
     * @param session  the phone session sent with the callback request (its cookie); a missing
     *                 cookie is {@code PhoneSession.fromTransport(null)}, refused as {@code CALLBACK_WRONG_BROWSER}
     * @param callback the callback's query parameters
     * @throws EnrollmentException            {@code CALLBACK_WRONG_BROWSER}, {@code STATE_UNKNOWN},
     *                                        {@code STATE_REPLAYED}, {@code VERIFICATION_EXPIRED},
     *                                        {@code ENROLLMENT_EXPIRED}, {@code ENROLLMENT_ENDED}
     * @throws EnrollmentUnavailableException the carrier failed; the enrolment is kept, and a
     *                                        retryable failure may be retried with the same callback.
     *                                        Only a transient carrier failure is retryable: an error
     *                                        the carrier put into the callback itself
     *                                        ({@code error=server_error}, …) or a refused code is not,
     *                                        because the same callback would fail again; start the
     *                                        verification again ({@link #startVerification}).
     *                                        {@code ISSUER} (the enrolment CA is not valid now) and
     *                                        {@code CONFIGURATION} (the enrolment's carrier is no longer
     *                                        configured) are {@code TRY_LATER}: audited, noted in the
     *                                        desktop's status, the enrolment kept until the operator acts
     */
    public VerificationOutcome completeVerification(PhoneSession session, VerificationCallback callback)
            throws EnrollmentException, EnrollmentUnavailableException {
        return ceremony.completeVerification(session, callback);
    }

    /**
     * {@link #openOnDevice(String, ClientContext)} for the handoff page's request as it arrived:
     * the full request URL, whose {@code t} parameter is the token (no string surgery for the portal).
     *
     * @throws EnrollmentException as the token form; {@code HANDOFF_INVALID} if the URL has no token
     */
    public DeviceSession openOnDevice(URI requestUrl, ClientContext phone) throws EnrollmentException {
        return ceremony.openOnDevice(PortalUrls.handoffToken(requestUrl).orElse(""), phone);
    }

    /**
     * {@link #openOnDevice(String, ClientContext)} for the handoff page's query parameters as the
     * portal's web stack decoded them (first value of each): the token is {@code query.get("t")}.
     *
     * @throws EnrollmentException as the token form; {@code HANDOFF_INVALID} if there is no {@code t}
     */
    public DeviceSession openOnDevice(java.util.Map<String, String> query, ClientContext phone)
            throws EnrollmentException {
        String token = query == null ? null : query.get("t");
        return ceremony.openOnDevice(token == null ? "" : token, phone);
    }

    /** Removes expired enrolments and tokens now (the in-memory stores also sweep on their own). */
    public void purgeExpired() {
        Instant now = settings.clock.instant();
        settings.enrollments.purgeExpired(now);
        settings.tokens.purgeExpired(now);
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
         * The carrier registry (names for the summary) and the live adapters (one per configured
         * carrier; the form accepts exactly these carriers).
         */
        StoresStage carriers(Carriers registry, CarrierAdapters adapters);
    }

    /** Stage 2: the stores. */
    public interface StoresStage {
        /** Where enrolments, one-time tokens and credentials live (e.g. the in-memory stores). */
        IssuerStage stores(EnrollmentStore enrollments, OneTimeTokenStore tokens, CredentialStore credentials);
    }

    /** Stage 3: the certificate issuer. */
    public interface IssuerStage {
        /** Issues the X.509 certificate for the device key, signed by the enrolment CA. */
        SecretsStage certificateIssuer(CertificateIssuer issuer);
    }

    /** Stage 4: the secrets. */
    public interface SecretsStage {
        /**
         * @param hmacKey        keys every verifier and token hash (subject key, birth date, name,
         *                       desktop secret, handoff token, carrier state); keep it stable
         * @param pendingDataKey seals the pending personal data (AES-256-GCM)
         */
        UrlsStage secrets(HmacKey hmacKey, AeadKey pendingDataKey);
    }

    /** Stage 5: the portal's URLs. */
    public interface UrlsStage {
        /** The portal's origin, QR handoff page and carrier callback. */
        Builder portalUrls(PortalUrls urls);
    }

    /**
     * The optional parts, each with a documented default, then {@link #build()}.
     * Every setter rejects null.
     */
    public static final class Builder implements CarriersStage, StoresStage, IssuerStage, SecretsStage, UrlsStage {
        private final Settings s = new Settings();

        private Builder() {
        }

        @Override
        public StoresStage carriers(Carriers registry, CarrierAdapters adapters) {
            s.registry = Objects.requireNonNull(registry, "registry");
            s.adapters = Objects.requireNonNull(adapters, "adapters");
            if (adapters.ids().isEmpty()) {
                throw new IllegalArgumentException("configure at least one carrier adapter");
            }
            return this;
        }

        @Override
        public IssuerStage stores(EnrollmentStore enrollments, OneTimeTokenStore tokens, CredentialStore credentials) {
            s.enrollments = Objects.requireNonNull(enrollments, "enrollments");
            s.tokens = Objects.requireNonNull(tokens, "tokens");
            s.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        @Override
        public SecretsStage certificateIssuer(CertificateIssuer issuer) {
            s.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        @Override
        public UrlsStage secrets(HmacKey hmacKey, AeadKey pendingDataKey) {
            s.hmac = Objects.requireNonNull(hmacKey, "hmacKey");
            s.sealKey = Objects.requireNonNull(pendingDataKey, "pendingDataKey");
            return this;
        }

        @Override
        public Builder portalUrls(PortalUrls urls) {
            s.urls = Objects.requireNonNull(urls, "urls");
            return this;
        }

        /**
         * The clock for every expiry and timestamp. Default: {@link Clock#systemUTC()}.
         *
         * <p>The service hands it to everything it creates itself: the default captcha, the form
         * validation (age from the birth date), carrier call deadlines. The parts a portal builds
         * and passes in keep their own clock, so give them this same one: the
         * {@link CertificateIssuer} (certificate validity, CA validity check), the in-memory stores
         * (their clean-up sweeps), a custom {@link CaptchaService}, and the {@code LoginService}.
         * A different clock there does not break the ceremony's rules (every expiry the service
         * decides is on this clock), but certificates and clean-up would follow another time.
         */
        public Builder clock(Clock clock) {
            s.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The eligibility rules, run as a pre-check and a final check. Default: {@link EligibilityPolicy#standard()}. */
        public Builder eligibilityPolicy(EligibilityPolicy policy) {
            s.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** What happens to earlier credentials. Default: {@link BindingPolicy#replaceAll()}. */
        public Builder bindingPolicy(BindingPolicy policy) {
            s.binding = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The form's captcha. Default: the built-in {@link ImageCaptcha} (5 characters, 5 minutes), on this builder's clock. */
        public Builder captcha(CaptchaService captcha) {
            s.captcha = Objects.requireNonNull(captcha, "captcha");
            return this;
        }

        /**
         * The password hasher. Default: {@link Argon2idPasswordHasher#withDefaults()} (m=19456 KiB,
         * t=2, p=1, PHC strings, bounded concurrency).
         */
        public Builder passwordHasher(PasswordHasher hasher) {
            s.hasher = Objects.requireNonNull(hasher, "hasher");
            return this;
        }

        /** The password rules. Default: {@link PasswordPolicy#standard()} (8–128 characters, no common or personal words). */
        public Builder passwordPolicy(PasswordPolicy policy) {
            s.passwordPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Where audit events go. Default: {@link Slf4jAuditSink} (logger {@code tw.mobileauth.audit}). */
        public Builder auditSink(AuditSink sink) {
            s.audit = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Who hears about credentials bound and revoked, e.g. to send the person a "new browser
         * bound" notice. Default {@link EnrollmentListener#NONE}.
         */
        public Builder listener(EnrollmentListener listener) {
            s.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * How long the form's device-key challenge lives. Default:
         * {@value EnrollmentService#DEFAULT_FORM_CHALLENGE_MINUTES} minutes. Must be 1 – 30 min.
         */
        public Builder formChallengeValidity(Duration validity) {
            s.formChallengeValidity = within(validity, Duration.ofMinutes(1), Duration.ofMinutes(30),
                    "formChallengeValidity");
            return this;
        }

        /** How long one QR code (handoff token) lives. Default: 5 minutes. Must be 30 s – 30 min. */
        public Builder qrValidity(Duration validity) {
            s.qrValidity = within(validity, Duration.ofSeconds(30), Duration.ofMinutes(30), "qrValidity");
            return this;
        }

        /** How many times 重新產生QRCode may be used. Default: {@value #DEFAULT_MAX_REGENERATIONS}. 0–50. */
        public Builder maxRegenerations(int max) {
            if (max < 0 || max > 50) {
                throw new IllegalArgumentException("maxRegenerations must be 0-50, was " + max);
            }
            s.maxRegenerations = max;
            return this;
        }

        /** Total lifetime of one enrolment, from {@code begin}. Default: 30 minutes. 2 min – 24 h. */
        public Builder lifetime(Duration lifetime) {
            s.lifetime = within(lifetime, Duration.ofMinutes(2), Duration.ofHours(24), "lifetime");
            return this;
        }

        /** How long a finished enrolment stays readable by {@code status}. Default: 10 minutes. 1 min – 24 h. */
        public Builder resultRetention(Duration retention) {
            s.resultRetention = within(retention, Duration.ofMinutes(1), Duration.ofHours(24), "resultRetention");
            return this;
        }

        /** Bound on one carrier operation. Default: 10 seconds. 1 s – 2 min. */
        public Builder carrierTimeout(Duration timeout) {
            s.carrierTimeout = within(timeout, Duration.ofSeconds(1), Duration.ofMinutes(2), "carrierTimeout");
            return this;
        }

        /**
         * The version of the terms the phone is shown and the consent names. Default:
         * {@value #DEFAULT_TERMS_VERSION}. After a change, enrolments whose phone was already shown
         * the old version may still consent to it (or to the new one): the consent record says which.
         */
        public Builder termsVersion(String version) {
            Objects.requireNonNull(version, "version");
            if (version.isBlank() || version.length() > 40) {
                throw new IllegalArgumentException("termsVersion must be 1-40 characters");
            }
            s.termsVersion = version;
            return this;
        }

        /**
         * Whether the phone must type the pairing code the applying device shows before
         * verification starts (QR route). Default: {@code true}.
         *
         * <p><b>Security relaxation.</b> With {@code false} the phone is shown the code and the person
         * is merely asked to compare it with the applying device's; {@code startVerification}
         * accepts any code (or none). Then a phone that got the QR code some other way (a
         * photograph, a shoulder-surfed screen, a victim lured into scanning an attacker's code) can
         * go on to verification as soon as it claims the code, and only number verification at the
         * carrier stands in its way. The applying device's {@code status} then reports a failed
         * holder check as one {@code verification.HOLDER_MISMATCH} rather than per field. Example:
         * required, a phone sending {@code "123456"} while the desktop shows {@code 802114} is
         * refused ({@code PAIRING_CODE_INCORRECT}); relaxed, it is accepted.
         */
        public Builder requirePairingCode(boolean required) {
            s.requirePairingCode = required;
            return this;
        }

        /** The QR encoder. Default: {@link QrCode#standard()}. */
        public Builder qrCode(QrCode qr) {
            s.qr = Objects.requireNonNull(qr, "qr");
            return this;
        }

        /** The random source for ids, tokens and secrets. Default: a new {@link SecureRandom}. */
        public Builder secureRandom(SecureRandom random) {
            s.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * The service.
         *
         * @throws IllegalArgumentException if a carrier adapter does not declare
         *         {@link Capability#NUMBER_VERIFICATION} and {@link Capability#KYC_MATCH} (the
         *         enrolment could neither prove possession of the number nor that the applicant
         *         holds the line), or {@code qrValidity} is longer than the {@code lifetime}
         */
        public EnrollmentService build() {
            requireRequiredCapabilities(s.adapters);
            if (s.captcha == null) {
                s.captcha = ImageCaptcha.builder().clock(s.clock).build();
            }
            if (s.hasher == null) {
                s.hasher = Argon2idPasswordHasher.withDefaults();
            }
            if (s.qrValidity.compareTo(s.lifetime) > 0) {
                throw new IllegalArgumentException("qrValidity " + s.qrValidity + " is longer than the lifetime "
                        + s.lifetime);
            }
            return new EnrollmentService(s.copy());
        }

        /**
         * Fail closed at start-up: without number verification the phone proves nothing, and
         * without the KYC match anybody holding a phone could bind someone else's ID, name and
         * birth date to it.
         */
        private static void requireRequiredCapabilities(CarrierAdapters adapters) {
            for (String id : adapters.ids()) {
                CarrierAdapter adapter = adapters.get(id).orElseThrow();
                Set<Capability> missing = EnumSet.copyOf(REQUIRED_CAPABILITIES);
                missing.removeAll(adapter.capabilities());
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException("carrier adapter '" + id + "' (" + adapter.getClass().getName()
                            + ") does not declare " + missing + ". Enrolment needs NUMBER_VERIFICATION to prove the"
                            + " phone holds the number and KYC_MATCH to prove the applicant holds the line; use an"
                            + " adapter that declares both, or leave carrier '" + id + "' out of CarrierAdapters.");
                }
            }
        }

        private static Duration within(Duration d, Duration min, Duration max, String name) {
            Objects.requireNonNull(d, name);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + d);
            }
            return d;
        }
    }

    /** Everything the service runs on; filled by the builder, then never changed. */
    static final class Settings {
        Carriers registry;
        CarrierAdapters adapters;
        EnrollmentStore enrollments;
        OneTimeTokenStore tokens;
        CredentialStore credentials;
        CertificateIssuer issuer;
        HmacKey hmac;
        AeadKey sealKey;
        PortalUrls urls;
        Clock clock = Clock.systemUTC();
        EligibilityPolicy policy = EligibilityPolicy.standard();
        BindingPolicy binding = BindingPolicy.replaceAll();
        CaptchaService captcha;
        PasswordHasher hasher;
        PasswordPolicy passwordPolicy = PasswordPolicy.standard();
        AuditSink audit = new Slf4jAuditSink();
        EnrollmentListener listener = EnrollmentListener.NONE;
        Duration formChallengeValidity = Duration.ofMinutes(DEFAULT_FORM_CHALLENGE_MINUTES);
        Duration qrValidity = Duration.ofMinutes(DEFAULT_QR_MINUTES);
        int maxRegenerations = DEFAULT_MAX_REGENERATIONS;
        Duration lifetime = Duration.ofMinutes(DEFAULT_LIFETIME_MINUTES);
        Duration resultRetention = Duration.ofMinutes(DEFAULT_RESULT_RETENTION_MINUTES);
        Duration carrierTimeout = Duration.ofSeconds(DEFAULT_CARRIER_TIMEOUT_SECONDS);
        String termsVersion = DEFAULT_TERMS_VERSION;
        boolean requirePairingCode = true;
        QrCode qr = QrCode.standard();
        SecureRandom random = new SecureRandom();

        Settings copy() {
            Settings c = new Settings();
            c.registry = registry;
            c.adapters = adapters;
            c.enrollments = enrollments;
            c.tokens = tokens;
            c.credentials = credentials;
            c.issuer = issuer;
            c.hmac = hmac;
            c.sealKey = sealKey;
            c.urls = urls;
            c.clock = clock;
            c.policy = policy;
            c.binding = binding;
            c.captcha = captcha;
            c.hasher = hasher;
            c.passwordPolicy = passwordPolicy;
            c.audit = audit;
            c.listener = listener;
            c.formChallengeValidity = formChallengeValidity;
            c.qrValidity = qrValidity;
            c.maxRegenerations = maxRegenerations;
            c.lifetime = lifetime;
            c.resultRetention = resultRetention;
            c.carrierTimeout = carrierTimeout;
            c.termsVersion = termsVersion;
            c.requirePairingCode = requirePairingCode;
            c.qr = qr;
            c.random = random;
            return c;
        }

        /** Tells the listener; a listener that throws is logged and ignored. */
        void notify(java.util.function.Consumer<EnrollmentListener> call, String what) {
            try {
                call.accept(listener);
            } catch (RuntimeException ex) {
                org.slf4j.LoggerFactory.getLogger(EnrollmentService.class).warn("enrolment listener failed on {}",
                        what, ex);
            }
        }

        void audit(EnrollmentEvent e) {
            try {
                audit.record(e);
            } catch (RuntimeException ex) {
                org.slf4j.LoggerFactory.getLogger(EnrollmentService.class).warn("audit sink failed on {}", e.name(), ex);
            }
        }
    }
}
