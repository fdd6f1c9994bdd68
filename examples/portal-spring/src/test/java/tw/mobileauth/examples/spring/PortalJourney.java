package tw.mobileauth.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.examples.web.DemoNetworks;
import tw.mobileauth.testing.SecretsSeen;
import tw.mobileauth.testing.TestCaptcha;

/**
 * What {@link PortalContract}'s tests share: the Spring context's beans, a loopback JSON client and
 * the journey's steps as a browser, a phone and an API client take them (the browser's signing done
 * in Java with {@link DeviceKey}, the phone played on the embedded fake networks).
 */
abstract class PortalJourney {

    /** The public origin the test portal is configured with; the browser (this test) signs it. */
    static final String ORIGIN = "https://portal.example.tw";
    static final String PROPERTIES = "mobileauth.portal.origin=" + ORIGIN;

    static final SecureRandom RANDOM = new SecureRandom();
    static final String PASSWORD = "Kiwi-Lantern-8462!";

    @Value("${local.server.port}")
    int port;
    @Autowired
    DemoNetworks demoNetworks;
    @Autowired
    TestCaptcha captcha;
    @Autowired
    DataSource dataSource;
    @Autowired
    Flyway flyway;

    RestClientSupport rest;

    @BeforeEach
    void client() {
        rest = new RestClientSupport(port);
    }

    // ------------------------------------------------------------------ the journey's steps

    /** What the desktop and the phone hold once the carrier has sent the phone back. */
    record Applied(String enrollmentId, String desktopSecret, DeviceKey key, String phoneSession,
            Map<String, String> callback) {
    }

    /** Steps 1–5: the form, the application, the phone opening the QR code, consent, the carrier. */
    Applied applyAndOpenOnPhone(Subscriber person) throws Exception {
        DeviceKey key = DeviceKey.generate(RANDOM);
        var begun = rest.post("/rest/v1/enrolments", application(person, key), "User-Agent", "Mozilla/5.0 Chrome/140");
        assertEquals(201, begun.status(), begun.raw().body());
        assertEquals("SHOW_QR_CODE", begun.text("/next/type"));
        assertFalse(begun.text("/next/qrPng").isBlank());
        String enrollmentId = begun.text("/enrollmentId");
        String secret = begun.text("/desktopSecret");
        assertEquals("AWAITING_DEVICE", rest.get("/rest/v1/enrolments/" + enrollmentId,
                "MobileAuth-Desktop-Secret", secret).text("/state"));

        var opened = rest.post("/rest/v1/phone/open", Map.of("handoffUrl", begun.text("/next/handoffUrl")));
        assertEquals(200, opened.status(), opened.raw().body());
        String phoneSession = opened.text("/phoneSession");
        // For the leak scan (docs/leak-scan.md): these random secrets must appear in no log and no table.
        SecretsSeen.record("desktop-secret", secret);
        SecretsSeen.record("phone-session", phoneSession);
        SecretsSeen.record("handoff-token", SecretsSeen.handoffToken(URI.create(begun.text("/next/handoffUrl"))).orElse(null));
        assertFalse(opened.raw().body().contains(person.holderId()), "the phone sees the ID masked");
        String pairingCode = rest.get("/rest/v1/enrolments/" + enrollmentId, "MobileAuth-Desktop-Secret", secret)
                .text("/pairingCode");
        assertEquals(6, pairingCode.length());

        Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("termsVersion", opened.text("/summary/termsVersion"));
        consent.put("accepted", true);
        consent.put("pairingCode", pairingCode);
        var started = rest.post("/rest/v1/phone/start", consent, "MobileAuth-Phone-Session", phoneSession);
        assertEquals(200, started.status(), started.raw().body());
        Map<String, String> callback = demoNetworks.networks().phone(NetworkAttachments.defaultHandle(person.msisdn()))
                .open(URI.create(started.text("/carrierUri")));
        return new Applied(enrollmentId, secret, key, phoneSession, callback);
    }

    /** A credential the API issued and the browser key bound to it. */
    record Enrolled(String credentialId, DeviceKey key) {
    }

    /** The whole enrolment of {@code person} through the API: the desktop, the phone, the carrier, the status poll. */
    Enrolled enrol(Subscriber person) throws Exception {
        Applied applied = applyAndOpenOnPhone(person);
        var outcome = rest.get("/rest/v1/phone/callback?" + query(applied.callback),
                "MobileAuth-Phone-Session", applied.phoneSession);
        assertEquals("ISSUED", outcome.text("/outcome"), outcome.raw().body());
        var done = rest.get("/rest/v1/enrolments/" + applied.enrollmentId, "MobileAuth-Desktop-Secret",
                applied.desktopSecret);
        assertEquals("COMPLETED", done.text("/state"), done.raw().body());
        return new Enrolled(done.text("/credentialId"), applied.key);
    }

    /** Step 7 and the API session it opens: the {@code MobileAuth-Session} token. */
    String loggedIn(Subscriber person, Enrolled enrolled) throws Exception {
        var login = login(person, enrolled.credentialId(), enrolled.key(), PASSWORD);
        assertEquals(200, login.status(), login.raw().body());
        return login.raw().headers().firstValue("MobileAuth-Session").orElseThrow();
    }

    /** The application form as the browser posts it, signed over a fresh form challenge. */
    Map<String, String> application(Subscriber person, DeviceKey key) throws Exception {
        var form = rest.get("/rest/v1/enrolment/form");
        assertEquals(200, form.status(), form.raw().body());
        String challenge = form.text("/challenge");
        String captchaId = form.text("/captcha/id");
        byte[] spki = key.publicKeySpki();
        byte[] proof = key.sign(SignedMessages.enrollment(Base64.getUrlDecoder().decode(challenge), spki, ORIGIN));
        Map<String, String> posted = new LinkedHashMap<>();
        posted.put("nationalId", person.holderId());
        posted.put("carrierId", person.carrierId());
        posted.put("mobileNumber", "0" + person.msisdn().e164().substring(4));
        posted.put("nhiCardNumber", DemoNetworks.nhiCardFor(person));
        posted.put("birthDate", person.birthDate().toString());
        posted.put("name", person.name());
        posted.put("password", PASSWORD);
        posted.put("passwordConfirmation", PASSWORD);
        posted.put("challenge", challenge);
        posted.put("captchaId", captchaId);
        posted.put("captchaAnswer", captcha.answerFor(captchaId).orElseThrow());
        posted.put("devicePublicKey", Base64.getUrlEncoder().encodeToString(spki));
        posted.put("proofOfPossession", Base64.getUrlEncoder().encodeToString(proof));
        return posted;
    }

    /** Step 7: a challenge, signed by {@code key}, and the four fields. */
    RestClientSupport.Reply login(Subscriber person, String credentialId, DeviceKey key, String password)
            throws Exception {
        var challenge = rest.post("/rest/v1/logins/challenge", "");
        assertEquals(200, challenge.status(), challenge.raw().body());
        byte[] nonce = Base64.getUrlDecoder().decode(challenge.text("/nonce"));
        byte[] signature = key.sign(SignedMessages.login(nonce, credentialId, ORIGIN));
        Map<String, String> attempt = new LinkedHashMap<>();
        attempt.put("nationalId", person.holderId());
        attempt.put("birthDate", person.birthDate().toString());
        attempt.put("name", person.name());
        attempt.put("password", password);
        attempt.put("credentialId", credentialId);
        attempt.put("challengeId", challenge.text("/id"));
        attempt.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        return rest.post("/rest/v1/logins", attempt);
    }

    static String query(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
