package tw.mobileauth.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.store.jdbc.JdbcStores;
import tw.mobileauth.testing.TableDumps;

/**
 * The portal over real HTTP, the same on every database: the whole enrolment through the REST API
 * (the browser's signing done in Java with {@link DeviceKey}, the phone played on the embedded fake
 * networks), then the four-field login; and the requests an attacker or a careless client sends.
 * Each subclass is one Spring context on one database, shared by its tests.
 */
abstract class PortalContract extends PortalJourney {

    /** What the database holds after each test, for the leak scan (docs/leak-scan.md); the last test's dump stays. */
    @AfterEach
    void dumpEveryTable() {
        TableDumps.write(dataSource, "spring-" + getClass().getSimpleName());
    }

    @Test
    void aDesktopEnrolsThroughAPhoneAndThenLogsInWithTheFourFields() throws Exception {
        Subscriber person = demoNetworks.networks().subscribers().find("cht", Scenario.ELIGIBLE);
        Applied applied = applyAndOpenOnPhone(person);

        var stranger = rest.get("/rest/v1/enrolments/" + applied.enrollmentId(), "MobileAuth-Desktop-Secret", "guessed");
        assertEquals(403, stranger.status(), "another browser without the desktop secret sees nothing");
        assertEquals("ACCESS_DENIED", stranger.text("/code"));

        var outcome = rest.get("/rest/v1/phone/callback?" + query(applied.callback()),
                "MobileAuth-Phone-Session", applied.phoneSession());
        assertEquals(200, outcome.status(), outcome.raw().body());
        assertEquals("ISSUED", outcome.text("/outcome"));

        var done = rest.get("/rest/v1/enrolments/" + applied.enrollmentId(), "MobileAuth-Desktop-Secret",
                applied.desktopSecret());
        assertEquals("COMPLETED", done.text("/state"), done.raw().body());
        String credentialId = done.text("/credentialId");
        assertTrue(credentialId.startsWith("mat_"), credentialId);

        var login = login(person, credentialId, applied.key(), PASSWORD);
        assertEquals(200, login.status(), login.raw().body());
        assertEquals("QUERY_ONLY", login.text("/assurance"));
        assertEquals(credentialId, login.text("/credentialId"));
        assertTrue(login.json().at("/noticeAcknowledgementRequired").asBoolean(), "the first login shows the 個資告知");
        assertFalse(login.raw().body().contains(person.holderId()), "the national ID is only ever sent back masked");

        var wrongPassword = login(person, credentialId, applied.key(), "Wrong-Lantern-8462!");
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
        String forwarded = "/rest/v1/phone/callback?" + query(applied.callback());

        var noSession = rest.get(forwarded);
        assertEquals(403, noSession.status(), noSession.raw().body());
        assertEquals("CALLBACK_WRONG_BROWSER", noSession.text("/code"));
        String otherSession = applied.phoneSession().substring(0, applied.phoneSession().indexOf('.') + 1) + "forged";
        var forged = rest.get(forwarded, "MobileAuth-Phone-Session", otherSession);
        assertEquals(403, forged.status(), forged.raw().body());
        assertEquals("CALLBACK_WRONG_BROWSER", forged.text("/code"));
        assertEquals("MobileAuth-Phone-Session", forged.text("/field"));

        // The phone that holds the session, bringing it as the pages' cookie, still completes: nothing was spent.
        var phone = rest.get(forwarded, "Cookie", "mobileauth_phone=" + applied.phoneSession());
        assertEquals(200, phone.status(), phone.raw().body());
        assertEquals("ISSUED", phone.text("/outcome"));
        var late = rest.get(forwarded);
        assertEquals(403, late.status(), "after completion the forwarded link still gets nothing");
        var repeat = rest.get(forwarded, "MobileAuth-Phone-Session", applied.phoneSession());
        assertEquals("ISSUED", repeat.text("/outcome"), "the phone repeating its own callback meets the same answer");
        assertEquals(applied.enrollmentId(), repeat.text("/enrollmentId"));
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

    // ------------------------------------------------------------------ the enrolment's other steps

    @Test
    void stepOneTheCaptchaTheQrCodeAndTheRestartEachTakeTheirOwnCaller() throws Exception {
        Subscriber person = demoNetworks.networks().subscribers().find("cht", Scenario.ELIGIBLE);
        var checked = rest.post("/rest/v1/national-id/check", Map.of("nationalId", person.holderId()));
        assertEquals(200, checked.status(), checked.raw().body());
        assertEquals(10, checked.text("/maskedNationalId").length());
        assertFalse(checked.raw().body().contains(person.holderId()), "step 1 echoes the ID masked only");
        var broken = rest.post("/rest/v1/national-id/check", Map.of("nationalId", "A12345678"));
        assertEquals(400, broken.status(), broken.raw().body());
        assertEquals("nationalId", broken.text("/field"));

        String shown = rest.get("/rest/v1/enrolment/form").text("/captcha/id");
        var fresh = rest.post("/rest/v1/enrolment/captcha", Map.of("captchaId", shown));
        assertEquals(200, fresh.status(), fresh.raw().body());
        assertNotEquals(shown, fresh.text("/id"), "a new captcha");
        assertTrue(captcha.answerFor(shown).isEmpty(), "the captcha shown before is dead");
        assertTrue(captcha.answerFor(fresh.text("/id")).isPresent());
        assertFalse(fresh.text("/image").isBlank());

        var begun = rest.post("/rest/v1/enrolments", application(person, DeviceKey.generate(RANDOM)));
        assertEquals(201, begun.status(), begun.raw().body());
        String path = "/rest/v1/enrolments/" + begun.text("/enrollmentId");
        String secret = begun.text("/desktopSecret");
        String firstQr = begun.text("/next/handoffUrl");
        var strangerQr = rest.post(path + "/qr", "", "MobileAuth-Desktop-Secret", "guessed");
        assertEquals(403, strangerQr.status(), "a browser without the desktop secret gets no QR code");
        assertEquals("ACCESS_DENIED", strangerQr.text("/code"));
        var qr = rest.post(path + "/qr", "", "MobileAuth-Desktop-Secret", secret);
        assertEquals(200, qr.status(), qr.raw().body());
        assertEquals("SHOW_QR_CODE", qr.text("/type"));
        assertFalse(qr.text("/handoffUrl").equals(firstQr));
        assertEquals(begun.json().at("/next/regenerationsLeft").asInt() - 1, qr.json().at("/regenerationsLeft").asInt());
        var oldCode = rest.post("/rest/v1/phone/open", Map.of("handoffUrl", firstQr));
        assertEquals(404, oldCode.status(), "the replaced QR code is dead: " + oldCode.raw().body());

        var strangerRestart = rest.request("DELETE", path, null, null);
        assertEquals(400, strangerRestart.status(), "no secret, no restart");
        assertEquals("MobileAuth-Desktop-Secret", strangerRestart.text("/field"));
        assertEquals("AWAITING_DEVICE", rest.get(path, "MobileAuth-Desktop-Secret", secret).text("/state"));
        assertEquals(204, rest.delete(path, "MobileAuth-Desktop-Secret", secret).status());
        assertEquals(204, rest.delete(path, "MobileAuth-Desktop-Secret", secret).status(), "restart is idempotent");
        assertEquals("CANCELLED", rest.get(path, "MobileAuth-Desktop-Secret", secret).text("/state"));
        var afterRestart = rest.post(path + "/qr", "", "MobileAuth-Desktop-Secret", secret);
        assertEquals(409, afterRestart.status(), afterRestart.raw().body());
        var phoneAfter = rest.post("/rest/v1/phone/open", Map.of("handoffUrl", qr.text("/handoffUrl")));
        assertTrue(phoneAfter.status() >= 400 && phoneAfter.status() < 500, "a cancelled enrolment's QR code opens nothing");
    }

    // ------------------------------------------------------------------ the API session

    @Test
    void anApiLoginIsASessionThatReadsAcknowledgesTheNoticeAppliesAndLogsOut() throws Exception {
        Subscriber person = demoNetworks.networks().subscribers().find("fet", Scenario.ELIGIBLE);
        Enrolled enrolled = enrol(person);
        var login = login(person, enrolled.credentialId(), enrolled.key(), PASSWORD);
        String token = login.raw().headers().firstValue("MobileAuth-Session").orElseThrow();
        assertEquals(32, Base64.getUrlDecoder().decode(token).length, "32 random bytes, base64url");
        assertFalse(login.raw().body().contains(token), "the token travels in the header only");
        assertTrue(login.json().at("/noticeAcknowledgementRequired").asBoolean());
        String version = login.text("/noticeVersion");

        for (String[] noSession : new String[][] {{}, {"MobileAuth-Session", "forged"},
                {"MobileAuth-Session", token.substring(1) + "A"}}) {
            var refused = rest.get("/rest/v1/session", noSession);
            assertEquals(401, refused.status(), refused.raw().body());
            assertEquals("SESSION_INVALID", refused.text("/code"));
            assertFalse(refused.text("/message/zh-TW").isBlank());
            assertTrue(refused.text("/remedy/en").contains("Log in again"), refused.text("/remedy/en"));
            assertEquals("MobileAuth-Session", refused.raw().headers().firstValue("WWW-Authenticate").orElse(""));
        }
        var session = rest.get("/rest/v1/session", "MobileAuth-Session", token);
        assertEquals(200, session.status(), session.raw().body());
        assertEquals("QUERY_ONLY", session.text("/assurance"));
        assertEquals(login.text("/authenticatedAt"), session.text("/authenticatedAt"));
        assertEquals(person.holderId().substring(0, 3), session.text("/maskedNationalId").substring(0, 3));
        assertFalse(session.raw().body().contains(person.holderId()), "never the full ID");
        assertTrue(session.json().at("/noticeAcknowledgementRequired").asBoolean());

        var beforeNotice = rest.post("/rest/v1/session/applications/covid", "", "MobileAuth-Session", token);
        assertEquals(403, beforeNotice.status());
        assertEquals("NOTICE_ACKNOWLEDGEMENT_REQUIRED", beforeNotice.text("/code"));
        var oldVersion = rest.post("/rest/v1/session/notice", Map.of("version", version + "-old"), "MobileAuth-Session", token);
        assertEquals(409, oldVersion.status(), oldVersion.raw().body());
        var noVersion = rest.post("/rest/v1/session/notice", Map.of(), "MobileAuth-Session", token);
        assertEquals("version", noVersion.text("/field"));
        var noticed = rest.post("/rest/v1/session/notice", Map.of("version", version), "MobileAuth-Session", token);
        assertEquals(200, noticed.status(), noticed.raw().body());
        assertFalse(rest.get("/rest/v1/session", "MobileAuth-Session", token).json()
                .at("/noticeAcknowledgementRequired").asBoolean(), "once acknowledged, the session no longer asks");

        var covid = rest.post("/rest/v1/session/applications/covid", "", "MobileAuth-Session", token);
        assertEquals(202, covid.status(), covid.raw().body());
        assertTrue(covid.text("/receiptId").startsWith("rcp_"));
        var other = rest.post("/rest/v1/session/applications/old-age", "", "MobileAuth-Session", token);
        assertEquals(403, other.status());
        assertEquals("ASSURANCE_TOO_LOW", other.text("/code"));
        assertFalse(other.text("/remedy/zh-TW").isBlank());

        var mine = credential(rest.get("/rest/v1/session/credentials", "MobileAuth-Session", token), enrolled.credentialId());
        assertEquals("ACTIVE", mine.at("/status").asText());
        assertTrue(mine.at("/current").asBoolean(), "the one this session logged in with");
        assertFalse(mine.at("/issuedAt").asText().isBlank());
        assertEquals("DESKTOP", mine.at("/deviceClass").asText(), "the browser the credential is bound to");
        assertEquals("CHROME", mine.at("/browserFamily").asText(), "from the applying browser's User-Agent");

        assertEquals(204, rest.delete("/rest/v1/session", "MobileAuth-Session", token).status());
        assertEquals(401, rest.get("/rest/v1/session", "MobileAuth-Session", token).status(), "logged out");
        assertEquals(401, rest.delete("/rest/v1/session", "MobileAuth-Session", token).status());
        var again = login(person, enrolled.credentialId(), enrolled.key(), PASSWORD);
        assertFalse(again.json().at("/noticeAcknowledgementRequired").asBoolean(), "the acknowledgement was recorded");
    }

    @Test
    void aSessionRevokesOnlyItsOwnPersonsCredentialsAndARevokedKeyNoLongerLogsIn() throws Exception {
        Subscriber me = demoNetworks.networks().subscribers().find("fet", Scenario.ELIGIBLE);
        Subscriber other = demoNetworks.networks().subscribers().find("twm", Scenario.ELIGIBLE);
        Enrolled mine = enrol(me);
        Enrolled theirs = enrol(other);
        String mySession = loggedIn(me, mine);
        String theirSession = loggedIn(other, theirs);

        var attack = rest.delete("/rest/v1/session/credentials/" + mine.credentialId(), "MobileAuth-Session", theirSession);
        assertEquals(404, attack.status(), "another person's credential is not found: " + attack.raw().body());
        assertEquals("UNKNOWN_CREDENTIAL", attack.text("/code"));
        assertEquals(404, rest.delete("/rest/v1/session/credentials/nonsense", "MobileAuth-Session", theirSession).status());
        var listed = rest.get("/rest/v1/session/credentials", "MobileAuth-Session", mySession);
        assertEquals("ACTIVE", credential(listed, mine.credentialId()).at("/status").asText(), "the attack changed nothing");
        assertFalse(listed.raw().body().contains(theirs.credentialId()), "only my own credentials are listed");

        var revoked = rest.delete("/rest/v1/session/credentials/" + mine.credentialId(), "MobileAuth-Session", mySession);
        assertEquals(200, revoked.status(), revoked.raw().body());
        assertTrue(revoked.json().at("/sessionEnded").asBoolean(), "revoking this session's own credential logs out");
        assertEquals(401, rest.get("/rest/v1/session", "MobileAuth-Session", mySession).status());
        var revokedKey = login(me, mine.credentialId(), mine.key(), PASSWORD);
        assertEquals(401, revokedKey.status(), "the revoked credential no longer logs in");
        assertEquals("LOGIN_FAILED", revokedKey.text("/code"));
        assertEquals(200, rest.get("/rest/v1/session", "MobileAuth-Session", theirSession).status(), "theirs lives on");
    }

    /** One credential of a {@code GET /rest/v1/session/credentials} answer. */
    static JsonNode credential(RestClientSupport.Reply list, String credentialId) {
        for (JsonNode c : list.json().at("/credentials")) {
            if (c.at("/credentialId").asText().equals(credentialId)) {
                return c;
            }
        }
        throw new AssertionError(credentialId + " is not listed: " + list.raw().body());
    }
}
