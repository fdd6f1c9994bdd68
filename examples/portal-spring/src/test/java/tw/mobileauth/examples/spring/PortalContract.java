package tw.mobileauth.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.examples.web.DemoNetworks;
import tw.mobileauth.store.jdbc.JdbcStores;
import tw.mobileauth.testing.TestCaptcha;

/**
 * The portal over real HTTP, the same on every database: the whole enrolment through the REST API
 * (the browser's signing done in Java with {@link DeviceKey}, the phone played on the embedded fake
 * networks), then the four-field login; and the requests an attacker or a careless client sends.
 * Each subclass is one Spring context on one database, shared by its tests.
 */
abstract class PortalContract {

    /** The public origin the test portal is configured with; the browser (this test) signs it. */
    static final String ORIGIN = "https://portal.example.tw";
    static final String PROPERTIES = "mobileauth.portal.origin=" + ORIGIN;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD = "Kiwi-Lantern-8462!";

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

    @Test
    void aDesktopEnrolsThroughAPhoneAndThenLogsInWithTheFourFields() throws Exception {
        Subscriber person = demoNetworks.networks().subscribers().find("cht", Scenario.ELIGIBLE);
        Applied applied = applyAndOpenOnPhone(person);

        var stranger = rest.get("/rest/v1/enrolments/" + applied.enrollmentId, "MobileAuth-Desktop-Secret", "guessed");
        assertEquals(403, stranger.status(), "another browser without the desktop secret sees nothing");
        assertEquals("ACCESS_DENIED", stranger.text("/code"));

        var outcome = rest.get("/rest/v1/phone/callback?" + query(applied.callback),
                "MobileAuth-Phone-Session", applied.phoneSession);
        assertEquals(200, outcome.status(), outcome.raw().body());
        assertEquals("ISSUED", outcome.text("/outcome"));

        var done = rest.get("/rest/v1/enrolments/" + applied.enrollmentId, "MobileAuth-Desktop-Secret",
                applied.desktopSecret);
        assertEquals("COMPLETED", done.text("/state"), done.raw().body());
        String credentialId = done.text("/credentialId");
        assertTrue(credentialId.startsWith("mat_"), credentialId);

        var login = login(person, credentialId, applied.key, PASSWORD);
        assertEquals(200, login.status(), login.raw().body());
        assertEquals("QUERY_ONLY", login.text("/assurance"));
        assertEquals(credentialId, login.text("/credentialId"));
        assertTrue(login.json().at("/noticeAcknowledgementRequired").asBoolean(), "the first login shows the 個資告知");
        assertFalse(login.raw().body().contains(person.holderId()), "the national ID is only ever sent back masked");

        var wrongPassword = login(person, credentialId, applied.key, "Wrong-Lantern-8462!");
        assertEquals(401, wrongPassword.status());
        assertEquals("LOGIN_FAILED", wrongPassword.text("/code"));
        assertFalse(wrongPassword.text("/message/zh-TW").isBlank());

        var otherBrowser = login(person, credentialId, DeviceKey.generate(RANDOM), PASSWORD);
        assertEquals(401, otherBrowser.status(), "the four fields alone do not log in from a browser without the key");
    }

    @Test
    void aCarrierCallbackInAClientWithoutThePhoneSessionIsRefusedAndSpendsNothing() throws Exception {
        Subscriber person = demoNetworks.networks().subscribers().find("twm", Scenario.ELIGIBLE);
        Applied applied = applyAndOpenOnPhone(person);
        String forwarded = "/rest/v1/phone/callback?" + query(applied.callback);

        var noSession = rest.get(forwarded);
        assertEquals(403, noSession.status(), noSession.raw().body());
        assertEquals("CALLBACK_WRONG_BROWSER", noSession.text("/code"));
        String otherSession = applied.phoneSession.substring(0, applied.phoneSession.indexOf('.') + 1) + "forged";
        var forged = rest.get(forwarded, "MobileAuth-Phone-Session", otherSession);
        assertEquals(403, forged.status(), forged.raw().body());
        assertEquals("CALLBACK_WRONG_BROWSER", forged.text("/code"));
        assertEquals("MobileAuth-Phone-Session", forged.text("/field"));

        // The phone that holds the session, bringing it as the pages' cookie, still completes: nothing was spent.
        var phone = rest.get(forwarded, "Cookie", "mobileauth_phone=" + applied.phoneSession);
        assertEquals(200, phone.status(), phone.raw().body());
        assertEquals("ISSUED", phone.text("/outcome"));
        var late = rest.get(forwarded);
        assertEquals(403, late.status(), "after completion the forwarded link still gets nothing");
        var repeat = rest.get(forwarded, "MobileAuth-Phone-Session", applied.phoneSession);
        assertEquals("ISSUED", repeat.text("/outcome"), "the phone repeating its own callback meets the same answer");
        assertEquals(applied.enrollmentId, repeat.text("/enrollmentId"));
    }

    @Test
    void aBadFieldIsATypedErrorNamingTheFieldInBothLanguages() throws Exception {
        Subscriber person = demoNetworks.networks().subscribers().find("fet", Scenario.ELIGIBLE);
        Map<String, String> form = application(person, DeviceKey.generate(RANDOM));
        String id = form.get("nationalId");
        form.put("nationalId", id.substring(0, 9) + (char) ('0' + (id.charAt(9) - '0' + 1) % 10)); // checksum broken

        var reply = rest.post("/rest/v1/enrolments", form);
        assertEquals(400, reply.status(), reply.raw().body());
        assertEquals("application/json", reply.raw().headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals("INVALID_INPUT", reply.text("/code"));
        assertEquals("nationalId", reply.text("/field"));
        assertEquals("BAD_CHECKSUM", reply.text("/errors/0/reason"));
        assertTrue(reply.text("/message/zh-TW").contains("身分證"), reply.text("/message/zh-TW"));
        assertTrue(reply.text("/message/en").toLowerCase(java.util.Locale.ROOT).contains("id"), reply.text("/message/en"));
        assertFalse(reply.text("/remedy/en").isBlank());
        assertFalse(reply.raw().body().contains(form.get("nationalId")), "the rejected value is never echoed");
        assertFalse(reply.raw().body().contains("Exception"), "never a stack trace");

        var notJson = rest.post("/rest/v1/enrolments", "{not json");
        assertEquals(400, notJson.status());
        assertEquals("request", notJson.text("/field"));
        var noHeader = rest.get("/rest/v1/enrolments/whatever");
        assertEquals(400, noHeader.status());
        assertEquals("MobileAuth-Desktop-Secret", noHeader.text("/field"));
    }

    @Test
    void springBootsFlywayRanTheSdkMigrationsAndJdbcStoresAcceptsTheSchema() throws Exception {
        assertEquals(JdbcStores.HISTORY_TABLE, flyway.getConfiguration().getTable());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM \"" + JdbcStores.HISTORY_TABLE + "\" WHERE \"success\"")) {
            assertTrue(rows.next());
            assertTrue(rows.getInt(1) > 0, "the SDK's migrations are recorded in its own history table");
        }
        String applied = flyway.info().current().getVersion().getVersion();
        assertEquals(applied, JdbcStores.migrate(dataSource), "the SDK's own migrator finds nothing left to do");
        JdbcStores.create(dataSource); // refuses a newer or missing schema
    }

    @Test
    void theSharedPagesAreServedThroughTheCatchAllAndRestTyposGetJson() {
        var front = rest.get("/");
        assertEquals(200, front.status());
        assertTrue(front.raw().body().contains("行動電話認證"), front.raw().body());
        var typo = rest.get("/rest/v1/enrolment/froms");
        assertEquals(404, typo.status());
        assertEquals("NOT_FOUND", typo.text("/code"));
        var wrongMethod = rest.request("DELETE", "/rest/v1/logins", null, null);
        assertEquals(405, wrongMethod.status());
        assertEquals("METHOD_NOT_ALLOWED", wrongMethod.text("/code"));
        assertEquals("POST", wrongMethod.raw().headers().firstValue("Allow").orElse(""));
        // A cross-site HTML form can post text/plain without a preflight; the API reads JSON only.
        var formPost = rest.request("POST", "/rest/v1/logins", "text/plain", "{\"nationalId\":\"A123456789\"}");
        assertEquals(415, formPost.status(), formPost.raw().body());
        assertEquals("Content-Type", formPost.text("/field"));
        var formOpen = rest.request("POST", "/rest/v1/phone/open", "application/x-www-form-urlencoded", "handoffToken=x");
        assertEquals(415, formOpen.status(), formOpen.raw().body());
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
