package tw.mobileauth.enrollment;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.captcha.CaptchaChallenge;
import tw.mobileauth.captcha.CaptchaUnavailableException;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.NvChallenge;
import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.crypto.DevicePublicKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.eligibility.DeviceClass;
import tw.mobileauth.eligibility.EligibilityDecision;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.i18n.LocalizedText;
import tw.mobileauth.identity.ApplicationForm;
import tw.mobileauth.identity.ApplicationFormValidator;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.identity.PersonName;
import tw.mobileauth.identity.ValidatedApplication;
import tw.mobileauth.internal.CompareAndSet;
import tw.mobileauth.qr.QrEncodingException;
import tw.mobileauth.qr.QrImage;
import tw.mobileauth.store.ClaimResult;
import tw.mobileauth.store.EnrollmentRecord;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.StoreException;
import tw.mobileauth.store.TokenPurpose;

/**
 * The enrolment steps behind {@link EnrollmentService}'s public methods. Every state change is a
 * compare-and-set on the enrolment record; a lost race re-reads and decides again, so two
 * devices or two portal nodes never both win a step.
 */
final class Ceremony {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = 128;
    private static final String QR = "QR";
    private static final String SAME_DEVICE = "SAME_DEVICE";
    private static final String UNRECOGNISED_CODE = "UNRECOGNISED_CODE";
    private static final java.util.Set<VerificationFailure> HOLDER_FIELDS = java.util.EnumSet.of(
            VerificationFailure.ID_MISMATCH, VerificationFailure.NAME_MISMATCH, VerificationFailure.BIRTH_DATE_MISMATCH);

    private final Settings s;
    private final ApplicationFormValidator validator;
    private final Verification verification;

    Ceremony(Settings settings) {
        this.s = settings;
        this.validator = ApplicationFormValidator.builder()
                .supportedCarrierIds(settings.adapters.ids())
                .passwordPolicy(settings.passwordPolicy)
                .clock(settings.clock)
                .build();
        this.verification = new Verification(settings, this);
    }

    // ------------------------------------------------------------ step 1

    NationalIdCheck checkNationalId(String input) throws InvalidInputException, EnrollmentException {
        NationalId id;
        try {
            id = NationalId.parse(input);
        } catch (InvalidInputException e) {
            s.audit(new EnrollmentEvent.InputRejected(now(), "checkNationalId", causes(e)));
            throw e;
        }
        EligibilityDecision pre = s.policy.evaluate(EligibilityFacts.unknown().withIdClass(id.idClass()));
        if (pre.verdict() == EligibilityDecision.Verdict.INELIGIBLE) {
            s.audit(new EnrollmentEvent.InputRejected(now(), "checkNationalId", eligibilityCauses(pre)));
            throw new EnrollmentException(EnrollmentException.Reason.INELIGIBLE, ineligible(pre));
        }
        return new NationalIdCheck(id.masked());
    }

    // ------------------------------------------------------------ form

    FormChallenge prepareApplication() throws EnrollmentUnavailableException {
        String challenge = random(32);
        String challengeKey = key("enrol-challenge", challenge);
        Instant now = now();
        Instant expiresAt = now.plus(s.formChallengeValidity);
        // The token first: when the store is full, no captcha is issued for nothing.
        insertToken(OneTimeToken.unclaimed(challengeKey, TokenPurpose.ENROLMENT_CHALLENGE, "-", "", now, expiresAt),
                EnrollmentUnavailableException.Recovery.RETRY);
        CaptchaChallenge captcha;
        try {
            captcha = s.captcha.issue();
        } catch (CaptchaUnavailableException e) {
            s.tokens.revoke(challengeKey);
            throw new EnrollmentUnavailableException(EnrollmentUnavailableException.Source.CAPTCHA, true,
                    Optional.empty(), "the captcha provider could not issue a challenge", e);
        }
        return new FormChallenge(challenge, expiresAt, captcha);
    }

    CaptchaChallenge regenerateCaptcha(String captchaId) throws EnrollmentUnavailableException {
        try {
            return s.captcha.regenerate(captchaId);
        } catch (CaptchaUnavailableException e) {
            throw new EnrollmentUnavailableException(EnrollmentUnavailableException.Source.CAPTCHA, true,
                    Optional.empty(), "the captcha provider could not issue a challenge", e);
        }
    }

    // ------------------------------------------------------------ steps 2-3

    Begun begin(EnrollmentApplication app, ClientContext client)
            throws InvalidInputException, EnrollmentException, EnrollmentUnavailableException {
        if (app == null || client == null) {
            throw new EnrollmentException(EnrollmentException.Reason.WRONG_STEP);
        }
        // 1. Captcha first: it is single use whatever follows, and it stops scripted form posts
        //    before any expensive work.
        boolean captchaOk;
        try {
            captchaOk = s.captcha.verify(app.captchaId().orElse(""), app.captchaAnswer().orElse(""));
        } catch (CaptchaUnavailableException e) {
            throw new EnrollmentUnavailableException(EnrollmentUnavailableException.Source.CAPTCHA, true,
                    Optional.empty(), "the captcha provider could not check the answer", e);
        }
        if (!captchaOk) {
            s.audit(new EnrollmentEvent.InputRejected(now(), "begin", List.of("captcha:INCORRECT")));
            throw new EnrollmentException(EnrollmentException.Reason.CAPTCHA_INCORRECT);
        }
        // 2. Every form field at once (format, checksum, carrier, password policy and confirmation).
        ApplicationForm form = app.form().orElseGet(() -> ApplicationForm.builder().build());
        ValidatedApplication valid;
        try {
            valid = validator.validate(form);
        } catch (InvalidInputException e) {
            s.audit(new EnrollmentEvent.InputRejected(now(), "begin", causes(e)));
            throw e;
        }
        try (valid) {
            return begin(app, client, valid);
        }
    }

    private Begun begin(EnrollmentApplication app, ClientContext client, ValidatedApplication v)
            throws EnrollmentException, EnrollmentUnavailableException {
        // 3. The device key and its proof of possession over the server's single-use challenge.
        DevicePublicKey deviceKey = deviceKey(app);
        // 4. Eligibility pre-check on what the form declares: no carrier call here.
        boolean sameDevice = client.deviceClass().canVerifyOverMobileData();
        EligibilityFacts declared = EligibilityFacts.unknown().withIdClass(v.nationalId().idClass())
                .withCarrier(v.carrierId());
        if (sameDevice) {
            declared = declared.withDeviceClass(client.deviceClass());
        }
        EligibilityDecision pre = s.policy.evaluate(declared);
        if (pre.verdict() == EligibilityDecision.Verdict.INELIGIBLE) {
            s.audit(new EnrollmentEvent.InputRejected(now(), "begin", eligibilityCauses(pre)));
            throw new EnrollmentException(EnrollmentException.Reason.INELIGIBLE, ineligible(pre));
        }
        // 5. Hash the password at once; the plaintext is wiped when this method returns.
        String phc;
        char[] password = v.password().copyOfRawChars();
        try {
            phc = s.hasher.hash(password);
        } catch (CryptoException.HasherBusy e) {
            // The captcha and the challenge are spent: the same form cannot simply be re-posted.
            throw new EnrollmentUnavailableException(EnrollmentUnavailableException.Source.PASSWORD_HASHER,
                    EnrollmentUnavailableException.Recovery.NEW_FORM, Optional.of(java.time.Duration.ofSeconds(1)),
                    "the password hasher is saturated", e);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        // 6. Store the enrolment with its personal data sealed, in its routed state.
        Instant now = now();
        String enrollmentId = random(16);
        String desktopSecret = random(32);
        EnrollmentDocument doc = new EnrollmentDocument();
        doc.route = sameDevice ? SAME_DEVICE : QR;
        doc.applyingDevice = client.deviceClass().name();
        doc.applyingBrowser = client.browserFamily().name();
        doc.applyingNetwork = client.networkPrefix().orElse(null);
        doc.maskedNationalId = v.nationalId().masked();
        doc.maskedPhone = v.mobileNumber().masked();
        doc.carrierId = v.carrierId();
        doc.subjectKey = CredentialVerifiers.subjectKey(s.hmac, v.nationalId());
        doc.desktopVerifier = key("desktop", desktopSecret);
        doc.deviceKey = Base64.getEncoder().encodeToString(deviceKey.spki());
        doc.passwordHash = phc;
        doc.termsVersion = s.termsVersion;
        PendingData pii = new PendingData();
        pii.nationalId = v.nationalId().value();
        pii.name = v.name().value();
        pii.birthDate = v.birthDate().iso();
        pii.nhiCardNumber = v.nhiCardNumber().value();
        pii.phoneE164 = v.mobileNumber().e164();
        doc.sealedPii = pii.seal(s.sealKey, enrollmentId);
        Instant expiresAt = now.plus(s.lifetime);
        s.audit(new EnrollmentEvent.Started(now, enrollmentId, doc.route, v.carrierId(), v.nationalId().masked(),
                v.mobileNumber().masked()));
        if (sameDevice) {
            String phoneSecret = random(32);
            doc.verifyingDevice = client.deviceClass().name();
            doc.verifyingContext = client.masked();
            doc.phoneVerifier = key("phone", phoneSecret);
            doc.pairingCode = pairingCode();
            doc.pairingConfirmed = true; // the applying device verifies itself
            insert(new EnrollmentRecord(enrollmentId, 0, EnrollmentState.DEVICE_CONNECTED, now, now, expiresAt,
                    expiresAt, doc.toJson(), Optional.of(doc.subjectKey)), Optional.empty());
            s.audit(new EnrollmentEvent.DeviceConnected(now, enrollmentId, client.deviceClass().name()));
            DeviceSession session = new DeviceSession(new PhoneSession(enrollmentId, phoneSecret),
                    summary(doc, pii, now));
            return new Begun(enrollmentId, DesktopSecret.of(desktopSecret), new NextStep.ContinueHere(session));
        }
        String token = random(32);
        Instant qrExpiresAt = earlier(now.plus(s.qrValidity), expiresAt);
        doc.handoffKey = key("handoff", token);
        doc.handoffExpiresAt = qrExpiresAt.toString();
        NextStep.ShowQrCode qr = qrCode(token, qrExpiresAt, s.maxRegenerations);
        // The token before the record that names it, so that no record ever names a missing token.
        insertToken(OneTimeToken.unclaimed(doc.handoffKey, TokenPurpose.HANDOFF, enrollmentId, "", now, qrExpiresAt),
                EnrollmentUnavailableException.Recovery.NEW_FORM);
        insert(new EnrollmentRecord(enrollmentId, 0, EnrollmentState.AWAITING_DEVICE, now, now, expiresAt, expiresAt,
                doc.toJson(), Optional.of(doc.subjectKey)), Optional.of(doc.handoffKey));
        s.audit(new EnrollmentEvent.HandoffIssued(now, enrollmentId, 0, qrExpiresAt));
        return new Begun(enrollmentId, DesktopSecret.of(desktopSecret), qr);
    }

    private DevicePublicKey deviceKey(EnrollmentApplication app) throws EnrollmentException {
        DevicePublicKey key;
        try {
            key = DevicePublicKey.fromSpki(app.devicePublicKey().orElse(new byte[0]));
        } catch (CryptoException.InvalidDeviceKey e) {
            s.audit(new EnrollmentEvent.InputRejected(now(), "begin", List.of("deviceKey:INVALID")));
            throw new EnrollmentException(EnrollmentException.Reason.DEVICE_KEY_INVALID);
        }
        String challenge = app.challenge().orElse("");
        byte[] challengeBytes = decode(challenge);
        boolean fresh = challengeBytes.length >= SignedMessages.MIN_ENROLMENT_CHALLENGE_BYTES
                && challengeBytes.length <= SignedMessages.MAX_ENROLMENT_CHALLENGE_BYTES
                && s.tokens.consume(key("enrol-challenge", challenge), now())
                        .filter(t -> t.purpose() == TokenPurpose.ENROLMENT_CHALLENGE).isPresent();
        if (!fresh || !key.verify(SignedMessages.enrolment(challengeBytes, key.spki(), s.urls.origin().value()),
                app.proofOfPossession().orElse(new byte[0]))) {
            s.audit(new EnrollmentEvent.InputRejected(now(), "begin", List.of("deviceKey:PROOF_INVALID")));
            throw new EnrollmentException(EnrollmentException.Reason.PROOF_OF_POSSESSION_INVALID);
        }
        return key;
    }

    // ------------------------------------------------------------ desktop

    EnrollmentStatus status(String enrollmentId, DesktopSecret secret) throws EnrollmentException {
        EnrollmentRecord r = load(enrollmentId);
        EnrollmentDocument doc = EnrollmentDocument.parse(r.document());
        requireDesktop(r, doc, secret, "status");
        EnrollmentRecord current = current(r);
        if (current != r) {
            r = current;
            doc = EnrollmentDocument.parse(r.document());
        }
        return switch (r.state()) {
            case AWAITING_DEVICE -> new EnrollmentStatus.AwaitingDevice(Instant.parse(doc.handoffExpiresAt),
                    s.maxRegenerations - doc.regenerations);
            case DEVICE_CONNECTED, VERIFYING -> new EnrollmentStatus.InProgress(r.state(), doc.pairingCode,
                    Optional.ofNullable(doc.lastError));
            case COMPLETED -> new EnrollmentStatus.Completed(doc.credentialId, certificate(doc.certificate));
            case REJECTED -> new EnrollmentStatus.Rejected(desktopReasons(doc));
            case EXPIRED -> new EnrollmentStatus.Expired();
            case CANCELLED -> new EnrollmentStatus.Cancelled();
        };
    }

    NextStep.ShowQrCode regenerateQr(String enrollmentId, DesktopSecret secret) throws EnrollmentException {
        return update(enrollmentId, (r, doc) -> {
            requireDesktop(r, doc, secret, "regenerateQr");
            requireOpen(r);
            if (r.state() != EnrollmentState.AWAITING_DEVICE) {
                throw new EnrollmentException(EnrollmentException.Reason.WRONG_STEP);
            }
            if (doc.regenerations >= s.maxRegenerations) {
                throw new EnrollmentException(EnrollmentException.Reason.REGENERATION_LIMIT);
            }
            Instant now = now();
            String token = random(32);
            String oldKey = doc.handoffKey;
            Instant qrExpiresAt = earlier(now.plus(s.qrValidity), r.expiresAt());
            doc.handoffKey = key("handoff", token);
            doc.handoffExpiresAt = qrExpiresAt.toString();
            doc.regenerations++;
            // The new token exists before the record names it; the record names only one token,
            // and openOnDevice accepts only the token the record names, so the old one is dead
            // the moment this compare-and-set succeeds.
            s.tokens.insert(OneTimeToken.unclaimed(doc.handoffKey, TokenPurpose.HANDOFF, enrollmentId, "", now,
                    qrExpiresAt));
            if (!s.enrollments.compareAndSet(r.version(), r.next(r.state(), doc.toJson(), now, r.purgeAfter()))) {
                s.tokens.revoke(doc.handoffKey);
                return Optional.empty();
            }
            if (oldKey != null) {
                s.tokens.revoke(oldKey);
            }
            s.audit(new EnrollmentEvent.HandoffIssued(now, enrollmentId, doc.regenerations, qrExpiresAt));
            return Optional.of(qrCode(token, qrExpiresAt, s.maxRegenerations - doc.regenerations));
        });
    }

    void restart(String enrollmentId, DesktopSecret secret) throws EnrollmentException {
        update(enrollmentId, (r, doc) -> {
            requireDesktop(r, doc, secret, "restart");
            if (r.state() == EnrollmentState.CANCELLED || r.state() == EnrollmentState.EXPIRED) {
                return Optional.of(r);
            }
            if (r.state().isFinal()) {
                throw new EnrollmentException(EnrollmentException.Reason.ENROLLMENT_ENDED);
            }
            if (!finish(r, doc, EnrollmentState.CANCELLED)) {
                return Optional.empty();
            }
            s.audit(new EnrollmentEvent.Cancelled(now(), enrollmentId, EnrollmentEvent.Cancelled.BY_APPLICANT));
            return Optional.of(r);
        });
    }

    // ------------------------------------------------------------ phone

    DeviceSession openOnDevice(String handoffToken, ClientContext phone) throws EnrollmentException {
        Instant now = now();
        if (handoffToken == null || handoffToken.isEmpty() || handoffToken.length() > MAX_TOKEN_LENGTH) {
            s.audit(new EnrollmentEvent.HandoffRefused(now, "-", "UNKNOWN"));
            throw new EnrollmentException(EnrollmentException.Reason.HANDOFF_INVALID);
        }
        if (phone == null) {
            throw new EnrollmentException(EnrollmentException.Reason.WRONG_STEP);
        }
        String tokenKey = key("handoff", handoffToken);
        // A device that cannot verify over mobile data must not use up the code.
        EligibilityDecision device = s.policy.evaluate(EligibilityFacts.unknown().withDeviceClass(phone.deviceClass()));
        if (device.verdict() == EligibilityDecision.Verdict.INELIGIBLE || !phone.deviceClass().canVerifyOverMobileData()) {
            s.audit(new EnrollmentEvent.HandoffRefused(now, "-", "DEVICE_CANNOT_VERIFY"));
            List<RejectionReason> reasons = device.verdict() == EligibilityDecision.Verdict.INELIGIBLE
                    ? ineligible(device) : List.of(new RejectionReason.Ineligible(
                            tw.mobileauth.eligibility.ReasonCode.DEVICE_NOT_SMARTPHONE));
            throw new EnrollmentException(EnrollmentException.Reason.INELIGIBLE, reasons);
        }
        String phoneSecret = random(32);
        String phoneVerifier = key("phone", phoneSecret);
        ClaimResult claim = s.tokens.claim(tokenKey, phoneVerifier, now);
        String subject = claim.token().map(OneTimeToken::subject).orElse("-");
        if (claim.token().isPresent() && claim.token().get().purpose() != TokenPurpose.HANDOFF) {
            s.audit(new EnrollmentEvent.HandoffRefused(now, "-", "UNKNOWN"));
            throw new EnrollmentException(EnrollmentException.Reason.HANDOFF_INVALID);
        }
        switch (claim.status()) {
            case NOT_FOUND -> {
                s.audit(new EnrollmentEvent.HandoffRefused(now, subject, "UNKNOWN"));
                throw new EnrollmentException(EnrollmentException.Reason.HANDOFF_INVALID);
            }
            case EXPIRED -> {
                s.audit(new EnrollmentEvent.HandoffRefused(now, subject, "EXPIRED"));
                throw new EnrollmentException(EnrollmentException.Reason.HANDOFF_EXPIRED);
            }
            case ALREADY_CLAIMED -> {
                s.audit(new EnrollmentEvent.HandoffRefused(now, subject, "ALREADY_CLAIMED"));
                throw new EnrollmentException(EnrollmentException.Reason.HANDOFF_ALREADY_CLAIMED);
            }
            case CLAIMED -> {
                // go on below
            }
        }
        return update(subject, (r, doc) -> {
            if (!sameKey(tokenKey, doc.handoffKey) || r.state() != EnrollmentState.AWAITING_DEVICE) {
                s.audit(new EnrollmentEvent.HandoffRefused(now, subject, "SUPERSEDED"));
                throw new EnrollmentException(EnrollmentException.Reason.HANDOFF_INVALID);
            }
            requireOpen(r);
            doc.phoneVerifier = phoneVerifier;
            doc.pairingCode = pairingCode();
            doc.termsVersion = s.termsVersion; // the version the phone is shown now
            doc.verifyingDevice = phone.deviceClass().name();
            doc.verifyingContext = phone.masked();
            doc.handoffKey = null;
            if (!s.enrollments.compareAndSet(r.version(),
                    r.next(EnrollmentState.DEVICE_CONNECTED, doc.toJson(), now, r.purgeAfter()))) {
                return Optional.empty();
            }
            s.audit(new EnrollmentEvent.DeviceConnected(now, subject, phone.deviceClass().name()));
            PendingData pii = PendingData.open(s.sealKey, doc.sealedPii, subject);
            return Optional.of(new DeviceSession(new PhoneSession(subject, phoneSecret), summary(doc, pii,
                    r.createdAt())));
        });
    }

    VerificationRedirect startVerification(PhoneSession session, Consent consent, String pairingCode)
            throws EnrollmentException, EnrollmentUnavailableException {
        if (session == null || consent == null) {
            throw new EnrollmentException(EnrollmentException.Reason.ACCESS_DENIED);
        }
        EnrollmentRecord r = load(session.enrollmentId());
        EnrollmentDocument doc = EnrollmentDocument.parse(r.document());
        requirePhone(r, doc, session, "startVerification");
        requireOpen(r);
        if (r.state() != EnrollmentState.DEVICE_CONNECTED && r.state() != EnrollmentState.VERIFYING) {
            throw new EnrollmentException(EnrollmentException.Reason.WRONG_STEP);
        }
        // The terms this phone was shown, or the current ones (they may have changed since).
        if (!consent.accepted() || !(consent.termsVersion().equals(doc.termsVersion)
                || consent.termsVersion().equals(s.termsVersion))) {
            throw new EnrollmentException(EnrollmentException.Reason.CONSENT_REQUIRED);
        }
        if (pairingCodeRequired(doc) && !doc.pairingConfirmed) {
            confirmPairing(r.id(), session, pairingCode);
        }
        CarrierAdapter adapter = adapter(r.id(), doc.carrierId, "startVerification");
        PendingData pii = PendingData.open(s.sealKey, doc.sealedPii, r.id());
        CallContext ctx = callContext();
        NvChallenge challenge;
        try {
            challenge = adapter.startNumberVerification(ctx, Msisdn.of(pii.phoneE164), s.urls.carrierCallback());
        } catch (CarrierException e) {
            s.audit(carrierFailed(r.id(), doc.carrierId, "startNumberVerification", e));
            throw unavailable(e);
        }
        Instant now = now();
        // The state's token exists before any record names it; if the record is not updated
        // after all, the token dies with the refusal.
        String stateKey = key("carrier-state", challenge.state());
        insertToken(OneTimeToken.unclaimed(stateKey, TokenPurpose.CARRIER_STATE, r.id(), "", now,
                earlier(challenge.expiresAt(), r.expiresAt())), EnrollmentUnavailableException.Recovery.RETRY);
        try {
            return update(r.id(), (current, d) -> {
                requirePhone(current, d, session, "startVerification");
                requireOpen(current);
                if (current.state() != EnrollmentState.DEVICE_CONNECTED
                        && current.state() != EnrollmentState.VERIFYING) {
                    throw new EnrollmentException(EnrollmentException.Reason.WRONG_STEP);
                }
                String previousState = d.stateKey;
                PendingData p = PendingData.open(s.sealKey, d.sealedPii, current.id());
                p.challenge(challenge);
                d.sealedPii = p.seal(s.sealKey, current.id());
                d.stateKey = stateKey;
                // A new verification proves possession again: the old checkpoint belonged to the old state.
                d.forgetNumberVerification();
                d.consentTerms = consent.termsVersion();
                d.consentAt = now.toString();
                d.consentContext = d.verifyingContext == null ? "-" : d.verifyingContext;
                d.lastError = null;
                if (!s.enrollments.compareAndSet(current.version(),
                        current.next(EnrollmentState.VERIFYING, d.toJson(), now, current.purgeAfter()))) {
                    return Optional.empty();
                }
                if (previousState != null) {
                    s.tokens.revoke(previousState);
                }
                s.audit(new EnrollmentEvent.ConsentRecorded(now, current.id(), consent.termsVersion(),
                        d.consentContext));
                s.audit(new EnrollmentEvent.VerificationStarted(now, current.id(), d.carrierId));
                return Optional.of(new VerificationRedirect(challenge.authorizeUri(), challenge.expiresAt()));
            });
        } catch (EnrollmentException | RuntimeException e) {
            s.tokens.revoke(stateKey);
            throw e;
        }
    }

    /** Whether this enrolment's phone must type the pairing code: the QR route, unless relaxed. */
    private boolean pairingCodeRequired(EnrollmentDocument doc) {
        return s.requirePairingCode && QR.equals(doc.route);
    }

    /**
     * Checks the pairing code typed on the phone against the one the applying device shows, in
     * constant time. The right one pairs the phone for good; a wrong one is counted, and the
     * {@value EnrollmentService#MAX_PAIRING_ATTEMPTS}th cancels the enrolment.
     */
    private void confirmPairing(String enrollmentId, PhoneSession session, String typed) throws EnrollmentException {
        byte[] given = normalisedPairingCode(typed).getBytes(StandardCharsets.US_ASCII);
        boolean paired = update(enrollmentId, (r, doc) -> {
            requirePhone(r, doc, session, "startVerification");
            requireOpen(r);
            if (doc.pairingConfirmed) {
                return Optional.of(true);
            }
            Instant now = now();
            boolean matched = doc.pairingCode != null
                    && MessageDigest.isEqual(doc.pairingCode.getBytes(StandardCharsets.US_ASCII), given);
            if (matched) {
                doc.pairingConfirmed = true;
            } else {
                doc.pairingFailures++;
            }
            int failures = doc.pairingFailures;
            if (!matched && failures >= EnrollmentService.MAX_PAIRING_ATTEMPTS) {
                if (!finish(r, doc, EnrollmentState.CANCELLED)) {
                    return Optional.empty();
                }
                s.audit(new EnrollmentEvent.PairingChecked(now, enrollmentId, false, failures));
                s.audit(new EnrollmentEvent.Cancelled(now, enrollmentId, EnrollmentEvent.Cancelled.PAIRING_CODE));
                throw new EnrollmentException(EnrollmentException.Reason.PAIRING_CODE_LIMIT);
            }
            if (!s.enrollments.compareAndSet(r.version(), r.next(r.state(), doc.toJson(), now, r.purgeAfter()))) {
                return Optional.empty();
            }
            s.audit(new EnrollmentEvent.PairingChecked(now, enrollmentId, matched, failures));
            return Optional.of(matched);
        });
        if (!paired) {
            throw new EnrollmentException(EnrollmentException.Reason.PAIRING_CODE_INCORRECT);
        }
    }

    /**
     * The digits of a typed pairing code: spaces and hyphens dropped, any Unicode decimal digit
     * (e.g. full-width ０–９ from a Chinese input method) read as its ASCII digit; anything else,
     * or an absurd length, gives a value that never matches.
     */
    static String normalisedPairingCode(String typed) {
        if (typed.length() > 64) {
            return "";
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < typed.length(); i++) {
            char ch = typed.charAt(i);
            if (ch == ' ' || ch == '-' || ch == '\u3000') {
                continue;
            }
            int digit = Character.digit(ch, 10);
            if (digit < 0) {
                return "";
            }
            digits.append((char) ('0' + digit));
        }
        return digits.toString();
    }

    VerificationOutcome completeVerification(PhoneSession session, VerificationCallback callback)
            throws EnrollmentException, EnrollmentUnavailableException {
        return verification.complete(session == null ? PhoneSession.fromTransport(null) : session,
                callback == null ? new VerificationCallback(java.util.Map.of()) : callback);
    }

    // ------------------------------------------------------------ shared helpers (package-private for Verification)

    Instant now() {
        return s.clock.instant();
    }

    String random(int bytes) {
        byte[] b = new byte[bytes];
        s.random.nextBytes(b);
        return B64URL.encodeToString(b);
    }

    /**
     * Whether two keyed hashes (token keys, callback fingerprints) are equal, compared in constant
     * time ({@link MessageDigest#isEqual}) so that the time taken reveals no prefix; {@code null}
     * equals nothing.
     */
    static boolean sameKey(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** The store key of a token or secret: a keyed hash, so a store dump cannot be replayed. */
    String key(String purpose, String value) {
        return s.hmac.verifier(purpose, value);
    }

    EnrollmentRecord load(String enrollmentId) throws EnrollmentException {
        if (enrollmentId == null || enrollmentId.isEmpty() || enrollmentId.length() > MAX_TOKEN_LENGTH) {
            throw new EnrollmentException(EnrollmentException.Reason.UNKNOWN_ENROLLMENT);
        }
        return s.enrollments.find(enrollmentId)
                .orElseThrow(() -> new EnrollmentException(EnrollmentException.Reason.UNKNOWN_ENROLLMENT));
    }

    /**
     * The adapter of the enrolment's carrier.
     *
     * @throws EnrollmentUnavailableException {@code CONFIGURATION}, {@code TRY_LATER}, audited, if
     *         that carrier is no longer configured
     */
    CarrierAdapter adapter(String enrollmentId, String carrierId, String operation)
            throws EnrollmentUnavailableException {
        Optional<CarrierAdapter> adapter = s.adapters.get(carrierId);
        if (adapter.isPresent()) {
            return adapter.get();
        }
        org.slf4j.LoggerFactory.getLogger(Ceremony.class).warn("enrolment {} is for carrier '{}', which is no longer"
                + " configured: configure its adapter again, or let the enrolment expire", enrollmentId, carrierId);
        throw serviceUnavailable(enrollmentId, EnrollmentUnavailableException.Source.CONFIGURATION, operation,
                "CARRIER_NOT_CONFIGURED", "carrier '" + carrierId + "' of this enrolment is no longer configured", null);
    }

    /**
     * We cannot go on (not the carrier's fault): audits it, notes it on the enrolment for the
     * desktop's status, and returns the {@link EnrollmentUnavailableException.Recovery#TRY_LATER} exception.
     */
    EnrollmentUnavailableException serviceUnavailable(String enrollmentId, EnrollmentUnavailableException.Source source,
            String operation, String problem, String message, Throwable cause) {
        s.audit(new EnrollmentEvent.ServiceUnavailable(now(), enrollmentId, source.name(), operation, problem));
        try {
            update(enrollmentId, (r, doc) -> {
                if (r.state().isFinal()) {
                    return Optional.of(r);
                }
                doc.lastError = problem;
                return s.enrollments.compareAndSet(r.version(), r.next(r.state(), doc.toJson(), now(), r.purgeAfter()))
                        ? Optional.of(r) : Optional.empty();
            });
        } catch (EnrollmentException e) {
            // gone or contended: there is nothing to note it on
        }
        return new EnrollmentUnavailableException(source, EnrollmentUnavailableException.Recovery.TRY_LATER,
                Optional.empty(), message, cause);
    }

    CallContext callContext() {
        return new CallContext(UUID.randomUUID().toString(), now().plus(s.carrierTimeout), Locale.TAIWAN);
    }

    /**
     * The enrolment as it stands now: if its lifetime is over and it is not final yet, it is moved
     * to EXPIRED first (wiping its data). A concurrent writer may have finalised it meanwhile;
     * then its final state is returned.
     *
     * @throws EnrollmentException {@code UNKNOWN_ENROLLMENT} if it was deleted meanwhile
     */
    EnrollmentRecord current(EnrollmentRecord r) throws EnrollmentException {
        if (r.state().isFinal() || now().isBefore(r.expiresAt())) {
            return r;
        }
        return update(r.id(), (latest, doc) -> {
            if (latest.state().isFinal() || now().isBefore(latest.expiresAt())) {
                return Optional.of(latest);
            }
            if (!finish(latest, doc, EnrollmentState.EXPIRED)) {
                return Optional.empty();
            }
            s.audit(new EnrollmentEvent.Expired(now(), latest.id()));
            return Optional.of(load(latest.id()));
        });
    }

    /**
     * @throws EnrollmentException {@code ENROLLMENT_EXPIRED} if its lifetime is over (it is moved to
     *                             EXPIRED now if need be), {@code ENROLLMENT_ENDED} if it ended otherwise
     */
    void requireOpen(EnrollmentRecord r) throws EnrollmentException {
        // The state it really ended in: a concurrent writer may have finished it first.
        EnrollmentRecord current = current(r);
        if (current.state() == EnrollmentState.EXPIRED) {
            throw new EnrollmentException(EnrollmentException.Reason.ENROLLMENT_EXPIRED);
        }
        if (current.state().isFinal()) {
            throw new EnrollmentException(EnrollmentException.Reason.ENROLLMENT_ENDED);
        }
    }

    /** One decision on the current version of an enrolment, for {@link #update}. */
    @FunctionalInterface
    interface Attempt<T> {
        /**
         * Decides on {@code r} (with {@code doc}, a fresh copy of its document to change) and
         * writes the successor with compare-and-set.
         *
         * @return the result when settled (the write won, or there is nothing to write); empty
         *         when the write lost to a concurrent writer, to decide again on the newer version
         * @throws EnrollmentException to refuse the request
         */
        Optional<T> tryOn(EnrollmentRecord r, EnrollmentDocument doc) throws EnrollmentException;
    }

    /**
     * Reads the enrolment and lets {@code attempt} decide, again on every lost compare-and-set, at
     * most {@value CompareAndSet#MAX_ATTEMPTS} times; so two devices or two portal nodes never both win a step.
     *
     * @throws EnrollmentException {@code UNKNOWN_ENROLLMENT}, whatever {@code attempt} throws, or
     *                             {@code WRONG_STEP} after too much contention
     */
    <T> T update(String enrollmentId, Attempt<T> attempt) throws EnrollmentException {
        Optional<T> settled = CompareAndSet.retry(() -> {
            EnrollmentRecord r = load(enrollmentId);
            return attempt.tryOn(r, EnrollmentDocument.parse(r.document()));
        });
        return settled.orElseThrow(() -> contention(enrollmentId));
    }

    /**
     * Moves the enrolment to a final state, wiping its personal data and secrets, and revokes its
     * outstanding tokens. @return whether this caller's compare-and-set won
     */
    boolean finish(EnrollmentRecord r, EnrollmentDocument doc, EnrollmentState state) {
        String handoff = doc.handoffKey;
        String carrierState = doc.stateKey;
        doc.wipe();
        Instant now = now();
        boolean won = s.enrollments.compareAndSet(r.version(),
                r.next(state, doc.toJson(), now, now.plus(s.resultRetention)));
        if (won) {
            if (handoff != null) {
                s.tokens.revoke(handoff);
            }
            if (carrierState != null && state != EnrollmentState.COMPLETED && state != EnrollmentState.REJECTED) {
                s.tokens.revoke(carrierState);
            }
        }
        return won;
    }

    /**
     * The reasons as the applying device may see them: per-field holder mismatches only if the
     * number was verified by the phone paired with it (the carrier callback came back in that
     * phone's session, and the pairing code was confirmed or it is the same device); otherwise one
     * {@code HOLDER_MISMATCH}, "the carrier could not confirm these details". The applying device
     * must not learn which data belong to somebody else's number, one guess per try.
     */
    List<RejectionReason> desktopReasons(EnrollmentDocument doc) {
        List<RejectionReason> all = reasons(doc);
        if (doc.pairingConfirmed && doc.nvByPairedPhone) {
            return all;
        }
        List<RejectionReason> out = new ArrayList<>();
        for (RejectionReason r : all) {
            RejectionReason shown = r instanceof RejectionReason.Unverified u && HOLDER_FIELDS.contains(u.failure())
                    ? new RejectionReason.Unverified(VerificationFailure.HOLDER_MISMATCH) : r;
            if (!out.contains(shown)) {
                out.add(shown);
            }
        }
        return out;
    }

    List<RejectionReason> reasons(EnrollmentDocument doc) {
        List<RejectionReason> out = new ArrayList<>();
        for (String code : doc.rejectionCodes()) {
            out.add(RejectionReason.parse(code));
        }
        return out;
    }

    static List<RejectionReason> ineligible(EligibilityDecision decision) {
        List<RejectionReason> out = new ArrayList<>();
        decision.reasonCodes().forEach(c -> out.add(new RejectionReason.Ineligible(c)));
        return out;
    }

    EnrollmentException contention(String enrollmentId) {
        org.slf4j.LoggerFactory.getLogger(Ceremony.class)
                .warn("enrolment {} changed {} times during one request; giving up", enrollmentId,
                        CompareAndSet.MAX_ATTEMPTS);
        return new EnrollmentException(EnrollmentException.Reason.WRONG_STEP);
    }

    EnrollmentEvent carrierFailed(String enrollmentId, String carrierId, String operation, CarrierException e) {
        return carrierFailed(enrollmentId, carrierId, operation, e, e.isRetryable());
    }

    /** @param retryable whether the caller is told to repeat the same call (may be stricter than the carrier's error) */
    EnrollmentEvent carrierFailed(String enrollmentId, String carrierId, String operation, CarrierException e,
            boolean retryable) {
        return new EnrollmentEvent.CarrierFailed(now(), enrollmentId, carrierId, operation,
                e.getClass().getSimpleName() + "/" + loggableCode(e.code()), retryable, e.correlator());
    }

    static EnrollmentUnavailableException unavailable(CarrierException e) {
        return unavailable(e, e.isRetryable());
    }

    /** @param retryable whether repeating the same call may succeed (may be stricter than the carrier's error) */
    static EnrollmentUnavailableException unavailable(CarrierException e, boolean retryable) {
        return new EnrollmentUnavailableException(EnrollmentUnavailableException.Source.CARRIER, retryable,
                retryable ? e.retryAfter() : Optional.empty(), "carrier " + e.carrierId() + " failed: "
                        + e.getClass().getSimpleName() + " " + loggableCode(e.code()), e);
    }

    /**
     * A carrier's error code, fit for a message or an audit field: the code itself when it is a
     * short token ({@code [A-Za-z0-9._-]}, at most 64 characters, e.g. {@code server_error} or
     * {@code CHT.SUBSCRIBER_SUSPENDED}), otherwise {@value #UNRECOGNISED_CODE}. The code of a
     * callback error is whatever the phone's callback said, which anyone can forge: up to 2 KB of
     * controls, bidi overrides or text meant for a log reader.
     */
    static String loggableCode(String code) {
        boolean token = !code.isEmpty() && code.length() <= 64 && code.chars().allMatch(ch -> (ch >= 'a' && ch <= 'z')
                || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-');
        return token ? code : UNRECOGNISED_CODE;
    }

    static X509Certificate certificate(String base64Der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Der)));
        } catch (CertificateException e) {
            throw new IllegalStateException("a stored certificate does not parse", e);
        }
    }

    // ------------------------------------------------------------ private helpers

    /**
     * Stores a new enrolment. @param orphan a token to revoke if the record cannot be stored
     *
     * @throws EnrollmentUnavailableException {@code STORE}, {@code NEW_FORM} (begin used up the captcha
     *                                        and challenge), if the store is full
     */
    private void insert(EnrollmentRecord record, Optional<String> orphan) throws EnrollmentUnavailableException {
        boolean inserted;
        try {
            inserted = s.enrollments.insert(record);
        } catch (StoreException e) {
            orphan.ifPresent(s.tokens::revoke);
            throw storeUnavailable(e, EnrollmentUnavailableException.Recovery.NEW_FORM);
        }
        if (!inserted) {
            throw new IllegalStateException("random enrolment id collided; the random source is broken");
        }
    }

    /**
     * Stores a new one-time token.
     *
     * @param recovery {@code RETRY} if the same call may simply be repeated (nothing single-use was
     *                 spent), {@code NEW_FORM} from {@code begin}
     * @throws EnrollmentUnavailableException {@code STORE} if the store is full
     */
    private void insertToken(OneTimeToken token, EnrollmentUnavailableException.Recovery recovery)
            throws EnrollmentUnavailableException {
        boolean inserted;
        try {
            inserted = s.tokens.insert(token);
        } catch (StoreException e) {
            throw storeUnavailable(e, recovery);
        }
        if (!inserted) {
            throw new IllegalStateException("random token collided; the random source is broken");
        }
    }

    /** A full store is "busy, come back later"; a failed backend stays a {@link StoreException}. */
    private static EnrollmentUnavailableException storeUnavailable(StoreException e,
            EnrollmentUnavailableException.Recovery recovery) {
        if (e.reason() != StoreException.Reason.FULL) {
            throw e;
        }
        return new EnrollmentUnavailableException(EnrollmentUnavailableException.Source.STORE, recovery,
                Optional.empty(), "too many pending applications or challenges: " + e.getMessage(), e);
    }

    private void requireDesktop(EnrollmentRecord r, EnrollmentDocument doc, DesktopSecret secret, String operation)
            throws EnrollmentException {
        String value = secret == null ? "" : secret.value();
        if (doc.desktopVerifier == null || value.isEmpty() || value.length() > MAX_TOKEN_LENGTH
                || !s.hmac.matches(doc.desktopVerifier, "desktop", value)) {
            s.audit(new EnrollmentEvent.AccessRefused(now(), r.id(), operation, "DESKTOP_SECRET"));
            throw new EnrollmentException(EnrollmentException.Reason.ACCESS_DENIED);
        }
    }

    private void requirePhone(EnrollmentRecord r, EnrollmentDocument doc, PhoneSession session, String operation)
            throws EnrollmentException {
        String value = session.secret();
        if (doc.phoneVerifier == null || value.isEmpty() || value.length() > MAX_TOKEN_LENGTH
                || !s.hmac.matches(doc.phoneVerifier, "phone", value)) {
            s.audit(new EnrollmentEvent.AccessRefused(now(), r.id(), operation, "PHONE_SESSION"));
            throw new EnrollmentException(EnrollmentException.Reason.ACCESS_DENIED);
        }
    }

    private NextStep.ShowQrCode qrCode(String token, Instant expiresAt, int regenerationsLeft) {
        java.net.URI url = s.urls.handoffUrl(token);
        QrImage image;
        try {
            image = s.qr.encode(url.toString());
        } catch (QrEncodingException e) {
            throw new IllegalStateException("the handoff URL does not fit a QR code; shorten PortalUrls.handoff", e);
        }
        return new NextStep.ShowQrCode(url, image.svg(), image.png(), expiresAt, regenerationsLeft);
    }

    /** The applying device as recorded at {@code begin}, for the phone's summary and listener events. */
    static ApplyingDevice applyingDevice(EnrollmentDocument doc, Instant appliedAt) {
        BrowserFamily browser;
        try {
            browser = doc.applyingBrowser == null ? BrowserFamily.UNKNOWN : BrowserFamily.valueOf(doc.applyingBrowser);
        } catch (IllegalArgumentException e) {
            browser = BrowserFamily.OTHER;
        }
        return new ApplyingDevice(DeviceClass.valueOf(doc.applyingDevice), browser,
                Optional.ofNullable(doc.applyingNetwork), appliedAt);
    }

    private DeviceSummary summary(EnrollmentDocument doc, PendingData pii, Instant appliedAt) {
        String maskedName;
        String maskedId;
        try {
            maskedName = PersonName.of(pii.name).masked();
            maskedId = NationalId.parse(pii.nationalId).masked();
        } catch (InvalidInputException e) {
            throw new IllegalStateException("stored personal data no longer validates", e);
        }
        String maskedPhone;
        try {
            maskedPhone = tw.mobileauth.identity.MobileNumber.parse(pii.phoneE164).masked();
        } catch (InvalidInputException e) {
            throw new IllegalStateException("stored phone number no longer validates", e);
        }
        LocalizedText carrierName = s.registry.options().stream().filter(o -> o.id().equals(doc.carrierId))
                .map(o -> o.name()).findFirst()
                .orElse(new LocalizedText(doc.carrierId, doc.carrierId));
        boolean required = pairingCodeRequired(doc);
        Optional<String> shown = QR.equals(doc.route) && !required ? Optional.of(doc.pairingCode) : Optional.empty();
        return new DeviceSummary(maskedName, maskedId, maskedPhone, doc.carrierId, carrierName, doc.termsVersion,
                required, shown, applyingDevice(doc, appliedAt), EnrollmentTexts.get("summary.warning"));
    }

    private String pairingCode() {
        return String.format("%06d", s.random.nextInt(1_000_000));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static byte[] decode(String base64url) {
        if (base64url.length() > 128) {
            return new byte[0];
        }
        try {
            return B64URL_DECODER.decode(base64url);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static List<String> causes(InvalidInputException e) {
        return e.errors().stream().map(f -> f.field() + ":" + f.reason()).toList();
    }

    private static List<String> eligibilityCauses(EligibilityDecision d) {
        return d.reasonCodes().stream().map(c -> "eligibility:" + c).toList();
    }
}
