package tw.mobileauth.store.jdbc;

import static java.util.stream.Collectors.toMap;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import tw.mobileauth.MobileAuth;
import tw.mobileauth.Stores;
import tw.mobileauth.audit.InMemoryAuditSink;
import tw.mobileauth.carrier.CarrierSettings;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.enrollment.Consent;
import tw.mobileauth.enrollment.DesktopSecret;
import tw.mobileauth.enrollment.DeviceSession;
import tw.mobileauth.enrollment.EnrollmentApplication;
import tw.mobileauth.enrollment.EnrollmentException;
import tw.mobileauth.enrollment.EnrollmentStatus;
import tw.mobileauth.enrollment.EnrollmentUnavailableException;
import tw.mobileauth.enrollment.NextStep;
import tw.mobileauth.enrollment.PhoneSession;
import tw.mobileauth.enrollment.PortalUrls;
import tw.mobileauth.enrollment.VerificationCallback;
import tw.mobileauth.enrollment.VerificationOutcome;
import tw.mobileauth.enrollment.VerificationRedirect;
import tw.mobileauth.login.Authentication;
import tw.mobileauth.login.LockOutPolicy;
import tw.mobileauth.login.LoginAttempt;
import tw.mobileauth.login.LoginChallenge;
import tw.mobileauth.testing.SecretsSeen;
import tw.mobileauth.testing.TestCaptcha;

/**
 * One portal deployment on the fake carrier networks: the secrets and CA every node shares, and
 * {@link #node} to start a {@link MobileAuth} on some {@link Stores}. Enrolments and logins go as
 * the README's quick start does them (QuickStartTest in core).
 */
final class Portal implements AutoCloseable {

    static final String ORIGIN = "https://portal.example.tw";
    static final String PASSWORD = "Kiwi-Lantern-8462!";
    static final int THRESHOLD = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    final FakeCarrierNetworks networks = FakeCarrierNetworks.start();
    private final SecureRandom random = new SecureRandom();
    private final HmacKey hmacKey = HmacKey.generate(random);
    private final AeadKey aeadKey = AeadKey.generate(random);
    private final EnrollmentCa ca = EnrollmentCa.generateDevelopmentCa("store-jdbc test CA", Clock.systemUTC());
    final TestCaptcha captcha = new TestCaptcha();
    /** Built once: every node of a portal is the same client at the carriers (same client id and key). */
    private final CarrierSettings carriers = CarrierSettings.of(FakeCarrierNetworks.carrierIds().stream()
            .collect(toMap(Function.identity(), id -> networks.configFor(id).build())));

    /** A portal node: its own MobileAuth (and audit) on {@code stores}, on the system clock. */
    Node node(Stores stores) {
        return node(stores, Clock.systemUTC());
    }

    /** A portal node on {@code clock}. */
    Node node(Stores stores, Clock clock) {
        InMemoryAuditSink audit = new InMemoryAuditSink();
        MobileAuth auth = MobileAuth.builder()
                .carriers(carriers)
                .stores(stores)
                .secrets(hmacKey, aeadKey)
                .certificateAuthority(ca)
                .portal(new PortalUrls(ORIGIN, URI.create(ORIGIN + "/mobile/h"), URI.create(ORIGIN + "/mobile/callback")))
                .withoutIdentityRegistry("store tests need no NHI registry")
                .clock(clock)
                .auditSink(audit)
                .passwordHasher(Argon2idPasswordHasher.builder().maxConcurrentHashes(8)
                        .maxWait(Duration.ofSeconds(30)).build())
                .enrollmentOptions(o -> o.captcha(captcha))
                .loginOptions(o -> o.lockOutPolicy(LockOutPolicy.builder().threshold(THRESHOLD).build()))
                .build();
        return new Node(auth, audit);
    }

    Subscriber person() {
        return networks.subscribers().find("cht", Scenario.ELIGIBLE);
    }

    /** An enrolment up to the carrier redirect: the phone has claimed the QR code and consented. */
    record Halfway(Subscriber person, DeviceKey browserKey, String enrollmentId, String desktopSecret,
            String phoneSession, VerificationRedirect redirect) {
    }

    /** An application the desktop posted: its QR code is showing. */
    record Applied(Subscriber person, DeviceKey browserKey, String enrollmentId, String desktopSecret, URI handoffUrl) {
    }

    /** A finished enrolment. */
    record Enrolled(Subscriber person, DeviceKey browserKey, String credentialId) {
    }

    @Override
    public void close() {
        networks.close();
    }

    /** One MobileAuth instance, as one portal node runs it. */
    final class Node implements AutoCloseable {
        final MobileAuth auth;
        final InMemoryAuditSink audit;

        Node(MobileAuth auth, InMemoryAuditSink audit) {
            this.auth = auth;
            this.audit = audit;
        }

        /** Form, QR code, phone claim and consent: everything before the carrier. */
        Halfway enrolHalfway(Subscriber person) throws Exception {
            return openAndConsent(apply(person));
        }

        /** The desktop's form, up to the QR code. */
        Applied apply(Subscriber person) throws Exception {
            var enrollment = auth.enrollment();
            enrollment.checkNationalId(person.holderId());
            var form = enrollment.prepareApplication();
            DeviceKey browserKey = DeviceKey.generate(random);
            byte[] spki = browserKey.publicKeySpki();
            byte[] proof = browserKey.sign(SignedMessages.enrollment(Base64.getUrlDecoder().decode(form.challenge()),
                    spki, ORIGIN));
            Map<String, String> posted = new LinkedHashMap<>();
            posted.put("nationalId", person.holderId());
            posted.put("carrierId", person.carrierId());
            posted.put("mobileNumber", "0" + person.msisdn().e164().substring(4));
            posted.put("nhiCardNumber", "000012345678");
            posted.put("birthDate", (person.birthDate().getYear() - 1911)
                    + person.birthDate().toString().substring(4).replace('-', '/'));
            posted.put("name", person.name());
            posted.put("password", PASSWORD);
            posted.put("passwordConfirmation", PASSWORD);
            posted.put("challenge", form.challenge());
            posted.put("captchaId", form.captcha().id());
            posted.put("captchaAnswer", captcha.answerFor(form.captcha().id()).orElseThrow());
            posted.put("devicePublicKey", Base64.getUrlEncoder().encodeToString(spki));
            posted.put("proofOfPossession", Base64.getUrlEncoder().encodeToString(proof));
            var begun = enrollment.begin(EnrollmentApplication.fromJson(JSON.writeValueAsString(posted)),
                    ClientContext.of(DeviceClass.DESKTOP));
            var qr = assertInstanceOf(NextStep.ShowQrCode.class, begun.next());
            // For the leak scan (docs/leak-scan.md): these random secrets must appear in no log and no table.
            SecretsSeen.record("desktop-secret", begun.desktopSecret().revealForTransport());
            SecretsSeen.record("handoff-token", SecretsSeen.handoffToken(qr.handoffUrl()).orElse(null));
            return new Applied(person, browserKey, begun.enrollmentId(), begun.desktopSecret().revealForTransport(),
                    qr.handoffUrl());
        }

        /** The phone opens the QR code; true if it claimed it. */
        DeviceSession openOnPhone(Applied a) throws EnrollmentException, EnrollmentUnavailableException {
            return auth.enrollment().openOnDevice(a.handoffUrl(), ClientContext.of(DeviceClass.SMARTPHONE));
        }

        Halfway openAndConsent(Applied a) throws Exception {
            var enrollment = auth.enrollment();
            var phone = openOnPhone(a);
            String pairingCode = assertInstanceOf(EnrollmentStatus.InProgress.class,
                    enrollment.status(a.enrollmentId(), DesktopSecret.fromTransport(a.desktopSecret()))).pairingCode();
            var redirect = enrollment.startVerification(phone.session(),
                    Consent.accepted(phone.summary().termsVersion()), pairingCode);
            SecretsSeen.record("phone-session", phone.session().revealForTransport());
            return new Halfway(a.person(), a.browserKey(), a.enrollmentId(), a.desktopSecret(),
                    phone.session().revealForTransport(), redirect);
        }

        /** The phone at the carrier: the callback parameters the carrier sends back. */
        Map<String, String> carrierCallback(Halfway h) {
            return networks.phone(NetworkAttachments.defaultHandle(h.person().msisdn())).open(h.redirect().carrierUri());
        }

        VerificationOutcome complete(Halfway h, Map<String, String> callback) throws Exception {
            return auth.enrollment().completeVerification(PhoneSession.fromTransport(h.phoneSession()),
                    new VerificationCallback(callback));
        }

        Enrolled finish(Halfway h) throws Exception {
            var issued = assertInstanceOf(VerificationOutcome.Issued.class, complete(h, carrierCallback(h)));
            return new Enrolled(h.person(), h.browserKey(), issued.credentialId());
        }

        Enrolled enrol(Subscriber person) throws Exception {
            return finish(enrolHalfway(person));
        }

        LoginChallenge beginLogin() throws Exception {
            return auth.login().beginLogin(ClientContext.of(DeviceClass.DESKTOP));
        }

        LoginAttempt attempt(Enrolled e, LoginChallenge challenge, String password) throws Exception {
            byte[] signature = e.browserKey().sign(SignedMessages.login(challenge.nonce(), e.credentialId(), ORIGIN));
            Map<String, String> a = new LinkedHashMap<>();
            a.put("nationalId", e.person().holderId());
            a.put("birthDate", e.person().birthDate().toString());
            a.put("name", e.person().name());
            a.put("password", password);
            a.put("credentialId", e.credentialId());
            a.put("challengeId", challenge.id());
            a.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
            return LoginAttempt.fromJson(JSON.writeValueAsString(a));
        }

        Authentication login(Enrolled e, String password) throws Exception {
            return finishLogin(attempt(e, beginLogin(), password));
        }

        Authentication finishLogin(LoginAttempt attempt) throws Exception {
            return auth.login().finishLogin(attempt, ClientContext.of(DeviceClass.DESKTOP));
        }

        @Override
        public void close() {
            auth.close();
        }
    }
}
