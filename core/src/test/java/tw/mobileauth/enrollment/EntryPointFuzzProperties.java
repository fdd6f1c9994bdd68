package tw.mobileauth.enrollment;

import tw.mobileauth.client.ClientContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tw.mobileauth.FieldError;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.audit.AuditEvent;
import tw.mobileauth.captcha.CaptchaChallenge;
import tw.mobileauth.captcha.ImageCaptcha;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.i18n.LocalizedText;
import tw.mobileauth.identity.ApplicationForm;
import tw.mobileauth.store.EnrollmentRecord;

/**
 * Every public entry point of {@link EnrollmentService}, and every public value type a
 * portal builds from request data, is fuzzed with hostile input: huge strings (1 MB), controls,
 * NULs, unpaired surrogates, RTL overrides, forged secrets, tokens, sessions, consents and
 * callbacks. The only outcomes allowed are:
 * <ul>
 *   <li>a normal result, where the input was genuine enough to earn one;</li>
 *   <li>{@link InvalidInputException} naming only fields that were actually wrong;</li>
 *   <li>{@link EnrollmentException} with the one closed reason the input deserves;</li>
 *   <li>{@link EnrollmentUnavailableException}, and only when the carrier was really called.</li>
 * </ul>
 * Never NPE, IAE, DateTimeParseException or any other unchecked exception. After every call:
 * no record made a transition the state machine forbids or carries data its state forbids
 * ({@link StateMachineGuard}); a forged credential changed no record and reached no carrier; no
 * exception message, localised text or audit field is long or echoes the raw input.
 */
class EntryPointFuzzProperties {

    private static final int MB = 1 << 20;
    private static final int MAX_MESSAGE_CHARS = 2000;
    private static final int MAX_AUDIT_FIELD_CHARS = 300;
    /** Inputs shorter than this are too short to tell an echo from a coincidence. */
    private static final int ECHO_MIN_CHARS = 8;
    private static final String TERMS = EnrollmentService.DEFAULT_TERMS_VERSION;
    /** Protocol words the callbacks are made of; a carrier's message may name them without echoing anyone. */
    private static final List<String> OAUTH_WORDS = List.of("access_denied", "server_error", "temporarily_unavailable",
            "invalid_grant", "invalid_request", "consent_required", "login_required", "interaction_required",
            "not_on_mobile_network");

    private static final String NASTY = "\u0000\u0001\u0007\u001B\u007F\u0085\u00A0\u200B\u200D\u200E\u200F"
            + "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\uFEFF\uFFFE\uFFFF\uD800\uDBFF\uDC00\uDFFF"
            + "\u2028\u2029\t\n\r\u3000";
    private static final String SPECIAL = "0123456789+-/().=&?%#_~ .TtAaCc\uFF10\uFF19\uFF0B\uFF0D民國年月日·王"
            + "\uD840\uDC0B";

    private static StateMachineGuard guard;
    private static Harness h;
    /** A second portal with the real {@link ImageCaptcha}, for the captcha entry points. */
    private static Harness captchaPortal;
    private static DeviceKey deviceKey;
    private static DeviceKey otherKey;
    private static byte[] p384Spki;
    private static byte[] rsaSpki;
    private static String consumedChallenge;
    private static Subscriber[] eligible;
    private static List<Fixture> fixtures;

    /** One enrolment the fuzzing must leave exactly as it was, with the genuine values that reach it. */
    record Fixture(String name, String id, String desktopSecret, Optional<String> phoneSession,
            List<String> handoffTokens, Optional<Map<String, String>> callback) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeContainer
    static void start() throws Exception {
        h = new Harness(store -> guard = new StateMachineGuard(store, EnrollmentService.DEFAULT_MAX_REGENERATIONS),
                b -> b);
        captchaPortal = new Harness(b -> b.captcha(ImageCaptcha.builder().build()));
        SecureRandom random = new SecureRandom();
        deviceKey = DeviceKey.generate(random);
        otherKey = DeviceKey.generate(random);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        p384Spki = ec.generateKeyPair().getPublic().getEncoded();
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        rsaSpki = rsa.generateKeyPair().getPublic().getEncoded();
        eligible = new Subscriber[] {
            h.networks.subscribers().find("cht", Scenario.ELIGIBLE),
            h.networks.subscribers().find("twm", Scenario.ELIGIBLE),
            h.networks.subscribers().find("fet", Scenario.ELIGIBLE)};
        consumedChallenge = genuineBegin(DeviceClass.SMARTPHONE).challenge();
        fixtures = buildFixtures();
        assertTrue(guard.violations().isEmpty(), () -> "the fixtures themselves broke the state machine: "
                + guard.violations());
    }

    @AfterContainer
    static void stop() {
        h.close();
        captchaPortal.close();
    }

    /** An enrolment in every state the fuzzing can meet. */
    private static List<Fixture> buildFixtures() throws Exception {
        List<Fixture> out = new ArrayList<>();
        Subscriber cht = eligible[0];
        Subscriber twm = eligible[1];
        Subscriber fet = eligible[2];

        // First, so that moving the clock past its lifetime ages nothing else.
        Harness.Applied expired = h.apply(cht, DeviceClass.DESKTOP);
        h.advance(Duration.ofMinutes(EnrollmentService.DEFAULT_LIFETIME_MINUTES + 1));
        assertInstanceOf(EnrollmentStatus.Expired.class, h.status(expired));
        out.add(fixture("expired", expired, Optional.empty(), List.of(Harness.token(qr(expired))), Optional.empty()));

        Harness.Applied awaiting = h.apply(twm, DeviceClass.DESKTOP);
        out.add(fixture("awaiting", awaiting, Optional.empty(), List.of(Harness.token(qr(awaiting))),
                Optional.empty()));

        Harness.Applied regenerated = h.apply(fet, DeviceClass.DESKTOP);
        NextStep.ShowQrCode fresh = h.service.regenerateQr(regenerated.begun().enrollmentId(),
                regenerated.begun().desktopSecret());
        out.add(fixture("regenerated", regenerated, Optional.empty(),
                List.of(Harness.token(qr(regenerated)), Harness.token(fresh)), Optional.empty()));

        Harness.Applied claimed = h.apply(cht, DeviceClass.DESKTOP);
        DeviceSession claimedSession = h.scan(claimed);
        out.add(fixture("claimed", claimed, Optional.of(claimedSession.session().revealForTransport()),
                List.of(Harness.token(qr(claimed))), Optional.empty()));

        Harness.Applied connected = h.apply(twm, DeviceClass.SMARTPHONE);
        out.add(fixture("connected", connected, Optional.of(here(connected).session().revealForTransport()),
                List.of(), Optional.empty()));

        Harness.Applied verifying = h.apply(fet, DeviceClass.SMARTPHONE);
        VerificationRedirect redirect = h.service.startVerification(here(verifying).session(),
                Consent.accepted(TERMS));
        Map<String, String> pending = h.phoneOf(fet).open(redirect.carrierUri());
        out.add(fixture("verifying", verifying, Optional.of(here(verifying).session().revealForTransport()),
                List.of(), Optional.of(pending)));

        Harness.Applied completed = h.apply(cht, DeviceClass.SMARTPHONE);
        Map<String, String> used = verify(completed, cht);
        assertInstanceOf(VerificationOutcome.Issued.class, h.complete(used));
        out.add(fixture("completed", completed, Optional.of(here(completed).session().revealForTransport()),
                List.of(), Optional.of(used)));

        Subscriber prepaid = h.networks.subscribers().find("twm", Scenario.PREPAID);
        Harness.Applied rejected = h.apply(prepaid, DeviceClass.SMARTPHONE);
        Map<String, String> refused = verify(rejected, prepaid);
        assertInstanceOf(VerificationOutcome.Refused.class, h.complete(refused));
        out.add(fixture("rejected", rejected, Optional.of(here(rejected).session().revealForTransport()),
                List.of(), Optional.of(refused)));

        Harness.Applied cancelled = h.apply(twm, DeviceClass.DESKTOP);
        h.service.restart(cancelled.begun().enrollmentId(), cancelled.begun().desktopSecret());
        out.add(fixture("cancelled", cancelled, Optional.empty(), List.of(Harness.token(qr(cancelled))),
                Optional.empty()));
        return List.copyOf(out);
    }

    private static Fixture fixture(String name, Harness.Applied a, Optional<String> session, List<String> tokens,
            Optional<Map<String, String>> callback) {
        return new Fixture(name, a.begun().enrollmentId(), a.begun().desktopSecret().revealForTransport(), session,
                tokens, callback);
    }

    private static NextStep.ShowQrCode qr(Harness.Applied a) {
        return assertInstanceOf(NextStep.ShowQrCode.class, a.begun().next());
    }

    private static DeviceSession here(Harness.Applied a) {
        return assertInstanceOf(NextStep.ContinueHere.class, a.begun().next()).device();
    }

    private static Map<String, String> verify(Harness.Applied a, Subscriber s) throws Exception {
        VerificationRedirect redirect = h.service.startVerification(here(a).session(), Consent.accepted(TERMS));
        return h.phoneOf(s).open(redirect.carrierUri());
    }

    // =================================================================== step 1: checkNationalId

    @Property(tries = 1000)
    void checkNationalIdAnswersOrRejectsAnyStringAndNeverCrashes(@ForAll("nationalIds") String input) {
        Object outcome = run(h, () -> h.service.checkNationalId(input));
        Statistics.collect(label(outcome));
        if (outcome instanceof NationalIdCheck check) {
            assertEquals(10, check.maskedNationalId().length(), check.maskedNationalId());
            assertTrue(check.maskedNationalId().contains("****"));
        } else if (outcome instanceof InvalidInputException e) {
            assertTrue(e.errors().stream().allMatch(f -> f.field().equals("nationalId")), e.getMessage());
        } else if (!(outcome instanceof EnrollmentException e && e.reason() == EnrollmentException.Reason.INELIGIBLE
                && !e.rejections().isEmpty())) {
            throw unexpected("checkNationalId", outcome);
        }
        assertQuiet(h, outcome, List.of(input == null ? "" : input));
    }

    // =================================================================== steps 2-3: begin

    /** The eight form fields as typed; null means "not filled in". */
    record FormInput(String nationalId, String carrier, String mobile, String nhi, String birthDate, String name,
            String password, String confirmation) {

        ApplicationForm toForm() {
            return ApplicationForm.builder().nationalId(nationalId).carrierId(carrier).mobileNumber(mobile)
                    .nhiCardNumber(nhi).birthDate(birthDate).name(name)
                    .password(password == null ? null : password.toCharArray())
                    .passwordConfirmation(confirmation == null ? null : confirmation.toCharArray()).build();
        }

        List<String> values() {
            return Arrays.asList(nationalId, carrier, mobile, nhi, birthDate, name, password, confirmation);
        }

        @Override
        public String toString() {
            return values().stream().map(EntryPointFuzzProperties::describe).collect(Collectors.joining(", ",
                    "FormInput[", "]"));
        }
    }

    private static FormInput validForm() {
        Subscriber s = eligible[0];
        return new FormInput(s.holderId(), s.carrierId(), "0" + s.msisdn().e164().substring(4), Harness.NHI,
                s.birthDate().toString(), s.name(), Harness.PASSWORD, Harness.PASSWORD);
    }

    @Property(tries = 1000)
    void beginWithHostileFormFieldsBlamesOnlyTheFieldsThatAreWrong(@ForAll("forms") FormInput input,
            @ForAll DeviceClass device) throws Exception {
        FormChallenge fc = h.service.prepareApplication();
        EnrollmentApplication app = application(fc, input.toForm(), deviceKey.publicKeySpki(), proof(fc, deviceKey,
                deviceKey.publicKeySpki(), Harness.ORIGIN), fc.challenge());
        Map<String, Long> before = versions();
        Object outcome = run(h, () -> h.service.begin(app, ClientContext.of(device)));
        Statistics.collect(label(outcome));

        FormInput valid = validForm();
        Set<String> wrong = new HashSet<>();
        String[] names = {"nationalId", "carrier", "mobileNumber", "nhiCardNumber", "birthDate", "name", "password",
            "passwordConfirmation"};
        for (int i = 0; i < names.length; i++) {
            if (!java.util.Objects.equals(input.values().get(i), valid.values().get(i))) {
                wrong.add(names[i]);
            }
        }
        if (!java.util.Objects.equals(input.password(), input.confirmation())) {
            wrong.add("passwordConfirmation");
        }
        if (wrong.contains("nationalId") || wrong.contains("birthDate") || wrong.contains("mobileNumber")) {
            wrong.add("password"); // the password is checked against them as context words
        }
        if (outcome instanceof InvalidInputException e) {
            Set<String> blamed = e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
            assertFalse(wrong.isEmpty(), "a fully valid form was rejected: " + e.getMessage());
            assertTrue(wrong.containsAll(blamed), "blamed " + blamed + " but only " + wrong + " differ from valid");
        } else if (outcome instanceof Begun begun) {
            assertAdmitted(begun, device);
        } else if (!(outcome instanceof EnrollmentException e && e.reason() == EnrollmentException.Reason.INELIGIBLE
                && !e.rejections().isEmpty())) {
            throw unexpected("begin", outcome);
        }
        if (wrong.isEmpty()) {
            assertInstanceOf(Begun.class, outcome, "a fully valid form with a genuine device key");
        }
        assertUnchanged(before);
        assertQuiet(h, outcome, input.values());
    }

    /** A way to build one part of the application from the fresh challenge; {@code genuine} says whether it is the right one. */
    record Part<T>(String label, boolean genuine, Function<FormChallenge, T> make) {
        @Override
        public String toString() {
            return label;
        }
    }

    @Property(tries = 1000)
    void beginWithAForgedDeviceKeyProofOrChallengeNamesExactlyThatProblem(@ForAll("deviceKeys") Part<byte[]> key,
            @ForAll("proofs") Part<byte[]> proof, @ForAll("challenges") Part<String> challenge,
            @ForAll("clients") Optional<ClientContext> client, @ForAll("rarely") boolean nullApplication)
            throws Exception {
        FormChallenge fc = h.service.prepareApplication();
        EnrollmentApplication app = nullApplication ? null
                : application(fc, Harness.formOf(eligible[1]).build(), key.make().apply(fc), proof.make().apply(fc),
                        challenge.make().apply(fc));
        Map<String, Long> before = versions();
        Object outcome = run(h, () -> h.service.begin(app, client.orElse(null)));
        Statistics.collect(label(outcome));

        boolean keyParses = key.genuine() || key.label().equals("another P-256 key");
        EnrollmentException.Reason expected;
        if (app == null || client.isEmpty()) {
            assertTrue(outcome instanceof tw.mobileauth.InvalidInputException missing
                    && missing.has(tw.mobileauth.identity.FieldNames.REQUEST, tw.mobileauth.FieldReason.REQUIRED),
                    "nothing passed is request: REQUIRED: " + outcome);
            assertTrue(guard.drainTouched().isEmpty(), "a refused application stored something");
            return;
        } else if (!keyParses) {
            expected = EnrollmentException.Reason.DEVICE_KEY_INVALID;
        } else if (!(key.genuine() && proof.genuine() && challenge.genuine())) {
            expected = EnrollmentException.Reason.PROOF_OF_POSSESSION_INVALID;
        } else {
            expected = null;
        }
        if (expected != null) {
            assertEquals(expected, reason(outcome, "begin"));
            assertTrue(guard.drainTouched().isEmpty(), "a refused application stored something");
        } else if (outcome instanceof Begun begun) {
            assertAdmitted(begun, client.get().deviceClass());
        } else {
            EnrollmentException e = assertInstanceOf(EnrollmentException.class, outcome, () -> describe(outcome));
            assertEquals(EnrollmentException.Reason.INELIGIBLE, e.reason());
            assertFalse(e.rejections().isEmpty());
            assertNotEquals(DeviceClass.SMARTPHONE, client.get().deviceClass(), "a smartphone is eligible");
            assertNotEquals(DeviceClass.DESKTOP, client.get().deviceClass(), "a desktop is routed to the QR code");
        }
        assertUnchanged(before);
        List<String> inputs = new ArrayList<>();
        inputs.add(challenge.make().apply(fc));
        client.ifPresent(c -> {
            c.ipAddress().ifPresent(inputs::add);
            c.userAgent().ifPresent(inputs::add);
        });
        assertQuiet(h, outcome, inputs);
    }

    @Property(tries = 1000)
    void aHostileCaptchaIdOrAnswerIsOnlyEverIncorrectAndCanAlwaysBeRegenerated(@ForAll("captchaIds") Part<String> id,
            @ForAll("hostile") String answer) throws Exception {
        FormChallenge fc = captchaPortal.service.prepareApplication();
        String captchaId = id.make().apply(fc);
        EnrollmentApplication app = EnrollmentApplication.builder().captcha(captchaId, answer).build();
        Object outcome = run(captchaPortal,
                () -> captchaPortal.service.begin(app, ClientContext.of(DeviceClass.DESKTOP)));
        assertEquals(EnrollmentException.Reason.CAPTCHA_INCORRECT, reason(outcome, "begin"),
                "the captcha is checked first, and nothing but its answer passes it");
        assertQuiet(captchaPortal, outcome, Arrays.asList(captchaId, answer));

        Object regenerated = run(captchaPortal, () -> captchaPortal.service.regenerateCaptcha(captchaId));
        CaptchaChallenge next = assertInstanceOf(CaptchaChallenge.class, regenerated, () -> describe(regenerated));
        assertNotEquals(captchaId, next.id());
        assertTrue(next.media().length > 0);
    }

    // =================================================================== desktop: status, regenerateQr, restart

    enum DesktopCall { STATUS, REGENERATE_QR, RESTART }

    record Attempt(String enrollmentId, String secret) {
        @Override
        public String toString() {
            return "Attempt[" + describe(enrollmentId) + ", " + describe(secret) + "]";
        }
    }

    @Property(tries = 1000)
    void aForgedDesktopSecretOrEnrollmentIdGetsNothingAndChangesNothing(@ForAll("desktopAttempts") Attempt a,
            @ForAll DesktopCall call, @ForAll("rarely") boolean nullSecretObject) {
        DesktopSecret secret = nullSecretObject ? null : DesktopSecret.fromTransport(a.secret());
        Map<String, Long> before = versions();
        int requests = carrierRequests();
        Object outcome = run(h, () -> switch (call) {
            case STATUS -> h.service.status(a.enrollmentId(), secret);
            case REGENERATE_QR -> h.service.regenerateQr(a.enrollmentId(), secret);
            case RESTART -> {
                h.service.restart(a.enrollmentId(), secret);
                yield "restarted";
            }
        });
        boolean known = fixtures.stream().anyMatch(f -> f.id().equals(a.enrollmentId()));
        assertEquals(known ? EnrollmentException.Reason.ACCESS_DENIED : EnrollmentException.Reason.UNKNOWN_ENROLLMENT,
                reason(outcome, call.name()));
        assertUnchanged(before);
        assertEquals(requests, carrierRequests(), "no carrier call");
        assertQuiet(h, outcome, Arrays.asList(a.enrollmentId(), a.secret()));
    }

    // =================================================================== phone: openOnDevice

    @Property(tries = 1000)
    void aForgedHandoffTokenNeverOpensAnEnrollment(@ForAll("handoffTokens") String token,
            @ForAll("clients") Optional<ClientContext> phone) {
        Map<String, Long> before = versions();
        int requests = carrierRequests();
        Object outcome = run(h, () -> h.service.openOnDevice(token, phone.orElse(null)));
        EnrollmentException.Reason expected;
        if (token == null || token.isEmpty() || token.length() > 128) {
            expected = EnrollmentException.Reason.HANDOFF_INVALID;
        } else if (phone.isEmpty()) {
            expected = EnrollmentException.Reason.WRONG_STEP;
        } else if (phone.get().deviceClass() != DeviceClass.SMARTPHONE
                && phone.get().deviceClass() != DeviceClass.TABLET_WITH_SIM) {
            expected = EnrollmentException.Reason.INELIGIBLE;
        } else if (claimedToken().equals(token)) {
            expected = EnrollmentException.Reason.HANDOFF_ALREADY_CLAIMED; // the genuine, used token of "claimed"
        } else {
            expected = EnrollmentException.Reason.HANDOFF_INVALID;
        }
        assertEquals(expected, reason(outcome, "openOnDevice"));
        if (expected == EnrollmentException.Reason.INELIGIBLE) {
            assertFalse(((EnrollmentException) outcome).rejections().isEmpty());
        }
        assertUnchanged(before);
        assertEquals(requests, carrierRequests(), "no carrier call");
        List<String> inputs = new ArrayList<>();
        inputs.add(token);
        phone.ifPresent(c -> {
            c.ipAddress().ifPresent(inputs::add);
            c.userAgent().ifPresent(inputs::add);
        });
        assertQuiet(h, outcome, inputs);
    }

    // =================================================================== phone: startVerification

    @Property(tries = 1000)
    void aForgedPhoneSessionCannotStartAVerification(@ForAll("phoneSessions") String token,
            @ForAll("hostileOrGenuine") String termsVersion, @ForAll boolean accepted,
            @ForAll("rarely") boolean nullSession, @ForAll("rarely") boolean nullConsent) {
        Map<String, Long> before = versions();
        int requests = carrierRequests();
        PhoneSession session = nullSession ? null : PhoneSession.fromTransport(token);
        Object outcome = run(h, () -> h.service.startVerification(session,
                nullConsent ? null : new Consent(termsVersion, accepted)));
        boolean known = session != null && !nullConsent
                && fixtures.stream().anyMatch(f -> f.id().equals(session.enrollmentId()));
        boolean forgedId = session != null && !nullConsent && !known;
        assertEquals(forgedId ? EnrollmentException.Reason.UNKNOWN_ENROLLMENT : EnrollmentException.Reason.ACCESS_DENIED,
                reason(outcome, "startVerification"));
        assertUnchanged(before);
        assertEquals(requests, carrierRequests(), "no carrier call");
        assertQuiet(h, outcome, Arrays.asList(token, termsVersion));
    }

    @Property(tries = 1000)
    void aGenuinePhoneSessionWithoutAValidConsentIsRefusedAndChangesNothing(@ForAll("sessionFixtures") Fixture f,
            @ForAll("hostileOrGenuine") String termsVersion, @ForAll boolean accepted) {
        boolean valid = accepted && TERMS.equals(termsVersion);
        String version = valid ? TERMS + "\u202E" : termsVersion; // never a valid consent: that would change the fixture
        Map<String, Long> before = versions();
        int requests = carrierRequests();
        Object outcome = run(h, () -> h.service.startVerification(PhoneSession.fromTransport(f.phoneSession().get()),
                new Consent(version, accepted)));
        EnrollmentState state = h.enrollments.find(f.id()).orElseThrow().state();
        assertEquals(state.isFinal() ? EnrollmentException.Reason.ENROLLMENT_ENDED
                : EnrollmentException.Reason.CONSENT_REQUIRED, reason(outcome, "startVerification"));
        assertUnchanged(before);
        assertEquals(requests, carrierRequests(), "no carrier call");
        assertQuiet(h, outcome, Arrays.asList(version));
    }

    // =================================================================== phone: completeVerification

    @Property(tries = 1000)
    void aCallbackWithoutALiveStateIsRefusedWithoutReachingTheCarrier(
            @ForAll("callbackEntries") List<Map.Entry<String, String>> entries, @ForAll("rarely") boolean nullCallback) {
        Map<String, String> raw = toMap(entries);
        VerificationCallback callback = nullCallback ? null : new VerificationCallback(raw);
        Map<String, Long> before = versions();
        int requests = carrierRequests();
        Object outcome = run(h, () -> h.complete(callback));

        String state = callback == null ? null : callback.parameters().get("state");
        Optional<Fixture> owner = fixtures.stream().filter(f -> f.callback().isPresent()
                && f.callback().get().get("state").equals(state)).findFirst();
        assertFalse(owner.isPresent() && owner.get().name().equals("verifying"), "the generator never forges the live state");
        if (owner.isEmpty()) {
            assertEquals(EnrollmentException.Reason.STATE_UNKNOWN, reason(outcome, "completeVerification"));
        } else if (callback.parameters().equals(new VerificationCallback(owner.get().callback().get()).parameters())) {
            assertInstanceOf(VerificationOutcome.class, outcome, "a repeat of the callback that settled it");
        } else {
            assertEquals(EnrollmentException.Reason.STATE_REPLAYED, reason(outcome, "completeVerification"));
        }
        assertUnchanged(before);
        assertEquals(requests, carrierRequests(), "no carrier call");
        assertQuiet(h, outcome, raw.entrySet().stream().flatMap(e -> Arrays.asList(e.getKey(), e.getValue()).stream())
                .toList());
    }

    enum Code { GENUINE, HOSTILE, ABSENT }

    /**
     * Each try runs a whole enrolment up to the carrier callback (Argon2id with the harness's small
     * parameters, ECDSA signatures, a QR-less same-device route) and then up to a dozen HTTP round
     * trips to the fake carrier (a full verification costs about 0.4 s here), so 200 tries, not
     * 1000.
     */
    @Property(tries = 200)
    void aHostileCallbackForALiveVerificationEndsInAResultOrAGenuineCarrierError(
            @ForAll("subscriberIndex") int who, @ForAll("verifyingPhones") ClientContext phone, @ForAll("codes") Code code,
            @ForAll("crowdedCallbackEntries") List<Map.Entry<String, String>> extra, @ForAll("hostile") String hostileCode,
            @ForAll("oauthError") Optional<String> error, @ForAll("statePosition") int statePosition)
            throws Exception {
        Subscriber s = eligible[who];
        Harness.Applied applied = h.apply(Harness.formOf(s).build(), phone);
        String id = applied.begun().enrollmentId();
        VerificationRedirect redirect = h.service.startVerification(here(applied).session(), Consent.accepted(TERMS));
        EnrollmentDocument consented = EnrollmentDocument.parse(h.enrollments.find(id).orElseThrow().document());
        assertTrue(consented.consentContext.length() <= 140
                && consented.consentContext.chars().allMatch(c -> c >= 0x20 && c < 0x7f),
                "the consent record keeps the device context masked and printable: " + consented.consentContext);
        Map<String, String> genuine = h.phoneOf(s).open(redirect.carrierUri());

        List<Map.Entry<String, String>> entries = new ArrayList<>(extra);
        entries.removeIf(e -> "state".equals(e.getKey()) || "code".equals(e.getKey()) || "error".equals(e.getKey()));
        switch (code) {
            case GENUINE -> entries.add(0, new AbstractMap.SimpleEntry<>("code", genuine.get("code")));
            case HOSTILE -> entries.add(0, new AbstractMap.SimpleEntry<>("code", hostileCode));
            case ABSENT -> {
            }
        }
        error.ifPresent(e -> entries.add(0, new AbstractMap.SimpleEntry<>("error", e)));
        entries.add(Math.min(statePosition, entries.size()), new AbstractMap.SimpleEntry<>("state", genuine.get("state")));
        Map<String, String> raw = toMap(entries);
        VerificationCallback callback = new VerificationCallback(raw);
        Map<String, String> kept = callback.parameters();

        int requests = carrierRequests();
        Object outcome = run(h, () -> h.complete(callback));
        boolean carrierCalled = carrierRequests() > requests;
        Statistics.collect(label(outcome), carrierCalled ? "carrier called" : "no carrier call");
        EnrollmentState after = h.enrollments.find(id).orElseThrow().state();

        boolean stateKept = genuine.get("state").equals(kept.get("state"));
        if (!stateKept) {
            assertEquals(EnrollmentException.Reason.STATE_UNKNOWN, reason(outcome, "completeVerification"),
                    "the 20-parameter cap dropped the state");
            assertEquals(EnrollmentState.VERIFYING, after);
            assertFalse(carrierCalled);
        } else if (outcome instanceof VerificationOutcome.Issued) {
            assertEquals(genuine.get("code"), kept.get("code"), "completed without the genuine code");
            assertFalse(kept.containsKey("error"));
            assertEquals(EnrollmentState.COMPLETED, after);
        } else if (outcome instanceof VerificationOutcome.Refused r) {
            assertFalse(r.reasons().isEmpty());
            assertEquals(EnrollmentState.REJECTED, after);
        } else if (outcome instanceof EnrollmentUnavailableException e) {
            assertEquals(EnrollmentUnavailableException.Source.CARRIER, e.source());
            // The fake carrier is healthy, so what failed was the callback: repeating it cannot
            // help, and calling it retryable would send the portal round in circles.
            assertFalse(e.isRetryable(), "a hostile callback was called retryable: " + e.getMessage());
            if (!carrierCalled) {
                // No request left the portal: the carrier's answer was in the callback itself.
                assertTrue(kept.containsKey("error") || kept.getOrDefault("code", "").isBlank(),
                        "a carrier error without a carrier call or an error in the callback: " + e.getMessage());
            }
            assertEquals(EnrollmentState.VERIFYING, after, "a carrier failure loses nothing");
        } else {
            throw unexpected("completeVerification", outcome);
        }
        if (stateKept && code == Code.GENUINE && error.isEmpty()) {
            assertInstanceOf(VerificationOutcome.Issued.class, outcome, () -> describe(outcome));
        }
        List<String> inputs = new ArrayList<>();
        raw.forEach((k, v) -> {
            inputs.add(k);
            inputs.add(v);
        });
        // A short code-shaped error is the carrier's error code and may be reported as such.
        error.filter(e -> e.matches("[A-Za-z0-9._-]{1,64}")).ifPresent(e -> inputs.removeIf(e::equals));
        assertQuiet(h, outcome, inputs);

        // The same callback again gets the same outcome (completeVerification is idempotent).
        Object repeat = run(h, () -> h.complete(callback));
        assertEquals(label(outcome), label(repeat), "a repeated callback has the same outcome");

        // The genuine callback afterwards: a state the hostile one used is spent; one it never reached is not.
        Object replay = run(h, () -> h.complete(genuine));
        if (!stateKept) {
            assertInstanceOf(VerificationOutcome.Issued.class, replay, () -> describe(replay));
        } else if (kept.equals(new VerificationCallback(genuine).parameters())) {
            assertEquals(outcome.getClass(), replay.getClass(), "a repeated callback has the same outcome");
        } else {
            assertEquals(EnrollmentException.Reason.STATE_REPLAYED, reason(replay, "completeVerification"));
        }
        if (outcome instanceof EnrollmentUnavailableException) {
            // Nothing was lost: the phone can start the verification again.
            h.service.startVerification(here(applied).session(), Consent.accepted(TERMS));
            assertEquals(EnrollmentState.VERIFYING, h.enrollments.find(id).orElseThrow().state());
        }
        assertTrue(guard.violations().isEmpty(), () -> "state machine broken: " + guard.violations());
        guard.drainTouched();
    }

    // =================================================================== value types built from request data

    @Property(tries = 1000)
    void theValueTypesAPortalBuildsFromRequestDataAcceptAnything(@ForAll("hostile") String a,
            @ForAll("hostile") String b, @ForAll("hostileBytes") byte[] bytes, @ForAll DeviceClass device,
            @ForAll boolean flag, @ForAll("callbackEntries") List<Map.Entry<String, String>> entries) {
        Object outcome = run(h, () -> {
            EnrollmentApplication app = EnrollmentApplication.builder()
                    .form(ApplicationForm.builder().nationalId(a).carrierId(b).mobileNumber(a).nhiCardNumber(b)
                            .birthDate(a).name(b).password(a == null ? null : a.toCharArray())
                            .passwordConfirmation(b == null ? null : b.toCharArray()).build())
                    .challenge(a).captcha(a, b).devicePublicKey(bytes).proofOfPossession(bytes).build();
            assertQuietText("EnrollmentApplication.toString", app.toString(), Arrays.asList(a, b));

            ClientContext client = new ClientContext(device, Optional.ofNullable(a), Optional.ofNullable(b));
            String masked = client.masked();
            assertTrue(masked.length() <= 140 && masked.chars().allMatch(c -> c >= 0x20 && c < 0x7f), masked);

            Consent consent = new Consent(a, flag);
            assertEquals(flag, consent.accepted());
            Consent.accepted(b);

            DesktopSecret secret = DesktopSecret.fromTransport(a);
            assertEquals(a == null ? "" : a, secret.revealForTransport());
            assertEquals("DesktopSecret[redacted]", secret.toString());

            PhoneSession session = PhoneSession.fromTransport(b);
            assertEquals("PhoneSession[redacted]", session.toString());
            if (b != null && b.length() <= 200 && b.indexOf('.') >= 0) {
                assertEquals(b, session.revealForTransport());
            }

            VerificationCallback callback = new VerificationCallback(toMap(entries));
            assertTrue(callback.parameters().size() <= 20);
            callback.parameters().forEach((k, v) -> assertTrue(k.length() <= 64 && v.length() <= 2048));
            assertTrue(callback.toString().length() <= 20 * 66 + 30, "toString shows only bounded names");
            assertEquals(Map.of(), new VerificationCallback(null).parameters());
            return "ok";
        });
        if (!"ok".equals(outcome)) {
            throw unexpected("a value type", outcome);
        }
    }

    // =================================================================== invariants and helpers

    @FunctionalInterface
    interface Call {
        Object call() throws Exception;
    }

    /** Runs one entry point; returns its result or what it threw (errors such as AssertionError propagate). */
    private static Object run(Harness portal, Call call) {
        portal.audit.clear();
        try {
            return call.call();
        } catch (Exception e) {
            return e;
        }
    }

    /** What an outcome was, for jqwik's statistics report (so a run shows that deep paths were reached). */
    private static String label(Object outcome) {
        if (outcome instanceof EnrollmentException e) {
            return e.reason().name();
        }
        if (outcome instanceof EnrollmentUnavailableException e) {
            return "UNAVAILABLE" + (e.isRetryable() ? " (retryable)" : "");
        }
        return outcome.getClass().getSimpleName();
    }

    private static EnrollmentException.Reason reason(Object outcome, String call) {
        if (outcome instanceof EnrollmentException e) {
            return e.reason();
        }
        throw unexpected(call, outcome);
    }

    private static AssertionError unexpected(String call, Object outcome) {
        if (outcome instanceof Throwable t) {
            return new AssertionError(call + " threw " + t.getClass().getName() + ": " + describe(t.getMessage()), t);
        }
        return new AssertionError(call + " returned " + describe(String.valueOf(outcome)));
    }

    private static void assertAdmitted(Begun begun, DeviceClass device) {
        EnrollmentRecord r = h.enrollments.find(begun.enrollmentId()).orElseThrow();
        assertEquals(device.canVerifyOverMobileData() ? EnrollmentState.DEVICE_CONNECTED
                : EnrollmentState.AWAITING_DEVICE, r.state());
        assertTrue(guard.violations().isEmpty(), () -> "state machine broken: " + guard.violations());
        guard.drainTouched();
    }

    /** The fixtures' versions now. */
    private static Map<String, Long> versions() {
        guard.drainTouched();
        Map<String, Long> out = new LinkedHashMap<>();
        for (Fixture f : fixtures) {
            out.put(f.name(), h.enrollments.find(f.id()).orElseThrow().version());
        }
        return out;
    }

    /** No fixture changed, nothing was written, and no write ever broke the state machine. */
    private static void assertUnchanged(Map<String, Long> before) {
        assertEquals(before, versions(), "a hostile call changed an enrolment");
        assertTrue(guard.violations().isEmpty(), () -> "state machine broken: " + guard.violations());
    }

    private static int carrierRequests() {
        return h.networks.requests().all().size();
    }

    /**
     * The outcome's messages and texts, and every audit event the call wrote, are bounded and do
     * not echo any input (so neither a megabyte nor a secret ends up in a log line).
     */
    private static void assertQuiet(Harness portal, Object outcome, List<String> inputs) {
        if (outcome instanceof Exception e) {
            assertQuietText(e.getClass().getSimpleName() + " message", String.valueOf(e.getMessage()), inputs);
            if (e instanceof EnrollmentException ee) {
                assertLocalised(ee.text(), inputs);
                assertLocalised(ee.remedy(), inputs);
                ee.rejections().forEach(r -> {
                    assertLocalised(r.message(), inputs);
                    assertLocalised(r.remedy(), inputs);
                });
            }
            if (e instanceof InvalidInputException ie) {
                assertFalse(ie.errors().isEmpty());
                ie.errors().forEach(f -> assertLocalised(f.message(), inputs));
            }
            if (e instanceof EnrollmentUnavailableException ue) {
                assertLocalised(ue.text(), inputs);
            }
        }
        for (AuditEvent event : portal.audit.events()) {
            event.fields().forEach((k, v) -> {
                assertTrue(v.length() <= MAX_AUDIT_FIELD_CHARS, event.name() + "." + k + " holds " + v.length()
                        + " characters");
                assertQuietText("audit " + event.name() + "." + k, v, inputs);
            });
        }
    }

    private static void assertLocalised(LocalizedText text, List<String> inputs) {
        assertQuietText("zh-TW text", text.zhTw(), inputs);
        assertQuietText("English text", text.en(), inputs);
    }

    private static void assertQuietText(String where, String text, List<String> inputs) {
        assertTrue(text.length() <= MAX_MESSAGE_CHARS, where + " is " + text.length() + " characters long");
        for (String input : inputs) {
            if (input != null && input.length() >= ECHO_MIN_CHARS && !isPublicId(input) && !OAUTH_WORDS.contains(input)
                    && text.contains(input)) {
                throw new AssertionError(where + " echoes the input " + describe(input) + ": " + describe(text));
            }
        }
    }

    /** Enrolment ids are not secret and audit events name them; a forged id cut from one is no echo. */
    private static boolean isPublicId(String input) {
        return fixtures.stream().anyMatch(f -> f.id().contains(input));
    }

    /** A printable, bounded description of a hostile value for failure messages. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder("\"");
        s.chars().limit(80).forEach(c -> b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                : String.format("\\u%04X", c)));
        b.append(s.length() > 80 ? "…\" (" + s.length() + " chars)" : "\"");
        return b.toString();
    }

    private static Map<String, String> toMap(List<Map.Entry<String, String>> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    private static EnrollmentApplication application(FormChallenge fc, ApplicationForm form, byte[] spki,
            byte[] proof, String challenge) {
        return EnrollmentApplication.builder().form(form).challenge(challenge)
                .captcha(fc.captcha().id(), h.captcha.answerFor(fc.captcha().id()))
                .devicePublicKey(spki).proofOfPossession(proof).build();
    }

    private static byte[] proof(FormChallenge fc, DeviceKey signer, byte[] spki, String origin) {
        byte[] challenge = Base64.getUrlDecoder().decode(fc.challenge());
        return signer.sign(SignedMessages.enrollment(challenge, spki, origin));
    }

    /** A genuine begin, so that its challenge is spent. */
    private static FormChallenge genuineBegin(DeviceClass device) throws Exception {
        FormChallenge fc = h.service.prepareApplication();
        h.service.begin(application(fc, Harness.formOf(eligible[0]).build(), deviceKey.publicKeySpki(),
                proof(fc, deviceKey, deviceKey.publicKeySpki(), Harness.ORIGIN), fc.challenge()),
                ClientContext.of(device));
        return fc;
    }

    // =================================================================== generators

    private static final class Huge {
        static final List<String> STRINGS = List.of("a".repeat(MB), "\u0000".repeat(MB), "\uD800".repeat(MB),
                "\u202E".repeat(MB), " ".repeat(MB) + "A123456789", "王".repeat(MB / 2));
    }

    private static Arbitrary<String> huge() {
        return Arbitraries.of(Huge.STRINGS).withoutEdgeCases();
    }

    /** One hostile character as a string (controls, NUL, bidi overrides, lone surrogates, odd spaces). */
    private static Arbitrary<String> nastyChar() {
        return Arbitraries.of(NASTY.toCharArray()).map(String::valueOf);
    }

    private static <T> Arbitrary<T> weighted(Object... weightsAndArbitraries) {
        List<net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<T>>> list = new ArrayList<>();
        for (int i = 0; i < weightsAndArbitraries.length; i += 2) {
            @SuppressWarnings("unchecked")
            Arbitrary<T> arbitrary = (Arbitrary<T>) weightsAndArbitraries[i + 1];
            list.add(Tuple.of((Integer) weightsAndArbitraries[i], arbitrary));
        }
        return Arbitraries.frequencyOf(list);
    }

    @Provide
    Arbitrary<String> hostile() {
        return hostileStrings();
    }

    /** Any UTF-16, dense hostile characters, long and 1 MB strings, and null. */
    private static Arbitrary<String> hostileStrings() {
        Arbitrary<String> out = weighted(
                30, Arbitraries.strings().all().ofMaxLength(60),
                25, Arbitraries.strings().withChars(NASTY + SPECIAL).ofMaxLength(40),
                10, Arbitraries.strings().withChars(NASTY).ofMinLength(1).ofMaxLength(8),
                3, Arbitraries.strings().all().ofMinLength(129).ofMaxLength(3000),
                2, huge());
        return out.injectNull(0.05);
    }

    /** {@code valid} with one hostile character put in somewhere. */
    private static Arbitrary<String> spliced(String valid) {
        return Combinators.combine(nastyChar(), Arbitraries.integers().between(0, valid.length()))
                .as((c, at) -> valid.substring(0, at) + c + valid.substring(at));
    }

    /** Near misses of a genuine token: edited, cut, padded, re-cased, re-encoded, repeated to 1 MB. Never equal to it. */
    private static Arbitrary<String> forgeriesOf(String real) {
        int n = real.length();
        Arbitrary<String> edits = Arbitraries.oneOf(
                nastyChar().map(c -> real + c),
                nastyChar().map(c -> c + real),
                spliced(real),
                Combinators.combine(Arbitraries.integers().between(0, n - 1), Arbitraries.chars().all())
                        .as((i, c) -> real.substring(0, i) + c + real.substring(i + 1)),
                Arbitraries.integers().between(0, n - 1).map(i -> real.substring(0, i)),
                Arbitraries.integers().between(1, n).map(real::substring),
                Arbitraries.of(real.toUpperCase(Locale.ROOT), real.toLowerCase(Locale.ROOT), fullWidth(real),
                        real.replace('-', '+').replace('_', '/'), real + "=", " " + real + " ", real + real,
                        real + "." + real, real.repeat(MB / n + 1)));
        return edits.filter(s -> !s.equals(real));
    }

    private static Arbitrary<String> forgeriesOf(List<String> reals) {
        return Arbitraries.oneOf(reals.stream().map(EntryPointFuzzProperties::forgeriesOf).toList())
                .filter(s -> !reals.contains(s));
    }

    private static String fullWidth(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c > 0x20 && c < 0x7f ? (char) (c + 0xFEE0) : (char) c));
        return b.toString();
    }

    @Provide
    Arbitrary<Boolean> rarely() {
        return weighted(19, Arbitraries.just(false), 1, Arbitraries.just(true));
    }

    @Provide
    Arbitrary<String> hostileOrGenuine() {
        return weighted(3, hostileStrings(), 2, Arbitraries.just(TERMS), 2, forgeriesOf(TERMS));
    }

    @Provide
    Arbitrary<byte[]> hostileBytes() {
        return EntryPointFuzzProperties.<byte[]>weighted(10, Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                1, Arbitraries.just(new byte[MB])).injectNull(0.1);
    }

    @Provide
    Arbitrary<String> nationalIds() {
        Arbitrary<String> citizens = Combinators.combine(Arbitraries.chars().range('A', 'Z'),
                Arbitraries.of('1', '2'), Arbitraries.strings().numeric().ofLength(7))
                .as((l, g, d) -> TestIds.withCheckDigit(l + "" + g + d));
        Arbitrary<String> residents = Combinators.combine(Arbitraries.chars().range('A', 'Z'),
                Arbitraries.of('8', '9'), Arbitraries.strings().numeric().ofLength(7))
                .as((l, g, d) -> TestIds.withCheckDigit(l + "" + g + d));
        return weighted(6, hostileStrings(), 2, citizens, 1, residents, 2, citizens.flatMap(EntryPointFuzzProperties::spliced),
                1, citizens.map(EntryPointFuzzProperties::fullWidth));
    }

    private static Arbitrary<String> field(String valid) {
        return weighted(6, Arbitraries.just(valid), 2, spliced(valid), 3, hostileStrings());
    }

    @Provide
    Arbitrary<FormInput> forms() {
        FormInput v = validForm();
        return Combinators.combine(field(v.nationalId()), field(v.carrier()), field(v.mobile()), field(v.nhi()),
                field(v.birthDate()), field(v.name()), field(v.password()), field(v.confirmation()))
                .as(FormInput::new);
    }

    private static <T> Arbitrary<Part<T>> part(String label, boolean genuine, Function<FormChallenge, T> make) {
        return Arbitraries.just(new Part<>(label, genuine, make));
    }

    private static Arbitrary<byte[]> flipped(byte[] genuine) {
        return Combinators.combine(Arbitraries.integers().between(0, genuine.length - 1),
                Arbitraries.integers().between(1, 255)).as((i, x) -> {
                    byte[] copy = genuine.clone();
                    copy[i] ^= x.byteValue();
                    return copy;
                });
    }

    @Provide
    Arbitrary<Part<byte[]>> deviceKeys() {
        byte[] spki = deviceKey.publicKeySpki();
        return weighted(
                8, part("genuine", true, fc -> spki),
                1, part("null", false, fc -> null),
                1, part("empty", false, fc -> new byte[0]),
                2, Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(b -> new Part<byte[]>(
                        "random " + b.length + " bytes", false, fc -> b)),
                2, flipped(spki).map(b -> new Part<byte[]>("one byte flipped", false, fc -> b)),
                1, part("trailing byte", false, fc -> Arrays.copyOf(spki, spki.length + 1)),
                1, part("truncated", false, fc -> Arrays.copyOf(spki, spki.length - 1)),
                1, part("1 MB", false, fc -> new byte[MB]),
                1, part("P-384", false, fc -> p384Spki),
                1, part("RSA", false, fc -> rsaSpki),
                2, part("another P-256 key", false, fc -> otherKey.publicKeySpki()));
    }

    @Provide
    Arbitrary<Part<byte[]>> proofs() {
        return weighted(
                8, part("genuine", true, fc -> proof(fc, deviceKey, deviceKey.publicKeySpki(), Harness.ORIGIN)),
                1, part("null", false, fc -> null),
                1, part("empty", false, fc -> new byte[0]),
                2, Arbitraries.bytes().array(byte[].class).ofMaxSize(100).map(b -> new Part<byte[]>(
                        "random " + b.length + " bytes", false, fc -> b)),
                2, Arbitraries.integers().between(0, 63).map(i -> new Part<byte[]>("genuine, byte " + i + " flipped",
                        false, fc -> {
                            byte[] p = proof(fc, deviceKey, deviceKey.publicKeySpki(), Harness.ORIGIN);
                            p[i] ^= 0x01;
                            return p;
                        })),
                1, part("64 zero bytes", false, fc -> new byte[64]),
                1, Arbitraries.bytes().array(byte[].class).ofMinSize(7).ofMaxSize(71).map(b -> new Part<byte[]>(
                        "DER-looking garbage", false, fc -> {
                            byte[] p = Arrays.copyOf(new byte[] {0x30, (byte) b.length}, b.length + 2);
                            System.arraycopy(b, 0, p, 2, b.length);
                            return p;
                        })),
                1, part("1 MB", false, fc -> new byte[MB]),
                1, part("signed for another origin", false,
                        fc -> proof(fc, deviceKey, deviceKey.publicKeySpki(), "https://evil.example.tw")),
                1, part("signed by another key", false,
                        fc -> proof(fc, otherKey, deviceKey.publicKeySpki(), Harness.ORIGIN)));
    }

    @Provide
    Arbitrary<Part<String>> challenges() {
        return weighted(
                8, part("genuine", true, FormChallenge::challenge),
                1, part("null", false, fc -> null),
                3, hostileStrings().map(s -> new Part<String>("hostile " + describe(s), false, fc -> s)),
                1, part("already used", false, fc -> consumedChallenge),
                1, part("never issued", false, fc -> Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(new byte[32])),
                1, part("too long", false, fc -> Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[100])),
                3, nastyChar().map(c -> new Part<String>("genuine + " + describe(c), false, fc -> fc.challenge() + c)),
                1, part("genuine cut short", false, fc -> fc.challenge().substring(1)),
                1, part("genuine, padded", false, fc -> fc.challenge() + "="),
                1, part("genuine, standard base64", false,
                        fc -> fc.challenge().replace('-', '+').replace('_', '/') + "x"));
    }

    @Provide
    Arbitrary<Part<String>> captchaIds() {
        return weighted(
                3, part("issued", true, fc -> fc.captcha().id()),
                3, hostileStrings().map(s -> new Part<String>("hostile " + describe(s), false, fc -> s)),
                3, nastyChar().map(c -> new Part<String>("issued + " + describe(c), false, fc -> fc.captcha().id() + c)),
                1, part("issued, upper case", false, fc -> fc.captcha().id().toUpperCase(Locale.ROOT)),
                1, part("issued, full width", false, fc -> fullWidth(fc.captcha().id())));
    }

    @Provide
    Arbitrary<Optional<ClientContext>> clients() {
        Arbitrary<ClientContext> some = Combinators.combine(Arbitraries.of(DeviceClass.class), hostileStrings(), hostileStrings())
                .as((d, ip, ua) -> new ClientContext(d, Optional.ofNullable(ip), Optional.ofNullable(ua)));
        return weighted(19, some.map(Optional::of), 1, Arbitraries.just(Optional.<ClientContext>empty()));
    }

    @Provide
    Arbitrary<ClientContext> verifyingPhones() {
        return Combinators.combine(Arbitraries.of(DeviceClass.SMARTPHONE, DeviceClass.TABLET_WITH_SIM), hostileStrings(),
                hostileStrings()).as((d, ip, ua) -> new ClientContext(d, Optional.ofNullable(ip), Optional.ofNullable(ua)));
    }

    @Provide
    Arbitrary<Attempt> desktopAttempts() {
        List<String> ids = fixtures.stream().map(Fixture::id).toList();
        List<String> secrets = fixtures.stream().map(Fixture::desktopSecret).toList();
        Arbitrary<String> idChoice = weighted(6, Arbitraries.of(ids), 2, forgeriesOf(ids), 2, hostileStrings());
        Arbitrary<String> secretChoice = weighted(5, forgeriesOf(secrets), 2, Arbitraries.of(secrets), 3, hostileStrings());
        return Combinators.combine(idChoice, secretChoice).as(Attempt::new)
                .filter(a -> fixtures.stream().noneMatch(f -> f.id().equals(a.enrollmentId())
                        && f.desktopSecret().equals(a.secret())));
    }

    private static String claimedToken() {
        return fixtures.stream().filter(f -> f.name().equals("claimed")).findFirst().orElseThrow().handoffTokens()
                .get(0);
    }

    @Provide
    Arbitrary<String> handoffTokens() {
        List<String> tokens = fixtures.stream().flatMap(f -> f.handoffTokens().stream()).toList();
        List<String> live = List.of(fixtures.stream().filter(f -> f.name().equals("awaiting")).findFirst()
                .orElseThrow().handoffTokens().get(0), fixtures.stream().filter(f -> f.name().equals("regenerated"))
                .findFirst().orElseThrow().handoffTokens().get(1));
        return weighted(6, forgeriesOf(tokens), 3, hostileStrings(),
                1, Arbitraries.of(tokens).filter(t -> !live.contains(t)));
    }

    @Provide
    Arbitrary<String> phoneSessions() {
        List<Fixture> withSession = fixtures.stream().filter(f -> f.phoneSession().isPresent()).toList();
        List<String> sessions = withSession.stream().map(f -> f.phoneSession().get()).toList();
        List<String> ids = fixtures.stream().map(Fixture::id).toList();
        List<String> secrets = sessions.stream().map(s -> s.substring(s.indexOf('.') + 1)).toList();
        Arbitrary<String> crossed = Combinators.combine(Arbitraries.of(ids), Arbitraries.of(secrets))
                .as((id, secret) -> id + "." + secret);
        return EntryPointFuzzProperties.<String>weighted(
                5, forgeriesOf(sessions),
                2, Combinators.combine(Arbitraries.of(ids), hostileStrings()).as((id, s) -> id + "." + s),
                2, Combinators.combine(hostileStrings(), Arbitraries.of(secrets)).as((s, secret) -> s + "." + secret),
                2, crossed,
                3, hostileStrings())
                .filter(t -> !sessions.contains(t));
    }

    @Provide
    Arbitrary<Fixture> sessionFixtures() {
        return Arbitraries.of(fixtures.stream().filter(f -> f.phoneSession().isPresent()).toList());
    }

    @Provide
    Arbitrary<List<Map.Entry<String, String>>> callbackEntries() {
        return callbackEntry().list().ofMaxSize(30);
    }

    /** Sometimes so many distinct parameters that the 20-parameter cap drops a state put last. */
    @Provide
    Arbitrary<List<Map.Entry<String, String>>> crowdedCallbackEntries() {
        Arbitrary<Map.Entry<String, String>> distinct = Combinators.combine(
                Arbitraries.strings().alpha().ofMinLength(12).ofMaxLength(20),
                Arbitraries.strings().withChars(NASTY + SPECIAL).ofMaxLength(40))
                .as((k, v) -> new AbstractMap.SimpleEntry<>(k, v));
        return weighted(4, callbackEntry().list().ofMaxSize(30), 1, distinct.list().ofMinSize(25).ofMaxSize(40));
    }

    private static Arbitrary<Map.Entry<String, String>> callbackEntry() {
        List<String> usedStates = fixtures.stream().filter(f -> f.callback().isPresent() && !f.name().equals("verifying"))
                .map(f -> f.callback().get().get("state")).toList();
        String liveState = fixtures.stream().filter(f -> f.name().equals("verifying")).findFirst().orElseThrow()
                .callback().get().get("state");
        Arbitrary<String> keys = weighted(
                5, Arbitraries.of("state", "code", "error", "error_description"),
                3, Arbitraries.of("State", "STATE", "state ", " state", "state\u0000", "ｓｔａｔｅ", "st\u200Bate",
                        "code ", "CODE", "ｃｏｄｅ", "code\u202E", "error ", "Error", "state[]", "state%00"),
                3, hostileStrings(),
                1, Arbitraries.strings().all().ofMinLength(65).ofMaxLength(200));
        Arbitrary<String> values = weighted(
                4, hostileStrings(),
                2, Arbitraries.of(OAUTH_WORDS),
                1, Arbitraries.strings().all().ofMinLength(2049).ofMaxLength(2100),
                2, forgeriesOf(liveState),
                1, Arbitraries.of(usedStates));
        return Combinators.combine(keys, values).as((k, v) -> new AbstractMap.SimpleEntry<>(k, v));
    }

    /** A genuine code makes the whole carrier journey run (about 0.4 s here), so it is the rarer choice. */
    @Provide
    Arbitrary<Code> codes() {
        return weighted(1, Arbitraries.just(Code.GENUINE), 2, Arbitraries.just(Code.HOSTILE), 1,
                Arbitraries.just(Code.ABSENT));
    }

    @Provide
    Arbitrary<Integer> subscriberIndex() {
        return Arbitraries.integers().between(0, 2);
    }

    @Provide
    Arbitrary<Integer> statePosition() {
        return weighted(1, Arbitraries.integers().between(0, 32), 1, Arbitraries.just(Integer.MAX_VALUE));
    }

    @Provide
    Arbitrary<Optional<String>> oauthError() {
        return weighted(
                6, Arbitraries.just(Optional.<String>empty()),
                2, Arbitraries.of("access_denied", "server_error", "temporarily_unavailable", "invalid_request",
                        "consent_required", "interaction_required").map(Optional::of),
                2, hostileStrings().filter(s -> s != null).map(Optional::of));
    }
}
