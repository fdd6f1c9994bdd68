package tw.mobileauth.benchmarks;

import static java.util.stream.Collectors.toMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import tw.mobileauth.MobileAuth;
import tw.mobileauth.Stores;
import tw.mobileauth.carrier.CarrierSettings;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.testkit.SubscriberFixture;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.credential.CertificateIssuer;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.PasswordHasher;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.enrollment.PortalUrls;
import tw.mobileauth.login.Authentication;
import tw.mobileauth.login.LoginAttempt;
import tw.mobileauth.testing.TestCaptcha;
import tw.mobileauth.testing.TestCredentials;

/**
 * One benchmark portal: {@link MobileAuth} wired as the quick start does (fake carrier networks on
 * loopback, a development CA, no identity registry) on the given stores and password hasher, plus
 * the helpers the benchmarks share: enrol a credential directly, and log in as a bound browser.
 */
final class Portal implements AutoCloseable {

    static final String ORIGIN = "https://portal.example.tw";
    static final String PASSWORD = "Kiwi-Lantern-8462!";
    static final String BIRTH_DATE = "1986-03-14";
    static final String NAME = "王小明";
    static final ClientContext DESKTOP = ClientContext.of(DeviceClass.DESKTOP);
    private static final ObjectMapper JSON = new ObjectMapper();

    final FakeCarrierNetworks networks;
    final Stores stores;
    final HmacKey hmac;
    final PasswordHasher hasher;
    final EnrollmentCa ca;
    final TestCaptcha captcha = new TestCaptcha();
    final MobileAuth auth;
    final SecureRandom random = new SecureRandom();

    Portal(Stores stores, PasswordHasher hasher) {
        this(stores, hasher, SubscriberFixture.builtIn());
    }

    /** The same, with {@code subscribers} on the fake networks instead of the carrier-testkit's built-in ones. */
    Portal(Stores stores, PasswordHasher hasher, SubscriberFixture subscribers) {
        this.networks = FakeCarrierNetworks.builder().fixture(subscribers).start();
        this.stores = stores;
        this.hasher = hasher;
        this.hmac = HmacKey.generate(random);
        this.ca = EnrollmentCa.generateDevelopmentCa("Benchmark CA", Clock.systemUTC());
        CarrierSettings carriers = CarrierSettings.of(FakeCarrierNetworks.carrierIds().stream()
                .collect(toMap(Function.identity(), id -> networks.configFor(id).build())));
        this.auth = MobileAuth.builder()
                .carriers(carriers)
                .stores(stores)
                .secrets(hmac, AeadKey.generate(random))
                .certificateAuthority(ca)
                .portal(new PortalUrls(ORIGIN, URI.create(ORIGIN + "/mobile/h"), URI.create(ORIGIN + "/mobile/callback")))
                .withoutIdentityRegistry("benchmarks measure the SDK without the NHI registry")
                .passwordHasher(hasher)
                .enrollmentOptions(options -> options.captcha(captcha))
                .build();
    }

    /** A browser bound to a fresh ACTIVE credential of person {@code n}. */
    Browser enrol(int n) {
        DeviceKey key = DeviceKey.generate(random);
        String credentialId = TestCredentials.enrol(stores.credentials(), hmac,
                CertificateIssuer.builder(ca).build(), hasher, Clock.systemUTC(), Ids.nationalId(n), BIRTH_DATE, NAME,
                PASSWORD.toCharArray(), key.publicKeySpki());
        return new Browser(Ids.nationalId(n), key, credentialId);
    }

    /**
     * What the bound browser posts after {@code beginLogin}: the four fields, the challenge id and
     * the device signature, as JSON. The browser's signing is client work, so benchmarks call this
     * outside the measured part.
     */
    String attempt(Browser browser) throws Exception {
        var challenge = auth.login().beginLogin(DESKTOP);
        byte[] signature = browser.key().sign(SignedMessages.login(challenge.nonce(), browser.credentialId(), ORIGIN));
        Map<String, String> attempt = new LinkedHashMap<>();
        attempt.put("nationalId", browser.nationalId());
        attempt.put("birthDate", BIRTH_DATE);
        attempt.put("name", NAME);
        attempt.put("password", PASSWORD);
        attempt.put("credentialId", browser.credentialId());
        attempt.put("challengeId", challenge.id());
        attempt.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        return JSON.writeValueAsString(attempt);
    }

    /** The server's side of a login after the challenge: parse the posted JSON and {@code finishLogin}. */
    Authentication finish(String attemptJson) throws Exception {
        return auth.login().finishLogin(LoginAttempt.fromJson(attemptJson), DESKTOP);
    }

    @Override
    public void close() {
        auth.close();
        networks.close();
    }

    /** A browser holding a bound device key. */
    record Browser(String nationalId, DeviceKey key, String credentialId) {
    }
}
