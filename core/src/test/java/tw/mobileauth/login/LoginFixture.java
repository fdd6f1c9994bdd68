package tw.mobileauth.login;

import tw.mobileauth.testsupport.KnownAnswerCaptcha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tw.mobileauth.audit.AuditEvent;
import tw.mobileauth.audit.InMemoryAuditSink;
import tw.mobileauth.carrier.CarrierAdapters;
import tw.mobileauth.carrier.Carriers;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.testkit.MutableClock;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.credential.CertificateIssuer;
import tw.mobileauth.credential.CredentialCertificate;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.credential.TrustedCas;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.enrollment.BindingPolicy;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.enrollment.Consent;
import tw.mobileauth.enrollment.CredentialVerifiers;
import tw.mobileauth.enrollment.DeviceSession;
import tw.mobileauth.enrollment.EnrollmentApplication;
import tw.mobileauth.enrollment.EnrollmentService;
import tw.mobileauth.enrollment.FormChallenge;
import tw.mobileauth.enrollment.NextStep;
import tw.mobileauth.enrollment.PortalUrls;
import tw.mobileauth.enrollment.VerificationCallback;
import tw.mobileauth.enrollment.VerificationOutcome;
import tw.mobileauth.enrollment.VerificationRedirect;
import tw.mobileauth.identity.ApplicationForm;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.CredentialStatus;
import tw.mobileauth.store.CredentialStore;
import tw.mobileauth.store.EnrollmentStore;
import tw.mobileauth.store.InMemoryCounterStore;
import tw.mobileauth.store.InMemoryCredentialStore;
import tw.mobileauth.store.InMemoryEnrollmentStore;
import tw.mobileauth.store.InMemoryOneTimeTokenStore;

/**
 * A portal's login side on in-memory stores, a {@link MutableClock}, a development CA, and an
 * Argon2id hasher with tiny parameters behind a {@link CountingHasher}.
 *
 * <p>{@link #direct()} creates credentials straight through the certificate issuer and the
 * credential store, exactly as enrolment's issuance step writes them (fast: for step, lock-out and
 * property tests). {@link #withCarriers()} also starts the fake carrier networks and a real
 * {@link EnrollmentService} sharing the stores, HMAC key, hasher and clock, so credentials come
 * from a real enrolment ({@link #enrolThroughCarrier}).
 */
final class LoginFixture implements AutoCloseable {

    static final String ORIGIN = "https://portal.example.tw";
    static final String CARRIER_PASSWORD = "Kiwi-Lantern-8462!";
    static final String NHI = "000012345678";
    static final ClientContext DESKTOP = new ClientContext(DeviceClass.DESKTOP, Optional.of("203.0.113.7"),
            Optional.of("Mozilla/5.0 (test)"));

    final MutableClock clock = MutableClock.at(Instant.parse("2025-03-14T02:00:00Z"));
    final SecureRandom random = new SecureRandom();
    final InMemoryOneTimeTokenStore tokens = new InMemoryOneTimeTokenStore(clock);
    final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    final InMemoryCounterStore counters = new InMemoryCounterStore(clock);
    final InMemoryEnrollmentStore enrollments = new InMemoryEnrollmentStore(clock);
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final HmacKey hmac = HmacKey.generate(random);
    final EnrollmentCa ca;
    final CertificateIssuer issuer;
    final CountingHasher hasher;
    final LoginService service;
    final Optional<Carrier> carrier;

    /** The carrier side: networks, adapters, the enrolment service. */
    static final class Carrier {
        final FakeCarrierNetworks networks;
        final CarrierAdapters adapters;
        final EnrollmentService enrollment;
        final KnownAnswerCaptcha captcha;

        Carrier(FakeCarrierNetworks networks, CarrierAdapters adapters, EnrollmentService enrollment,
                KnownAnswerCaptcha captcha) {
            this.networks = networks;
            this.adapters = adapters;
            this.enrollment = enrollment;
            this.captcha = captcha;
        }
    }

    private LoginFixture(boolean withCarriers, UnaryOperator<LoginService.Builder> options,
            BindingPolicy binding, SharedCa shared) {
        this.ca = shared.ca;
        this.issuer = CertificateIssuer.builder(ca).clock(clock).lifetime(Duration.ofDays(365)).build();
        this.hasher = new CountingHasher(fastArgon2id(1));
        this.service = serviceOn(enrollments, credentials, options);
        this.carrier = withCarriers ? Optional.of(startCarrier(binding)) : Optional.empty();
    }

    /** Credentials made directly; default options. */
    static LoginFixture direct() {
        return direct(b -> b);
    }

    /** Credentials made directly; {@code options} applied to the login builder. */
    static LoginFixture direct(UnaryOperator<LoginService.Builder> options) {
        return new LoginFixture(false, options, BindingPolicy.replaceAll(), SharedCa.INSTANCE);
    }

    /** Real enrolments through the fake carrier networks (REPLACE_ALL binding). */
    static LoginFixture withCarriers() {
        return withCarriers(b -> b, BindingPolicy.replaceAll());
    }

    static LoginFixture withCarriers(UnaryOperator<LoginService.Builder> options, BindingPolicy binding) {
        return new LoginFixture(true, options, binding, SharedCa.INSTANCE);
    }

    private static final Argon2idPasswordHasher[] FAST = {
        Argon2idPasswordHasher.builder().memoryKiB(64).iterations(1).build(),
        Argon2idPasswordHasher.builder().memoryKiB(64).iterations(2).build(),
    };

    /** Argon2id with tiny memory (64 KiB), so tests are fast; {@code t} = 1 or 2 iterations. Shared, thread-safe. */
    static Argon2idPasswordHasher fastArgon2id(int iterations) {
        return FAST[iterations - 1];
    }

    /** Another login service on the same stores, keys, CA, hasher and clock. */
    LoginService anotherService(UnaryOperator<LoginService.Builder> options) {
        return serviceOn(credentials, options);
    }

    /** Another login service on the same keys, CA, hasher, clock and stores, except {@code credentialStore}. */
    LoginService serviceOn(CredentialStore credentialStore, UnaryOperator<LoginService.Builder> options) {
        return serviceOn(enrollments, credentialStore, options);
    }

    /** Another login service on the same keys, CA, hasher, clock, token and counter stores. */
    LoginService serviceOn(EnrollmentStore enrollmentStore, CredentialStore credentialStore,
            UnaryOperator<LoginService.Builder> options) {
        return options.apply(LoginService.builder()
                .stores(enrollmentStore, tokens, credentialStore, counters)
                .secrets(hmac)
                .trustedCas(TrustedCas.of(ca.certificate()))
                .origin(ORIGIN)
                .clock(clock)
                .passwordHasher(hasher)
                .auditSink(audit))
                .build();
    }

    // ---------------------------------------------------------------- credentials

    /** A credential: its id, its device key and the person it belongs to. */
    record Enrolled(String credentialId, DeviceKey deviceKey, TestPeople.Person person) {
    }

    /** Issues a credential for {@code person} on a fresh device key, as enrolment's issuance step does. */
    Enrolled enrol(TestPeople.Person person) {
        return enrol(person, DeviceKey.generate(random));
    }

    /** Issues a credential for {@code person} bound to {@code key}. */
    Enrolled enrol(TestPeople.Person person, DeviceKey key) {
        CredentialCertificate certificate = issuer.issue(key.publicKey());
        String id = certificate.credentialId().value();
        String phc;
        try {
            phc = hasher.hash(person.password().toCharArray());
        } catch (CryptoException.HasherBusy e) {
            throw new AssertionError(e);
        }
        CredentialRecord record = new CredentialRecord(id, 0,
                CredentialVerifiers.subjectKey(hmac, person.parsedId()),
                CredentialVerifiers.birthDate(hmac, id, person.parsedBirthDate()),
                CredentialVerifiers.name(hmac, id, person.parsedName()), phc,
                Base64.getEncoder().encodeToString(key.publicKeySpki()),
                Base64.getEncoder().encodeToString(certificate.der()), CredentialStatus.ACTIVE, clock.instant(),
                certificate.notAfter(), Optional.empty(), Optional.empty(), Optional.empty());
        if (!credentials.insert(record)) {
            throw new AssertionError("credential id collided");
        }
        return new Enrolled(id, key, person);
    }

    CredentialRecord record(Enrolled e) {
        return credentials.find(e.credentialId()).orElseThrow();
    }

    // ---------------------------------------------------------------- logging in

    /** The attempt a browser holding {@code e}'s key sends, typing {@code typed}'s four fields. */
    LoginAttempt.Builder attempt(Enrolled e, LoginChallenge challenge, TestPeople.Person typed) {
        return attempt(e.credentialId(), e.deviceKey(), challenge, typed);
    }

    LoginAttempt.Builder attempt(String credentialId, DeviceKey key, LoginChallenge challenge,
            TestPeople.Person typed) {
        byte[] signature = key.sign(SignedMessages.login(challenge.nonce(), credentialId, ORIGIN));
        return LoginAttempt.builder()
                .nationalId(typed.nationalId())
                .birthDate(typed.birthDate())
                .name(typed.name())
                .password(typed.password().toCharArray())
                .credentialId(credentialId)
                .challengeId(challenge.id())
                .signatureBase64Url(Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
    }

    LoginChallenge begin() {
        try {
            return service.beginLogin(DESKTOP);
        } catch (LoginUnavailableException | tw.mobileauth.InvalidInputException e) {
            throw new AssertionError(e);
        }
    }

    /** Begins and finishes a login with {@code e}'s key, typing {@code typed}. */
    Authentication login(Enrolled e, TestPeople.Person typed) throws LoginFailedException, LoginUnavailableException {
        return service.finishLogin(attempt(e, begin(), typed).build(), DESKTOP);
    }

    /** Begins and finishes a login with {@code e}'s key and the right fields. */
    Authentication login(Enrolled e) throws LoginFailedException, LoginUnavailableException {
        return login(e, e.person());
    }

    /** The cause of the last {@code login.failed} event. */
    FailureCause lastFailure() {
        List<LoginEvent.Failed> failed = audit.ofType(LoginEvent.Failed.class);
        return failed.get(failed.size() - 1).cause();
    }

    /** The cause of the last {@code login.failed} event, or {@code none}. */
    String lastFailureOrNone() {
        List<LoginEvent.Failed> failed = audit.ofType(LoginEvent.Failed.class);
        return failed.isEmpty() ? "none" : failed.get(failed.size() - 1).cause().name();
    }

    List<AuditEvent> events() {
        return audit.events();
    }

    // ---------------------------------------------------------------- real enrolment

    private Carrier startCarrier(BindingPolicy binding) {
        FakeCarrierNetworks networks = FakeCarrierNetworks.builder().clock(clock).start();
        Map<String, CarrierConfig> configs = new LinkedHashMap<>();
        for (String id : FakeCarrierNetworks.carrierIds()) {
            configs.put(id, networks.configFor(id).build());
        }
        Carriers registry = Carriers.discover(LoginFixture.class.getClassLoader());
        CarrierAdapters adapters = registry.connect(configs);
        KnownAnswerCaptcha captcha = new KnownAnswerCaptcha();
        EnrollmentService enrollment = EnrollmentService.builder()
                .carriers(registry, adapters)
                .stores(enrollments, tokens, credentials)
                .certificateIssuer(issuer)
                .secrets(hmac, AeadKey.generate(random))
                .portalUrls(new PortalUrls(ORIGIN, URI.create(ORIGIN + "/mobile/h"),
                        URI.create(ORIGIN + "/mobile/callback")))
                .withoutIdentityRegistry("login tests enrol through the carriers only")
                .clock(clock)
                .captcha(captcha)
                .bindingPolicy(binding)
                .auditSink(audit)
                .passwordHasher(hasher)
                .build();
        return new Carrier(networks, adapters, enrollment, captcha);
    }

    /**
     * The whole enrolment journey of {@code s} from a desktop: form, QR code, the subscriber's
     * phone scanning it, consent, network verification over the phone's mobile data, issuance.
     */
    Enrolled enrolThroughCarrier(Subscriber s) throws Exception {
        return verifiedByTheCarrier(s).complete();
    }

    /**
     * An enrolment of {@code s} up to the carrier's answer: form, QR code, the phone scanning it,
     * consent, network verification; the callback has not reached the portal yet.
     */
    AwaitingCallback verifiedByTheCarrier(Subscriber s) throws Exception {
        Carrier c = carrier.orElseThrow();
        DeviceKey key = DeviceKey.generate(random);
        var begun = apply(s, key);
        NextStep.ShowQrCode qr = assertInstanceOf(NextStep.ShowQrCode.class, begun.next());
        String q = qr.handoffUrl().getQuery();
        DeviceSession session = c.enrollment.openOnDevice(q.substring(q.indexOf("t=") + 2),
                ClientContext.of(DeviceClass.SMARTPHONE));
        String pairingCode = assertInstanceOf(tw.mobileauth.enrollment.EnrollmentStatus.InProgress.class,
                c.enrollment.status(begun.enrollmentId(), begun.desktopSecret())).pairingCode();
        VerificationRedirect redirect = c.enrollment.startVerification(session.session(),
                Consent.accepted(session.summary().termsVersion()), pairingCode);
        Map<String, String> callback = c.networks.phone(NetworkAttachments.defaultHandle(s.msisdn()))
                .open(redirect.carrierUri());
        TestPeople.Person person = new TestPeople.Person(s.holderId(), s.birthDate().toString(), s.name(),
                CARRIER_PASSWORD);
        return new AwaitingCallback(c.enrollment, begun.enrollmentId(), session.session(), callback, key, person);
    }

    /** An enrolment the carrier verified, whose callback the portal has not handled yet. */
    record AwaitingCallback(EnrollmentService enrollment, String enrollmentId,
            tw.mobileauth.enrollment.PhoneSession phone, Map<String, String> callback, DeviceKey key,
            TestPeople.Person person) {

        /** The portal handles the callback: issuance and binding; the enrolment must complete. */
        Enrolled complete() throws Exception {
            VerificationOutcome outcome = enrollment.completeVerification(phone, new VerificationCallback(callback));
            VerificationOutcome.Issued done = assertInstanceOf(VerificationOutcome.Issued.class, outcome,
                    () -> "enrolment of the fixture subscriber must complete: " + outcome);
            assertEquals(enrollmentId, done.enrollmentId());
            return new Enrolled(done.credentialId(), key, person);
        }
    }

    /** Step 2 of enrolment only, from a desktop: the enrolment is stored, pending, waiting for the QR scan. */
    tw.mobileauth.enrollment.Begun apply(Subscriber s, DeviceKey key) throws Exception {
        Carrier c = carrier.orElseThrow();
        FormChallenge fc = c.enrollment.prepareApplication();
        byte[] challenge = Base64.getUrlDecoder().decode(fc.challenge());
        byte[] proof = key.sign(SignedMessages.enrollment(challenge, key.publicKeySpki(), ORIGIN));
        ApplicationForm form = ApplicationForm.builder()
                .nationalId(s.holderId())
                .carrierId(s.carrierId())
                .mobileNumber("0" + s.msisdn().e164().substring(4))
                .nhiCardNumber(NHI)
                .birthDate(s.birthDate().toString())
                .name(s.name())
                .password(CARRIER_PASSWORD.toCharArray())
                .passwordConfirmation(CARRIER_PASSWORD.toCharArray())
                .build();
        EnrollmentApplication app = EnrollmentApplication.builder()
                .form(form)
                .challenge(fc.challenge())
                .captcha(fc.captcha().id(), c.captcha.answerFor(fc.captcha().id()))
                .devicePublicKey(key.publicKeySpki())
                .proofOfPossession(proof)
                .build();
        return c.enrollment.begin(app, ClientContext.of(DeviceClass.DESKTOP));
    }

    @Override
    public void close() {
        carrier.ifPresent(c -> {
            c.adapters.close();
            c.networks.close();
        });
    }

    /** One development CA for every fixture of the run (generating one costs a key pair and a log line). */
    private static final class SharedCa {
        static final SharedCa INSTANCE = new SharedCa();
        final EnrollmentCa ca = EnrollmentCa.generateDevelopmentCa("MobileAuth TW login test CA",
                java.time.Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), java.time.ZoneOffset.UTC));
    }
}
