package tw.mobileauth.benchmarks.perf;

import static java.util.stream.Collectors.toMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tw.mobileauth.MobileAuth;
import tw.mobileauth.Stores;
import tw.mobileauth.carrier.CarrierSettings;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.carrier.testkit.registry.FakeRegistry;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.enrollment.Consent;
import tw.mobileauth.enrollment.EnrollmentApplication;
import tw.mobileauth.enrollment.EnrollmentService;
import tw.mobileauth.enrollment.EnrollmentStatus;
import tw.mobileauth.enrollment.NextStep;
import tw.mobileauth.enrollment.PhoneSession;
import tw.mobileauth.enrollment.PortalUrls;
import tw.mobileauth.enrollment.VerificationCallback;
import tw.mobileauth.registry.spi.IdentityRegistries;
import tw.mobileauth.registry.spi.IdentityRegistry;
import tw.mobileauth.testing.TestCaptcha;

/**
 * The whole SDK wired to the fake carrier networks and the fake NHI registry on loopback, with
 * in-memory stores and a trivial hasher, and the steps of an enrolment as separate calls so a
 * benchmark can time one of them. Not thread-safe for setup; {@link #close()} stops everything.
 */
final class EnrolmentRig implements AutoCloseable {

    static final String ORIGIN = "https://portal.example.tw";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Kiwi-Lantern-8462!";

    /** An enrolment whose phone came back from the carrier: what {@code completeVerification} takes. */
    record Returned(PhoneSession session, VerificationCallback callback) {
    }

    final FakeCarrierNetworks networks;
    final FakeRegistry nhi;
    final IdentityRegistry registry;
    final TestCaptcha captcha = new TestCaptcha();
    final MobileAuth auth;
    final EnrollmentService enrollment;
    private final List<Subscriber> people;
    private final SecureRandom random = new SecureRandom();
    private int next;

    EnrolmentRig(Stores stores) {
        networks = FakeCarrierNetworks.start();
        nhi = FakeRegistry.start();
        people = networks.subscribers().findAll("cht", Scenario.ELIGIBLE);
        for (int i = 0; i < people.size(); i++) {
            nhi.cards().add(people.get(i).holderId(), cardFor(i), Set.of(), Set.of());
        }
        registry = IdentityRegistries.discover(EnrolmentRig.class.getClassLoader())
                .connect("nhi", nhi.configFor().build());
        CarrierSettings carriers = CarrierSettings.of(FakeCarrierNetworks.carrierIds().stream()
                .collect(toMap(Function.identity(), id -> networks.configFor(id).build())));
        auth = MobileAuth.builder().carriers(carriers).stores(stores)
                .secrets(HmacKey.generate(random), AeadKey.generate(random))
                .certificateAuthority(EnrollmentCa.generateDevelopmentCa("Benchmark CA", Clock.systemUTC()))
                .portal(new PortalUrls(ORIGIN, URI.create(ORIGIN + "/mobile/h"), URI.create(ORIGIN + "/mobile/cb")))
                .identityRegistry(registry).passwordHasher(new TrivialHasher())
                .enrollmentOptions(options -> options.captcha(captcha)).build();
        enrollment = auth.enrollment();
    }

    EnrolmentRig() {
        this(Stores.inMemory(Clock.systemUTC()));
    }

    private static String cardFor(int i) {
        return String.format("%012d", 100_000_000L + i);
    }

    /** The next subscriber, in turn. */
    int nextPerson() {
        return Math.floorMod(next++, people.size());
    }

    /** A filled-in, signed application form for subscriber {@code i}. */
    EnrollmentApplication application(int i) throws Exception {
        Subscriber person = people.get(i);
        var form = enrollment.prepareApplication();
        DeviceKey browserKey = DeviceKey.generate(random);
        byte[] spki = browserKey.publicKeySpki();
        byte[] proof = browserKey.sign(SignedMessages.enrollment(
                Base64.getUrlDecoder().decode(form.challenge()), spki, ORIGIN));
        Map<String, String> posted = new LinkedHashMap<>();
        posted.put("nationalId", person.holderId());
        posted.put("carrierId", "cht");
        posted.put("mobileNumber", "0" + person.msisdn().e164().substring(4));
        posted.put("nhiCardNumber", cardFor(i));
        posted.put("birthDate", person.birthDate().toString());
        posted.put("name", person.name());
        posted.put("password", PASSWORD);
        posted.put("passwordConfirmation", PASSWORD);
        posted.put("challenge", form.challenge());
        posted.put("captchaId", form.captcha().id());
        posted.put("captchaAnswer", captcha.answerFor(form.captcha().id()).orElseThrow());
        posted.put("devicePublicKey", Base64.getUrlEncoder().encodeToString(spki));
        posted.put("proofOfPossession", Base64.getUrlEncoder().encodeToString(proof));
        return EnrollmentApplication.fromJson(JSON.writeValueAsString(posted));
    }

    /** Begins an enrolment, opens it on a phone, starts and passes the carrier's verification. */
    Returned returnedFromCarrier() throws Exception {
        int i = nextPerson();
        var begun = enrollment.begin(application(i), ClientContext.of(DeviceClass.DESKTOP));
        var qr = (NextStep.ShowQrCode) begun.next();
        var phone = enrollment.openOnDevice(qr.handoffUrl(), ClientContext.of(DeviceClass.SMARTPHONE));
        String pairingCode = ((EnrollmentStatus.InProgress) enrollment.status(begun.enrollmentId(),
                begun.desktopSecret())).pairingCode();
        var redirect = enrollment.startVerification(phone.session(),
                Consent.accepted(phone.summary().termsVersion()), pairingCode);
        Map<String, String> callback = networks.phone(NetworkAttachments.defaultHandle(people.get(i).msisdn()))
                .open(redirect.carrierUri());
        return new Returned(phone.session(), new VerificationCallback(callback));
    }

    @Override
    public void close() {
        auth.close();
        registry.close();
        nhi.close();
        networks.close();
    }
}
