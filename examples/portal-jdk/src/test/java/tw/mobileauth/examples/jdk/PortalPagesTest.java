package tw.mobileauth.examples.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.testing.TestCaptcha;

/** The pages' contract without a full enrolment: front page, headers, cookies, JSON errors in both languages. */
class PortalPagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestCaptcha CAPTCHA = new TestCaptcha();
    private static PortalJdk portal;

    @BeforeAll
    static void start(@TempDir Path dir) {
        portal = PortalJdk.start(PortalJdk.Config.of(0, dir).withCaptcha(CAPTCHA));
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void frontPageOffersMobileAuthenticationAndListsTheFixtures() throws Exception {
        HttpResponse<String> r = new Browser(portal.uri()).get("/");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("id=\"method-mobile\"") && r.body().contains("行動電話認證"));
        assertTrue(r.body().contains("以行動電話登入，提供查詢功能(含確診COVID-19申辦)，若需進行申辦作業，請以其他方式登入。"));
        assertTrue(r.body().contains("本示範未提供 / not in this demo"));
        long rows = r.body().split("class=\"fixture\"", -1).length - 1L;
        assertEquals(portal.networks().subscribers().size(), rows);
        assertTrue(new Browser(portal.uri()).get("/?lang=en").body().contains("Mobile phone authentication"));
    }

    @Test
    void everyPageCarriesTheSecurityHeadersAndTheSessionCookieItsFlags() throws Exception {
        HttpResponse<String> r = new Browser(portal.uri()).get("/login");
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), csp);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElseThrow());
        assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElseThrow());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("mobileauth_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
        assertFalse(r.body().contains("<script>"), "no inline script");
        assertEquals(200, new Browser(portal.uri()).get("/static/mobileauth-portal/portal.js").statusCode());
        assertEquals(404, new Browser(portal.uri()).get("/static/mobileauth-portal/../../x").statusCode());
    }

    @Test
    void aFormWithBadFieldsIsAJsonErrorNamingEachFieldWithARemedyInBothLanguages() throws Exception {
        JsonNode zh = badApplication("zh-TW");
        JsonNode en = badApplication("en");
        for (JsonNode error : new JsonNode[] {zh, en}) {
            assertEquals("INVALID_INPUT", error.path("code").asText());
            assertFalse(error.path("remedy").asText().isEmpty());
            assertTrue(error.path("fields").findValuesAsText("field").contains("mobileNumber"), error.toString());
        }
        assertTrue(zh.path("remedy").asText().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
        assertTrue(en.path("remedy").asText().startsWith("Correct"), en.toString());
    }

    private JsonNode badApplication(String lang) throws Exception {
        Browser b = new Browser(portal.uri());
        b.get("/?lang=" + lang);
        b.form("/enrol", Map.of("csrf", b.csrf, "nationalId", "F173010523"));
        String form = b.get("/enrol/form").body();
        String captchaId = Browser.attr(form, "captchaId", "value");
        String body = JSON.createObjectNode().put("nationalId", "F173010523").put("mobileNumber", "12")
                .put("challenge", Browser.attr(form, "applicationForm", "data-challenge")).put("captchaId", captchaId)
                .put("captchaAnswer", CAPTCHA.answerFor(captchaId).orElseThrow()).toString();
        // the page language also travels as ?lang (the JDK test client does not send back the Max-Age lang cookie)
        HttpResponse<String> r = b.json("/api/enrol/apply?lang=" + lang, body, b.csrf);
        assertEquals(400, r.statusCode(), r.body());
        JsonNode doc = JSON.readTree(r.body());
        assertTrue(doc.path("fresh").path("captchaId").isTextual(), "a fresh captcha and challenge for the next try");
        return doc.path("error");
    }

    @Test
    void aWrongPasswordAndAnUnknownIdGetTheSameAnswer() throws Exception {
        Subscriber known = portal.networks().networks().subscribers().find("twm", Scenario.ELIGIBLE);
        DeviceKey key = DeviceKey.generate(new java.security.SecureRandom());
        JsonNode wrong = PortalJdkTest.login(new Browser(portal.uri()), known, key, "mat_AAAAAAAAAAAAAAAAAAAAAA", "Wrong-password-1");
        assertEquals("LOGIN_FAILED", wrong.path("error").path("code").asText());
        Subscriber other = portal.networks().networks().subscribers().find("fet", Scenario.PREPAID);
        JsonNode unknown = PortalJdkTest.login(new Browser(portal.uri()), other, key, "mat_AAAAAAAAAAAAAAAAAAAAAA", "Wrong-password-1");
        assertEquals(wrong.path("error"), unknown.path("error"));
    }

    @Test
    void aPostWithoutTheTokenIsRefusedAndStartsNoEnrolment() throws Exception {
        Browser b = new Browser(portal.uri());
        b.get("/enrol");
        HttpResponse<String> r = b.form("/enrol", Map.of("nationalId", "F173010523"));
        assertEquals(403, r.statusCode());
        assertFalse(Browser.byId(r.body(), "remedy").isEmpty());
        assertEquals(302, b.get("/enrol/form").statusCode(), "no ID was accepted: the form sends the browser back to step 2");
    }
}
