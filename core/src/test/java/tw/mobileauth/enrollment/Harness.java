package tw.mobileauth.enrollment;

import tw.mobileauth.client.ClientContext;
import tw.mobileauth.testsupport.KnownAnswerCaptcha;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import tw.mobileauth.audit.InMemoryAuditSink;
import tw.mobileauth.carrier.CarrierAdapters;
import tw.mobileauth.carrier.Carriers;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.testkit.MutableClock;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.SimulatedPhone;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.credential.CertificateIssuer;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.identity.ApplicationForm;
import tw.mobileauth.i18n.LocalizedText;
import tw.mobileauth.store.EnrollmentStore;
import tw.mobileauth.store.InMemoryCredentialStore;
import tw.mobileauth.store.InMemoryEnrollmentStore;
import tw.mobileauth.store.InMemoryOneTimeTokenStore;

/**
 * One portal wired to the real fake carrier networks (HTTP on loopback) and the real adapters,
 * with a {@link MutableClock} shared by both, in-memory stores, a development CA and fast
 * Argon2id parameters (m=1024 KiB). Tests drive the desktop and the phone through it.
 */
final class Harness implements AutoCloseable {

    static final String ORIGIN = "https://portal.example.tw";
    static final String PASSWORD = "Kiwi-Lantern-8462!";
    static final String NHI = "000012345678";

    final MutableClock clock = MutableClock.at(Instant.parse("2025-03-14T02:00:00Z"));
    final FakeCarrierNetworks networks = FakeCarrierNetworks.builder().clock(clock).start();
    final CarrierAdapters adapters;
    final InMemoryEnrollmentStore enrollments = new InMemoryEnrollmentStore(clock);
    final InMemoryOneTimeTokenStore tokens = new InMemoryOneTimeTokenStore(clock);
    final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    final tw.mobileauth.store.InMemoryCounterStore counters = new tw.mobileauth.store.InMemoryCounterStore(clock);
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final EnrollmentCa ca = EnrollmentCa.generateDevelopmentCa("MobileAuth TW test CA", clock);
    final KnownAnswerCaptcha captcha = new KnownAnswerCaptcha();
    final SecureRandom random = new SecureRandom();
    private final HmacKey hmacKey = HmacKey.generate(random);
    private final AeadKey pendingDataKey = AeadKey.generate(random);
    private final Carriers registry;
    private final EnrollmentStore enrollmentStore;
    final EnrollmentService service;
    /** Every application made through this harness, by enrolment id: the desktop's side. */
    private final Map<String, Begun> desktops = new ConcurrentHashMap<>();
    /** Every phone session handed out through this harness, by enrolment id: the phones' cookies. */
    private final Map<String, PhoneSession> phones = new ConcurrentHashMap<>();

    Harness() {
        this(b -> b);
    }

    Harness(UnaryOperator<EnrollmentService.Builder> options) {
        this(UnaryOperator.identity(), options);
    }

    /**
     * As {@link #Harness(UnaryOperator)}, but the service uses {@code wrapStore.apply(enrollments)}
     * as its enrolment store, e.g. a decorator that watches every state transition.
     */
    Harness(UnaryOperator<EnrollmentStore> wrapStore, UnaryOperator<EnrollmentService.Builder> options) {
        this(wrapStore, options, UnaryOperator.identity());
    }

    /**
     * As {@link #Harness(UnaryOperator, UnaryOperator)}, and the service talks to the carriers
     * through {@code wrapAdapters.apply(…)} of the real adapters, e.g. a third-party adapter that
     * declares fewer capabilities.
     */
    Harness(UnaryOperator<EnrollmentStore> wrapStore, UnaryOperator<EnrollmentService.Builder> options,
            UnaryOperator<CarrierAdapters> wrapAdapters) {
        Map<String, CarrierConfig> configs = new LinkedHashMap<>();
        for (String id : FakeCarrierNetworks.carrierIds()) {
            configs.put(id, networks.configFor(id).build());
        }
        registry = Carriers.discover(Harness.class.getClassLoader());
        adapters = wrapAdapters.apply(registry.connect(configs));
        enrollmentStore = wrapStore.apply(enrollments);
        try {
            service = options.apply(builder(adapters)).build();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A builder wired like this harness's service: same stores, secrets, clock, captcha and audit sink. */
    private EnrollmentService.Builder builder(CarrierAdapters with) {
        return builderWithoutCaptcha(with).captcha(captcha);
    }

    /** As this harness's service, but leaving the captcha to the builder's default. */
    EnrollmentService.Builder builderWithoutCaptcha(CarrierAdapters with) {
        return EnrollmentService.builder()
                .carriers(registry, with)
                .stores(enrollmentStore, tokens, credentials)
                .certificateIssuer(CertificateIssuer.builder(ca).clock(clock).build())
                .secrets(hmacKey, pendingDataKey)
                .portalUrls(new PortalUrls(ORIGIN, URI.create(ORIGIN + "/mobile/h"),
                        URI.create(ORIGIN + "/mobile/callback")))
                .withoutIdentityRegistry("the harness tests the carrier journey; registry tests configure one")
                .counters(counters)
                .clock(clock)
                .auditSink(audit)
                .passwordHasher(Argon2idPasswordHasher.builder().memoryKiB(1024).iterations(1).build());
    }

    /**
     * Another portal node (or this portal after a redeployment) on the same stores, secrets and
     * clock, with only the carriers {@code carrierIds} and {@code options} applied.
     */
    EnrollmentService sibling(java.util.Set<String> carrierIds, UnaryOperator<EnrollmentService.Builder> options) {
        Map<String, tw.mobileauth.carrier.spi.CarrierAdapter> kept = new LinkedHashMap<>();
        for (String id : carrierIds) {
            kept.put(id, adapters.get(id).orElseThrow());
        }
        return options.apply(builder(CarrierAdapters.of(kept))).build();
    }

    /** The HMAC key of this harness's service, to compute subject keys in assertions. */
    tw.mobileauth.crypto.HmacKey hmacKey() {
        return hmacKey;
    }

    /** The carrier registry this harness's service was built with. */
    Carriers registryForTests() {
        return registry;
    }

    /** The phone that holds the subscriber's SIM, as the fake network attached it by default. */
    SimulatedPhone phoneOf(Subscriber s) {
        return networks.phone(NetworkAttachments.defaultHandle(s.msisdn()));
    }

    /** A form filled in exactly as the subscriber's carrier has it. */
    static ApplicationForm.Builder formOf(Subscriber s) {
        return ApplicationForm.builder()
                .nationalId(s.holderId())
                .carrierId(s.carrierId())
                .mobileNumber("0" + s.msisdn().e164().substring(4))
                .nhiCardNumber(NHI)
                .birthDate(s.birthDate().toString())
                .name(s.name())
                .password(PASSWORD.toCharArray())
                .passwordConfirmation(PASSWORD.toCharArray());
    }

    /** Applies with a fresh device key, a correct captcha and a valid proof of possession. */
    Applied apply(ApplicationForm form, DeviceClass device) throws Exception {
        return apply(form, ClientContext.of(device));
    }

    /** As {@link #apply(ApplicationForm, DeviceClass)}, from a browser described by {@code client}. */
    Applied apply(ApplicationForm form, ClientContext client) throws Exception {
        DeviceKey key = DeviceKey.generate(random);
        FormChallenge fc = service.prepareApplication();
        byte[] challenge = java.util.Base64.getUrlDecoder().decode(fc.challenge());
        byte[] proof = key.sign(SignedMessages.enrollment(challenge, key.publicKeySpki(), ORIGIN));
        EnrollmentApplication app = EnrollmentApplication.builder()
                .form(form)
                .challenge(fc.challenge())
                .captcha(fc.captcha().id(), captcha.answerFor(fc.captcha().id()))
                .devicePublicKey(key.publicKeySpki())
                .proofOfPossession(proof)
                .build();
        Begun begun = service.begin(app, client);
        desktops.put(begun.enrollmentId(), begun);
        if (begun.next() instanceof NextStep.ContinueHere here) {
            phones.put(begun.enrollmentId(), here.device().session());
        }
        return new Applied(begun, key);
    }

    Applied apply(Subscriber s, DeviceClass device) throws Exception {
        return apply(formOf(s).build(), device);
    }

    /** The QR route up to the phone's session: scan, open. */
    DeviceSession scan(Applied applied) throws Exception {
        NextStep.ShowQrCode qr = assertInstanceOf(NextStep.ShowQrCode.class, applied.begun().next());
        DeviceSession session = service.openOnDevice(token(qr), ClientContext.of(DeviceClass.SMARTPHONE));
        phones.put(session.session().enrollmentId(), session.session());
        return session;
    }

    /**
     * The cookie the carrier's redirect brings back: the phone session of the enrolment that
     * started the verification with this callback's {@code state}, as that phone's browser holds
     * it. A forged or unknown state gets an empty session. Looks the state up in this harness's own
     * token store: a test that gives the service other stores passes the session itself.
     */
    PhoneSession phoneSessionFor(VerificationCallback callback) {
        if (callback == null) {
            return PhoneSession.fromTransport(null);
        }
        String state = callback.parameters().getOrDefault("state", "");
        return tokens.find(hmacKey.verifier("carrier-state", state))
                .map(t -> phones.get(t.subject()))
                .orElse(PhoneSession.fromTransport(null));
    }

    PhoneSession phoneSessionFor(Map<String, String> callback) {
        return phoneSessionFor(new VerificationCallback(callback));
    }

    /** The callback arrives in the browser of the phone that started its verification. */
    VerificationOutcome complete(Map<String, String> callback) throws Exception {
        return complete(new VerificationCallback(callback));
    }

    /** The callback arrives in the browser of the phone that started its verification. */
    VerificationOutcome complete(VerificationCallback callback) throws Exception {
        return service.completeVerification(phoneSessionFor(callback), callback);
    }

    static String token(NextStep.ShowQrCode qr) {
        String q = qr.handoffUrl().getQuery();
        return q.substring(q.indexOf("t=") + 2);
    }

    /**
     * The phone consents to the terms it was shown and starts the carrier's verification, with
     * the pairing code the person read off the applying device's status.
     */
    VerificationRedirect startVerification(DeviceSession session) throws Exception {
        phones.put(session.session().enrollmentId(), session.session());
        return service.startVerification(session.session(), Consent.accepted(session.summary().termsVersion()),
                desktopPairingCode(session.session().enrollmentId()));
    }

    /** The pairing code the applying device of {@code enrollmentId} shows now. */
    String desktopPairingCode(String enrollmentId) throws EnrollmentException, EnrollmentUnavailableException {
        Begun begun = desktops.get(enrollmentId);
        if (begun == null) {
            throw new AssertionError("not applied through this harness: " + enrollmentId);
        }
        return assertInstanceOf(EnrollmentStatus.InProgress.class, service.status(enrollmentId,
                begun.desktopSecret())).pairingCode();
    }

    /** The phone consents, opens the carrier URL over its connection and comes back. */
    VerificationOutcome verifyOn(SimulatedPhone phone, DeviceSession session) throws Exception {
        VerificationRedirect redirect = startVerification(session);
        Map<String, String> callback = phone.open(redirect.carrierUri());
        return service.completeVerification(session.session(), new VerificationCallback(callback));
    }

    /** The phone of {@code s} consents, (re)starts the verification and opens the carrier URL; the callback it gets. */
    Map<String, String> startAndOpen(DeviceSession session, Subscriber s) throws Exception {
        return phoneOf(s).open(startVerification(session).carrierUri());
    }

    /** The authorization-code exchanges {@code carrierId} received, in order. */
    java.util.List<tw.mobileauth.carrier.testkit.LoggedRequest> codeExchanges(String carrierId) {
        return networks.requests().of(carrierId, tw.mobileauth.carrier.testkit.Endpoint.TOKEN).stream()
                .filter(r -> r.body().contains("grant_type=authorization_code")).toList();
    }

    /** The whole journey for {@code s} on {@code device}, with the subscriber's phone verifying. */
    Journey journey(Subscriber s, DeviceClass device) throws Exception {
        Applied applied = apply(s, device);
        DeviceSession session = applied.begun().next() instanceof NextStep.ContinueHere here ? here.device()
                : scan(applied);
        VerificationOutcome outcome = verifyOn(phoneOf(s), session);
        return new Journey(applied, outcome);
    }

    EnrollmentStatus status(Applied applied) throws EnrollmentException, EnrollmentUnavailableException {
        return service.status(applied.begun().enrollmentId(), applied.begun().desktopSecret());
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    @Override
    public void close() {
        adapters.close();
        networks.close();
    }

    record Applied(Begun begun, DeviceKey deviceKey) {
    }

    record Journey(Applied applied, VerificationOutcome outcome) {
        String enrollmentId() {
            return applied.begun().enrollmentId();
        }
    }

    static void assertReasons(VerificationOutcome outcome, String... codes) {
        VerificationOutcome.Refused rejected = assertInstanceOf(VerificationOutcome.Refused.class, outcome);
        assertEquals(java.util.List.of(codes), rejected.reasons().stream().map(RejectionReason::code).toList());
        for (RejectionReason r : rejected.reasons()) {
            assertLocalised(r.message());
            assertLocalised(r.remedy());
        }
    }

    static void assertLocalised(LocalizedText t) {
        org.junit.jupiter.api.Assertions.assertTrue(t.zhTw().codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF),
                "zh-TW text is Chinese: " + t.zhTw());
        org.junit.jupiter.api.Assertions.assertTrue(t.en().chars().anyMatch(Character::isLetter), "English text: " + t.en());
    }
}
