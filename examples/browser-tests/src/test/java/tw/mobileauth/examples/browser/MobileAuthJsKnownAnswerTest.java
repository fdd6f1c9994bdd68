package tw.mobileauth.examples.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.DevicePublicKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.enrollment.EnrollmentApplication;
import tw.mobileauth.login.LoginAttempt;

/**
 * The shipped {@code mobileauth.js}, served from core's jar to a real Chromium, against the SDK's Java:
 * the bytes it signs are exactly {@link SignedMessages}' (and docs/signed-messages.md's hex), the JSON it
 * builds is what {@code fromJson} reads, its signatures verify with {@link DevicePublicKey}, its key is
 * non-extractable, and the bound key survives a browser restart in IndexedDB.
 */
class MobileAuthJsKnownAnswerTest {

    private static final String DOC_ORIGIN = "https://portal.example.tw";
    private static final String DOC_CREDENTIAL = "mat_AAAAAAAAAAAAAAAAAAAAAA";
    /** The project's docs, read by the test so the documented hex and the shipped file can never drift apart. */
    private static final Path SIGNED_MESSAGES_DOC = Path.of("..", "..", "docs", "signed-messages.md");
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private static KnownAnswerSite site;
    private static Chromium browser;
    private static ModulePage page;

    @BeforeAll
    static void start() throws Exception {
        Chromium.requireBrowser();
        site = KnownAnswerSite.start();
        browser = Chromium.start();
        page = ModulePage.open(browser, site);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (site != null) {
            site.close();
        }
    }

    @BeforeEach
    void aBrowserWithoutKeys() {
        page.call("await m.forget();");
    }

    @Test
    void theSignedBytesAreExactlyTheDocumentedHexAndSignedMessages() throws Exception {
        String docLoginHex = documentedHex("## Example: login");
        String docEnrolHex = documentedHex("## Example: enrolment");
        assertEquals(118 * 2, docLoginHex.length(), "the doc's login example is 118 bytes");
        assertEquals(79 * 2, docEnrolHex.length(), "the doc's enrolment example is 79 bytes");
        byte[] nonce = new byte[32];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) i;
        }
        String login = (String) page.call("return hex(m.loginMessage(fromHex(args[0]), args[1], args[2]));",
                HEX.formatHex(nonce), DOC_CREDENTIAL, DOC_ORIGIN);
        assertEquals(docLoginHex, login);
        assertEquals(HEX.formatHex(SignedMessages.login(nonce, DOC_CREDENTIAL, DOC_ORIGIN)), login);

        byte[] challenge = new byte[16];
        byte[] spki = {0x30, 0x01, 0x02};
        String enrol = (String) page.call("return hex(m.enrolmentMessage(fromHex(args[0]), fromHex(args[1]), args[2]));",
                HEX.formatHex(challenge), HEX.formatHex(spki), DOC_ORIGIN);
        assertEquals(docEnrolHex, enrol);
        assertEquals(HEX.formatHex(SignedMessages.enrollment(challenge, spki, DOC_ORIGIN)), enrol);
    }

    @Test
    void realisticInputsIncludingNonAsciiTextFrameLikeJava() {
        byte[] challenge = random(64);
        byte[] spki = DeviceKey.generate(RANDOM).publicKeySpki();
        byte[] nonce = random(32);
        String origin = "https://行動認證.example.tw:8443";
        String credential = "mat_" + B64URL.encodeToString(random(16)) + "測試";
        assertEquals(HEX.formatHex(SignedMessages.enrollment(challenge, spki, origin)), page.call(
                "return hex(m.enrolmentMessage(fromHex(args[0]).buffer, fromHex(args[1]), args[2]));",
                HEX.formatHex(challenge), HEX.formatHex(spki), origin));
        assertEquals(HEX.formatHex(SignedMessages.login(nonce, credential, origin)), page.call(
                "return hex(m.loginMessage(fromHex(args[0]), args[1], args[2]));", HEX.formatHex(nonce), credential, origin));
    }

    @Test
    void theMessageBuildersRejectWhatSignedMessagesRejects() {
        assertEquals("BAD_ARGUMENT", page.failure("m.loginMessage(new Uint8Array(31), 'mat_x', 'https://a.tw');").get("code"));
        assertEquals("BAD_ARGUMENT", page.failure("m.enrolmentMessage(new Uint8Array(15), new Uint8Array(3), 'https://a.tw');").get("code"));
        assertEquals("BAD_ARGUMENT", page.failure("m.enrolmentMessage(new Uint8Array(65), new Uint8Array(3), 'https://a.tw');").get("code"));
        Map<String, String> noOrigin = page.failure("m.loginMessage(new Uint8Array(32), 'mat_x', undefined);");
        assertEquals("MobileAuthError", noOrigin.get("name"));
        assertTrue(noOrigin.get("message").contains("origin"), noOrigin.get("message"));
        assertEquals("BAD_ARGUMENT", page.failure("m.loginMessage('not bytes', 'mat_x', 'https://a.tw');").get("code"));
    }

    @Test
    void theApplicationIsWhatFromJsonReadsAndItsProofVerifiesForThisOriginOnly() throws Exception {
        byte[] challenge = random(32);
        Map<String, String> fields = applicationFields(challenge);
        String posted = (String) page.call("return JSON.stringify(await m.application(args[0]));", fields);

        EnrollmentApplication application = EnrollmentApplication.fromJson(posted);
        assertEquals("EnrollmentApplication[form=true, captcha=true, deviceKey=true, proof=true]", application.toString());
        JsonNode json = JSON.readTree(posted);
        fields.forEach((name, value) -> assertEquals(value, json.path(name).asText(null), name + " is posted as given"));
        String spkiText = json.path("devicePublicKey").asText();
        String proofText = json.path("proofOfPossession").asText();
        assertTrue(spkiText.matches("[A-Za-z0-9_-]+") && proofText.matches("[A-Za-z0-9_-]+"), "base64url, unpadded");
        byte[] spki = Base64.getUrlDecoder().decode(spkiText);
        byte[] proof = Base64.getUrlDecoder().decode(proofText);
        assertEquals(91, spki.length, "WebCrypto's P-256 SPKI");
        assertEquals(DevicePublicKey.P1363_SIGNATURE_BYTES, proof.length, "P1363 r ‖ s");

        DevicePublicKey key = DevicePublicKey.fromSpki(spki);
        assertEquals(site.origin(), page.call("return location.origin;"));
        assertTrue(key.verify(SignedMessages.enrollment(challenge, spki, site.origin()), proof));
        assertFalse(key.verify(SignedMessages.enrollment(challenge, spki, DOC_ORIGIN), proof), "another origin");
        assertFalse(key.verify(SignedMessages.enrollment(random(32), spki, site.origin()), proof), "another challenge");
    }

    @Test
    void aLoginAfterRememberCredentialIsWhatFromJsonReadsAndVerifiesWithTheEnrolledKey() throws Exception {
        String credentialId = newCredentialId();
        byte[] spki = enrolAndBind(credentialId);
        assertEquals(credentialId, page.call("return await m.boundCredential();"));

        byte[] nonce = random(32);
        String challengeId = B64URL.encodeToString(random(16));
        String posted = loginJson(nonce, challengeId);

        LoginAttempt attempt = LoginAttempt.fromJson(posted);
        assertEquals(credentialId, attempt.credentialId().orElseThrow());
        assertEquals(challengeId, attempt.challengeId().orElseThrow());
        assertEquals("A123456789", attempt.nationalId().orElseThrow());
        byte[] signature = attempt.signature().orElseThrow();
        assertEquals(DevicePublicKey.P1363_SIGNATURE_BYTES, signature.length);
        DevicePublicKey key = DevicePublicKey.fromSpki(spki);
        assertTrue(key.verify(SignedMessages.login(nonce, credentialId, site.origin()), signature));
        assertFalse(key.verify(SignedMessages.login(nonce, credentialId, DOC_ORIGIN), signature), "another origin");
        assertFalse(key.verify(SignedMessages.login(random(32), credentialId, site.origin()), signature), "another nonce");
        assertFalse(key.verify(SignedMessages.login(nonce, newCredentialId(), site.origin()), signature), "another credential");
    }

    @Test
    void theLastApplicationIsTheOneBoundAndANewApplicationLeavesTheBoundKeyAlone() throws Exception {
        byte[] first = spkiOf(page.call("return JSON.stringify(await m.application(args[0]));", applicationFields(random(32))));
        String credentialId = newCredentialId();
        byte[] second = enrolAndBind(credentialId);
        byte[] third = spkiOf(page.call("return JSON.stringify(await m.application(args[0]));", applicationFields(random(32))));
        assertFalse(java.util.Arrays.equals(first, second) || java.util.Arrays.equals(second, third), "a new key each time");

        byte[] nonce = random(32);
        byte[] signature = Base64.getUrlDecoder().decode(JSON.readTree(loginJson(nonce, "c1")).path("signature").asText());
        byte[] message = SignedMessages.login(nonce, credentialId, site.origin());
        assertTrue(DevicePublicKey.fromSpki(second).verify(message, signature), "signed by the bound (second) key");
        assertFalse(DevicePublicKey.fromSpki(first).verify(message, signature));
        assertFalse(DevicePublicKey.fromSpki(third).verify(message, signature), "the pending key never logs in");
        assertEquals(credentialId, page.call("return await m.boundCredential();"));
    }

    @Test
    void thePrivateKeyIsNonExtractableInIndexedDb() {
        enrolAndBind(newCredentialId());
        @SuppressWarnings("unchecked")
        Map<String, Object> found = (Map<String, Object>) page.call("""
                const db = await new Promise((ok, no) => { const r = indexedDB.open("mobileauth");
                    r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
                const record = await new Promise((ok, no) => { const r = db.transaction("keys").objectStore("keys").get("bound");
                    r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); });
                db.close();
                const key = record.keyPair.privateKey;
                const refused = async (format) => { try { await crypto.subtle.exportKey(format, key); return "exported"; }
                                                     catch (e) { return e.name; } };
                return {extractable: key.extractable, usages: key.usages.join(","), credentialId: record.credentialId,
                        pkcs8: await refused("pkcs8"), jwk: await refused("jwk")};
                """);
        assertEquals(false, found.get("extractable"));
        assertEquals("sign", found.get("usages"));
        assertEquals("InvalidAccessError", found.get("pkcs8"));
        assertEquals("InvalidAccessError", found.get("jwk"));
    }

    @Test
    void withoutABoundKeyLoginIsNotBoundAndRememberingNeedsAPendingKey() {
        assertEquals(null, page.call("return await m.boundCredential();"));
        Map<String, String> notBound = page.failure("await m.loginAttempt(args[0], args[1]);", loginFields(), loginChallenge(random(32), "c1"));
        assertEquals("MobileAuthError", notBound.get("name"));
        assertEquals("NOT_BOUND", notBound.get("code"));
        assertTrue(notBound.get("message").contains("尚未綁定") && notBound.get("message").contains("no bound key"), notBound.get("message"));
        assertEquals("NO_PENDING_KEY", page.failure("await m.rememberCredential(args[0]);", newCredentialId()).get("code"));
        enrolAndBind(newCredentialId());
        assertEquals("NO_PENDING_KEY", page.failure("await m.rememberCredential(args[0]);", newCredentialId()).get("code"),
                "a pending key binds once");
        page.call("await m.forget();");
        assertEquals("NOT_BOUND", page.failure("await m.loginAttempt(args[0], args[1]);", loginFields(),
                loginChallenge(random(32), "c1")).get("code"), "forget() deletes the bound key");
    }

    @Test
    void badInputIsATypedErrorNamingTheField() {
        String challenge = B64URL.encodeToString(random(32));
        assertEquals("MISSING_CHALLENGE", page.failure("await m.application({name: '王小明'});").get("code"));
        assertEquals("BAD_FIELD", page.failure("await m.application(null);").get("code"));
        Map<String, String> number = page.failure("await m.application({challenge: args[0], birthDate: 19860314});", challenge);
        assertEquals("BAD_FIELD", number.get("code"));
        assertTrue(number.get("message").contains("birthDate"), number.get("message"));
        assertEquals("BAD_FIELD", page.failure("await m.application({challenge: args[0], devicePublicKey: 'x'});", challenge).get("code"));
        assertEquals("BAD_CHALLENGE", page.failure("await m.application({challenge: '***'});").get("code"));
        assertEquals("BAD_CHALLENGE", page.failure("await m.application({challenge: args[0]});",
                B64URL.encodeToString(random(8))).get("code"), "shorter than 16 bytes");
        assertEquals("MISSING_CHALLENGE", page.failure("await m.loginAttempt(args[0], null);", loginFields()).get("code"));
        assertEquals("BAD_CHALLENGE", page.failure("await m.loginAttempt(args[0], args[1]);", loginFields(),
                loginChallenge(random(16), "c1")).get("code"), "a 16-byte nonce");
        assertEquals("BAD_FIELD", page.failure("await m.loginAttempt({password: 1234}, args[0]);",
                loginChallenge(random(32), "c1")).get("code"));
        assertEquals("BAD_ARGUMENT", page.failure("await m.rememberCredential('');").get("code"));
        assertEquals(null, page.call("return await m.boundCredential();"), "nothing was stored by a refused call");
    }

    @Test
    void theBoundKeySurvivesABrowserRestartAndStaysInItsOwnProfile(@TempDir Path profile) throws Exception {
        String credentialId = newCredentialId();
        byte[] spki;
        try (Chromium first = Chromium.start(profile)) {
            ModulePage before = ModulePage.open(first, site);
            spki = spkiOf(before.call("return JSON.stringify(await m.application(args[0]));", applicationFields(random(32))));
            before.call("await m.rememberCredential(args[0]);", credentialId);
            Path png = first.screenshot(Path.of("target", "screenshots", "known-answer-page.png"));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(Files.readAllBytes(png), 4));
        }
        try (Chromium again = Chromium.start(profile); Chromium other = Chromium.start()) {
            ModulePage after = ModulePage.open(again, site);
            assertEquals(credentialId, after.call("return await m.boundCredential();"), "kept in IndexedDB");
            byte[] nonce = random(32);
            @SuppressWarnings("unchecked")
            Map<String, Object> attempt = (Map<String, Object>) after.call("return await m.loginAttempt(args[0], args[1]);",
                    loginFields(), loginChallenge(nonce, "c2"));
            byte[] signature = Base64.getUrlDecoder().decode((String) attempt.get("signature"));
            assertTrue(DevicePublicKey.fromSpki(spki).verify(SignedMessages.login(nonce, credentialId, site.origin()), signature),
                    "the same key signs after the restart");
            assertEquals("NOT_BOUND", ModulePage.open(other, site).failure("await m.loginAttempt(args[0], args[1]);",
                    loginFields(), loginChallenge(nonce, "c2")).get("code"), "another browser on the same origin holds no key");
        }
    }

    /** The hex of the first code block after {@code heading}: on each line, the hex words before any comment. */
    private static String documentedHex(String heading) throws java.io.IOException {
        String doc = Files.readString(SIGNED_MESSAGES_DOC);
        int section = doc.indexOf(heading);
        assertTrue(section >= 0, "docs/signed-messages.md has no " + heading);
        int start = doc.indexOf("```\n", section) + 4;
        StringBuilder hex = new StringBuilder();
        for (String line : doc.substring(start, doc.indexOf("```", start)).split("\n")) {
            for (String word : line.trim().split("\\s+")) {
                if (!word.matches("[0-9a-f]+")) {
                    break;
                }
                hex.append(word);
            }
        }
        return hex.toString();
    }

    private static byte[] enrolAndBind(String credentialId) {
        byte[] spki = spkiOf(page.call("return JSON.stringify(await m.application(args[0]));", applicationFields(random(32))));
        page.call("await m.rememberCredential(args[0]);", credentialId);
        return spki;
    }

    private static String loginJson(byte[] nonce, String challengeId) {
        return (String) page.call("return JSON.stringify(await m.loginAttempt(args[0], args[1]));",
                loginFields(), loginChallenge(nonce, challengeId));
    }

    private static byte[] spkiOf(Object applicationJson) {
        try {
            return Base64.getUrlDecoder().decode(JSON.readTree((String) applicationJson).path("devicePublicKey").asText());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + applicationJson, e);
        }
    }

    private static Map<String, String> applicationFields(byte[] challenge) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("nationalId", "A123456789");
        fields.put("carrierId", "cht");
        fields.put("mobileNumber", "0912-345-678");
        fields.put("nhiCardNumber", "000012345678");
        fields.put("birthDate", "75/03/14");
        fields.put("name", "王小明");
        fields.put("password", "Kiwi-Lantern-8462!");
        fields.put("passwordConfirmation", "Kiwi-Lantern-8462!");
        fields.put("captchaId", "c_1");
        fields.put("captchaAnswer", "x7kp");
        fields.put("portalExtra", "kept as given");
        fields.put("challenge", B64URL.encodeToString(challenge));
        return fields;
    }

    private static Map<String, String> loginFields() {
        return Map.of("nationalId", "A123456789", "birthDate", "75/03/14", "name", "王小明", "password", "Kiwi-Lantern-8462!");
    }

    private static Map<String, String> loginChallenge(byte[] nonce, String id) {
        return Map.of("id", id, "nonce", B64URL.encodeToString(nonce));
    }

    private static String newCredentialId() {
        return "mat_" + B64URL.encodeToString(random(16));
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
