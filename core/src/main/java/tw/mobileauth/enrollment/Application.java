package tw.mobileauth.enrollment;

import tw.mobileauth.client.ClientContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.captcha.CaptchaChallenge;
import tw.mobileauth.captcha.CaptchaUnavailableException;
import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.crypto.DevicePublicKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.eligibility.EligibilityDecision;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.identity.ApplicationForm;
import tw.mobileauth.identity.ApplicationFormValidator;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.identity.ValidatedApplication;
import tw.mobileauth.store.EnrollmentRecord;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.TokenPurpose;

/**
 * The application form, on the applying device: the national ID check (step 1), the form's
 * captcha and device-key challenge, and {@code begin} (steps 2–3), which validates, stores and
 * routes the application: to this device when it can verify over mobile data, otherwise to a
 * phone through a QR code ({@link Handoff}).
 */
final class Application {

    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    private final Settings s;
    private final Records records;
    private final Handoff handoff;
    private final ApplicationFormValidator validator;

    Application(Settings settings, Records records, Handoff handoff) {
        this.s = settings;
        this.records = records;
        this.handoff = handoff;
        this.validator = ApplicationFormValidator.builder()
                .supportedCarrierIds(settings.adapters.ids())
                .passwordPolicy(settings.passwordPolicy)
                .clock(settings.clock)
                // Without a registry nobody checks the card number, so a portal may leave the field off its form.
                .nhiCardNumberOptional(settings.withoutRegistry.isPresent())
                .build();
    }

    // ------------------------------------------------------------ step 1

    NationalIdCheck checkNationalId(String input) throws InvalidInputException, EnrollmentException {
        NationalId id;
        try {
            id = NationalId.parse(input);
        } catch (InvalidInputException e) {
            s.audit(new EnrollmentEvent.InputRejected(records.now(), "checkNationalId", causes(e)));
            throw e;
        }
        EligibilityDecision pre = s.policy.evaluate(EligibilityFacts.unknown().withIdClass(id.idClass()));
        if (pre.verdict() == EligibilityDecision.Verdict.INELIGIBLE) {
            s.audit(new EnrollmentEvent.InputRejected(records.now(), "checkNationalId", eligibilityCauses(pre)));
            throw new EnrollmentException(EnrollmentException.Reason.INELIGIBLE, Records.ineligible(pre));
        }
        return new NationalIdCheck(id.masked());
    }

    // ------------------------------------------------------------ form

    FormChallenge prepareApplication() throws EnrollmentUnavailableException {
        String challenge = records.random(32);
        String challengeKey = records.key("enrol-challenge", challenge);
        Instant now = records.now();
        Instant expiresAt = now.plus(s.formChallengeValidity);
        // The token first: when the store is full, no captcha is issued for nothing.
        records.insertToken(OneTimeToken.unclaimed(challengeKey, TokenPurpose.ENROLLMENT_CHALLENGE, "-", "", now,
                expiresAt), EnrollmentUnavailableException.Recovery.RETRY);
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
            // The portal passed nothing: the same typed answer as beginLogin(null), never an NPE.
            throw InvalidInputException.of(tw.mobileauth.identity.FieldNames.REQUEST, tw.mobileauth.FieldReason.REQUIRED);
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
            s.audit(new EnrollmentEvent.InputRejected(records.now(), "begin", List.of("captcha:INCORRECT")));
            throw new EnrollmentException(EnrollmentException.Reason.CAPTCHA_INCORRECT);
        }
        // 2. Every form field at once (format, checksum, carrier, password policy and confirmation).
        ApplicationForm form = app.form().orElseGet(() -> ApplicationForm.builder().build());
        ValidatedApplication valid;
        try {
            valid = validator.validate(form);
        } catch (InvalidInputException e) {
            s.audit(new EnrollmentEvent.InputRejected(records.now(), "begin", causes(e)));
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
        precheckEligibility(v, client, sameDevice);
        // 5. Hash the password at once; the plaintext is wiped when this method returns.
        String phc = hashPassword(v);
        // 6. Store the enrolment with its personal data sealed, in its routed state.
        Instant now = records.now();
        String enrollmentId = records.random(16);
        String desktopSecret = records.random(32);
        EnrollmentDocument doc = document(v, client, sameDevice, deviceKey, phc, desktopSecret);
        PendingData pii = new PendingData();
        pii.nationalId = v.nationalId().value();
        pii.name = v.name().value();
        pii.birthDate = v.birthDate().iso();
        pii.nhiCardNumber = v.nhiCardNumber().map(n -> n.value()).orElse(null);
        pii.phoneE164 = v.mobileNumber().e164();
        doc.sealedPii = pii.seal(s.sealKey, enrollmentId);
        s.audit(new EnrollmentEvent.Started(now, enrollmentId, doc.route, v.carrierId(), v.nationalId().masked(),
                v.mobileNumber().masked()));
        NextStep next = sameDevice ? continueHere(enrollmentId, doc, pii, client, now)
                : handoff.firstQrCode(enrollmentId, doc, now, now.plus(s.lifetime));
        return new Begun(enrollmentId, DesktopSecret.of(desktopSecret), next);
    }

    /** The pre-check: what the form declares (ID class, carrier, this device if it verifies) is not ineligible. */
    private void precheckEligibility(ValidatedApplication v, ClientContext client, boolean sameDevice)
            throws EnrollmentException {
        EligibilityFacts declared = EligibilityFacts.unknown().withIdClass(v.nationalId().idClass())
                .withCarrier(v.carrierId());
        if (sameDevice) {
            declared = declared.withDeviceClass(client.deviceClass());
        }
        EligibilityDecision pre = s.policy.evaluate(declared);
        if (pre.verdict() == EligibilityDecision.Verdict.INELIGIBLE) {
            s.audit(new EnrollmentEvent.InputRejected(records.now(), "begin", eligibilityCauses(pre)));
            throw new EnrollmentException(EnrollmentException.Reason.INELIGIBLE, Records.ineligible(pre));
        }
    }

    /** The password's PHC string; the plaintext copy is wiped whatever happens. */
    private String hashPassword(ValidatedApplication v) throws EnrollmentUnavailableException {
        char[] password = v.password().copyOfRawChars();
        try {
            return s.hasher.hash(password);
        } catch (CryptoException.HasherBusy e) {
            // The captcha and the challenge are spent: the same form cannot simply be re-posted.
            throw new EnrollmentUnavailableException(EnrollmentUnavailableException.Source.PASSWORD_HASHER,
                    EnrollmentUnavailableException.Recovery.NEW_FORM, Optional.of(Duration.ofSeconds(1)),
                    "the password hasher is saturated", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The new enrolment's document: route, applying device, masked identifiers, verifiers and hashes. */
    private EnrollmentDocument document(ValidatedApplication v, ClientContext client, boolean sameDevice,
            DevicePublicKey deviceKey, String phc, String desktopSecret) {
        EnrollmentDocument doc = new EnrollmentDocument();
        doc.route = sameDevice ? Handoff.SAME_DEVICE_ROUTE : Handoff.QR_ROUTE;
        doc.applyingDevice = client.deviceClass().name();
        doc.applyingBrowser = client.browserFamily().name();
        doc.applyingNetwork = client.networkPrefix().orElse(null);
        doc.maskedNationalId = v.nationalId().masked();
        doc.maskedPhone = v.mobileNumber().masked();
        doc.carrierId = v.carrierId();
        doc.subjectKey = CredentialVerifiers.subjectKey(s.hmac, v.nationalId());
        doc.desktopVerifier = records.key("desktop", desktopSecret);
        doc.deviceKey = Base64.getEncoder().encodeToString(deviceKey.spki());
        doc.passwordHash = phc;
        doc.termsVersion = s.termsVersion;
        return doc;
    }

    /** The same-device route: this device is the phone, paired with itself, and goes on here. */
    private NextStep.ContinueHere continueHere(String enrollmentId, EnrollmentDocument doc, PendingData pii,
            ClientContext client, Instant now) throws EnrollmentUnavailableException {
        Instant expiresAt = now.plus(s.lifetime);
        String phoneSecret = records.random(32);
        doc.verifyingDevice = client.deviceClass().name();
        doc.verifyingContext = client.masked();
        doc.phoneVerifier = records.key("phone", phoneSecret);
        doc.pairingCode = records.pairingCode();
        doc.pairingConfirmed = true; // the applying device verifies itself
        records.insert(new EnrollmentRecord(enrollmentId, 0, EnrollmentState.DEVICE_CONNECTED, now, now, expiresAt,
                expiresAt, doc.toJson(), Optional.of(doc.subjectKey)), Optional.empty());
        s.audit(new EnrollmentEvent.DeviceConnected(now, enrollmentId, client.deviceClass().name()));
        return new NextStep.ContinueHere(new DeviceSession(new PhoneSession(enrollmentId, phoneSecret),
                handoff.summary(doc, pii, now)));
    }

    /**
     * The device key from the form, and its proof of possession: a signature over
     * {@link SignedMessages#enrollment} of a fresh single-use challenge from {@link #prepareApplication()}
     * (consumed here), the key itself and this portal's origin.
     */
    private DevicePublicKey deviceKey(EnrollmentApplication app) throws EnrollmentException {
        DevicePublicKey key;
        try {
            key = DevicePublicKey.fromSpki(app.devicePublicKey().orElse(new byte[0]));
        } catch (CryptoException.InvalidDeviceKey e) {
            s.audit(new EnrollmentEvent.InputRejected(records.now(), "begin", List.of("deviceKey:INVALID")));
            throw new EnrollmentException(EnrollmentException.Reason.DEVICE_KEY_INVALID);
        }
        String challenge = app.challenge().orElse("");
        byte[] challengeBytes = decode(challenge);
        boolean fresh = challengeBytes.length >= SignedMessages.MIN_ENROLLMENT_CHALLENGE_BYTES
                && challengeBytes.length <= SignedMessages.MAX_ENROLLMENT_CHALLENGE_BYTES
                && s.tokens.consume(records.key("enrol-challenge", challenge), records.now())
                        .filter(t -> t.purpose() == TokenPurpose.ENROLLMENT_CHALLENGE).isPresent();
        if (!fresh || !key.verify(SignedMessages.enrollment(challengeBytes, key.spki(), s.urls.origin().value()),
                app.proofOfPossession().orElse(new byte[0]))) {
            s.audit(new EnrollmentEvent.InputRejected(records.now(), "begin", List.of("deviceKey:PROOF_INVALID")));
            throw new EnrollmentException(EnrollmentException.Reason.PROOF_OF_POSSESSION_INVALID);
        }
        return key;
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
