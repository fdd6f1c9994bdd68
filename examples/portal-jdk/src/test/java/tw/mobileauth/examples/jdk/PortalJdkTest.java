package tw.mobileauth.examples.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.testing.TestCaptcha;

/**
 * The JDK portal over real loopback HTTP: enrolment with the phone played by a second client and
 * the simulated network, login with the browser's signing done in Java, the gates, CSRF, the
 * callback from the wrong browser, revocation, and a restart on the same H2 file (the credential, and
 * the browser it is bound to, survive it).
 */
class PortalJdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Kiwi-Lantern-8462!";
    private static final String FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0)"
            + " Gecko/20100101 Firefox/133.0";

    @TempDir
    Path dataDir;

    private final TestCaptcha captcha = new TestCaptcha();
    private final SecureRandom random = new SecureRandom();

    @Test
    void theWholeJourneyOverHttpAndAfterARestart() throws Exception {
        DeviceKey key = DeviceKey.generate(random);
        String credentialId;
        int port;
        Subscriber person;
        try (PortalJdk portal = PortalJdk.start(PortalJdk.Config.of(0, dataDir).withCaptcha(captcha))) {
            port = portal.uri().getPort();
            person = portal.networks().networks().subscribers().find("cht", Scenario.ELIGIBLE);
            Browser desktop = new Browser(portal.uri(), FIREFOX_ON_WINDOWS);
            credentialId = enrol(portal, captcha, desktop, person, key);
            Browser loggedIn = new Browser(portal.uri());
            assertEquals("/notice", login(loggedIn, person, key, credentialId, PASSWORD).path("next").asText());
            assertTrue(loggedIn.get("/notice").body().contains("id=\"accept\" type=\"submit\" disabled"));
            assertEquals(302, loggedIn.form("/notice", Map.of("csrf", loggedIn.csrf)).statusCode());
            HttpResponse<String> account = loggedIn.get("/account");
            assertEquals(200, account.statusCode());
            assertEquals("127.0.0.1", Browser.byId(account.body(), "clientIp"));
            String loginTime = Browser.byId(account.body(), "loginTime");
            assertTrue(loginTime.matches("\\d{3}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}"), loginTime);
            int rocYear = ZonedDateTime.now(ZoneId.of("Asia/Taipei")).getYear() - 1911;
            assertTrue(loginTime.startsWith(String.format("%03d/", rocYear)), loginTime);
            gating(loggedIn);
            csrfRefusedAndNothingChanged(loggedIn);
        }
        // --- restart on the same H2 file and port: keys, CA and the credential survive ---------------
        try (PortalJdk portal = PortalJdk.start(PortalJdk.Config.of(port, dataDir).withCaptcha(captcha))) {
            Browser again = new Browser(portal.uri());
            assertEquals("/account", login(again, person, key, credentialId, PASSWORD).path("next").asText(),
                    "login works after a restart, and the notice acknowledgement was kept");
            // --- my bound browsers: this browser's row, revoke it, the next login fails ---------------
            HttpResponse<String> rows = again.get("/account/browsers");
            assertTrue(rows.body().contains("data-credential-id=\"" + credentialId + "\" data-current=\"true\""), rows.body());
            assertEquals("Firefox (桌上型電腦)（本瀏覽器）", browserCell(rows.body(), credentialId),
                    "the browser it was bound from (the desktop that applied, not this login's client), kept by the"
                            + " credential store across the restart");
            assertEquals(302, again.form("/account/browsers/revoke", Map.of("csrf", again.csrf, "credentialId", credentialId))
                    .statusCode());
            JsonNode refused = login(new Browser(portal.uri()), person, key, credentialId, PASSWORD);
            assertEquals("LOGIN_FAILED", refused.path("error").path("code").asText());
        }
    }

    /** The text of the {@code .browser} cell in the {@code .credential} row of {@code credentialId}. */
    private static String browserCell(String page, String credentialId) {
        int row = page.indexOf("data-credential-id=\"" + credentialId + "\"");
        assertTrue(row >= 0, page);
        String rest = page.substring(row, page.indexOf("</tr>", row));
        int cell = rest.indexOf("class=\"browser\">");
        assertTrue(cell >= 0, rest);
        return rest.substring(cell + "class=\"browser\">".length(), rest.indexOf("</td>", cell));
    }

    /** Enrols {@code person} with {@code key} as the desktop's device key, the phone played over HTTP; the credential id. */
    static String enrol(PortalJdk portal, TestCaptcha captcha, Browser desktop, Subscriber person, DeviceKey key) throws Exception {
        desktop.get("/enrol");
        HttpResponse<String> checked = desktop.form("/enrol", Map.of("csrf", desktop.csrf, "nationalId", person.holderId()));
        assertEquals(302, checked.statusCode());
        String form = desktop.get("/enrol/form").body();
        Map<String, String> posted = Applications.of(portal.uri(), captcha, form, person, key, PASSWORD);
        HttpResponse<String> begun = desktop.json("/api/enrol/apply", JSON.writeValueAsString(posted), desktop.csrf);
        assertEquals(200, begun.statusCode(), begun.body());
        assertEquals("/enrol/qr", JSON.readTree(begun.body()).path("next").asText());
        String qrPage = desktop.get("/enrol/qr").body();
        assertTrue(Browser.byId(qrPage, "qrCode") != null && qrPage.contains("<svg"));
        URI handoff = URI.create(Browser.attr(qrPage, "handoffUrl", "href"));

        Browser phone = new Browser(portal.uri());
        HttpResponse<String> opened = phone.get(handoff.getPath() + "?" + handoff.getRawQuery());
        assertEquals(302, opened.statusCode());
        assertTrue(opened.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("mobileauth_phone=")
                && c.contains("Path=/mobile/") && c.contains("HttpOnly") && c.contains("SameSite=Lax")));
        String phonePage = phone.get("/mobile/h").body();
        assertNotNull(Browser.byId(phonePage, "summary"));
        assertFalse(phonePage.contains(person.holderId()), "the phone page shows the ID masked only");
        String pairing = JSON.readTree(desktop.get("/api/enrol/status").body()).path("pairingCode").asText();
        HttpResponse<String> started = phone.form("/mobile/start", Map.of("csrf", phone.csrf, "consent", "yes", "pairingCode", pairing));
        assertEquals(302, started.statusCode(), started.body());
        URI carrier = URI.create(started.headers().firstValue("Location").orElseThrow());
        Map<String, String> callback = portal.networks().networks().phone(NetworkAttachments.defaultHandle(person.msisdn()))
                .open(carrier);
        String query = callback.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        // the callback arriving in another browser (no phone session): refused with reason and remedy
        HttpResponse<String> stolen = new Browser(portal.uri()).get("/mobile/callback?" + query);
        assertEquals(403, stolen.statusCode());
        assertNotNull(Browser.byId(stolen.body(), "error"));
        assertFalse(Browser.byId(stolen.body(), "remedy").isEmpty());
        HttpResponse<String> done = phone.get("/mobile/callback?" + query);
        assertEquals(200, done.statusCode(), done.body());
        assertNotNull(Browser.byId(done.body(), "result"));
        JsonNode status = JSON.readTree(desktop.get("/api/enrol/status").body());
        assertEquals("COMPLETED", status.path("state").asText());
        return status.path("credentialId").asText();
    }

    static JsonNode login(Browser b, Subscriber person, DeviceKey key, String credentialId, String password) throws Exception {
        return login(b, person, key, credentialId, password, "zh-TW");
    }

    /** A login with the four fields of {@code person}, signed by {@code key} for {@code credentialId}; the answer in {@code lang}. */
    static JsonNode login(Browser b, Subscriber person, DeviceKey key, String credentialId, String password, String lang)
            throws Exception {
        b.get("/login");
        JsonNode challenge = JSON.readTree(b.json("/api/login/challenge", "{}", b.csrf).body());
        String origin = b.base.getScheme() + "://" + b.base.getAuthority();
        byte[] signature = key.sign(SignedMessages.login(Base64.getUrlDecoder().decode(challenge.path("nonce").asText()),
                credentialId, origin));
        Map<String, String> attempt = new LinkedHashMap<>();
        attempt.put("nationalId", person.holderId());
        attempt.put("birthDate", person.birthDate().toString());
        attempt.put("name", person.name());
        attempt.put("password", password);
        attempt.put("credentialId", credentialId);
        attempt.put("challengeId", challenge.path("id").asText());
        attempt.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        HttpResponse<String> r = b.json("/api/login?lang=" + lang, JSON.writeValueAsString(attempt), b.csrf);
        return JSON.readTree(r.body());
    }

    private void gating(Browser b) throws Exception {
        HttpResponse<String> covid = b.form("/account/apply", Map.of("csrf", b.csrf, "feature", "covid"));
        assertEquals(200, covid.statusCode());
        assertNotNull(Browser.byId(covid.body(), "applied"));
        HttpResponse<String> other = b.form("/account/apply", Map.of("csrf", b.csrf, "feature", "other"));
        assertEquals(403, other.statusCode());
        assertTrue(Browser.byId(other.body(), "error").contains("查詢"));
        assertFalse(Browser.byId(other.body(), "remedy").isEmpty());
    }

    private void csrfRefusedAndNothingChanged(Browser b) throws Exception {
        assertEquals(403, b.form("/logout", Map.of()).statusCode());
        assertEquals(403, b.form("/logout", Map.of("csrf", "wrong-" + b.csrf)).statusCode());
        assertEquals(200, b.get("/account").statusCode(), "still logged in: the refused logout changed nothing");
        HttpResponse<String> json = b.json("/api/login/challenge", "{}", "wrong");
        assertEquals(403, json.statusCode());
        assertEquals("CSRF", JSON.readTree(json.body()).path("error").path("code").asText());
    }
}
