package tw.mobileauth.examples.jdk.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tw.mobileauth.carrier.testkit.MutableClock;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.examples.jdk.Applications;
import tw.mobileauth.examples.jdk.Browser;
import tw.mobileauth.examples.jdk.PortalJdk;
import tw.mobileauth.testing.TestCaptcha;

/**
 * One person's enrolment on the JDK portal over loopback HTTP, step by step, with a desktop and a
 * phone that each keep their own cookies, as {@code PortalJdkTest} drives it; and the person who
 * follows what the phone's page says when the carrier callback fails: wait and send it again, or go
 * back and press 開始驗證 again.
 */
final class Journey {

    static final String PASSWORD = "Kiwi-Lantern-8462!";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the phone's callback page said. */
    enum Answer {
        /** 200 with the result: the credential is issued. */
        COMPLETED,
        /** 503, "wait a few seconds and try again": the same callback again. */
        RETRY,
        /** 503, "press Start verification again": a new verification. */
        RESTART,
        /** Anything else: a refusal, a page without a remedy, a broken connection. */
        OTHER
    }

    /** One person's enrolment in progress: their browsers and what they hold. */
    static final class Enrolment {
        final Subscriber person;
        final DeviceKey key = DeviceKey.generate(RANDOM);
        final Browser desktop;
        final Browser phone;
        String callbackQuery;
        /** The pairing code the desktop showed (the person remembers it). */
        String pairingCode;

        Enrolment(Subscriber person, URI base) {
            this.person = person;
            this.desktop = new Browser(base);
            this.phone = new Browser(base);
        }
    }

    final PortalJdk portal;
    private final TestCaptcha captcha;
    private final MutableClock clock;

    /**
     * The certificate-password hasher of these tests: Argon2id with 1 MiB and one pass, since they are
     * about faults and restarts, not about the hash's cost; and a queue that waits rather than refuses
     * when many desktops apply at once on 2 cores.
     */
    static Argon2idPasswordHasher hasher() {
        return Argon2idPasswordHasher.builder().memoryKiB(1024).iterations(1).maxWait(Duration.ofSeconds(60)).build();
    }

    Journey(PortalJdk portal, TestCaptcha captcha, MutableClock clock) {
        this.portal = portal;
        this.captcha = captcha;
        this.clock = clock;
    }

    /** Steps 1–4 on the desktop: the ID, the form, the application; the enrolment is BEGUN. */
    Enrolment apply(Subscriber person) throws IOException, InterruptedException {
        Enrolment e = new Enrolment(person, portal.uri());
        e.desktop.get("/enrol");
        expect(302, e.desktop.form("/enrol", Map.of("csrf", e.desktop.csrf(), "nationalId", person.holderId())));
        String form = e.desktop.get("/enrol/form").body();
        String posted = JSON.writeValueAsString(Applications.of(portal.uri(), captcha, form, person, e.key, PASSWORD));
        expect(200, e.desktop.json("/api/enrol/apply", posted, e.desktop.csrf()));
        return e;
    }

    /** The QR code's link, as the desktop's page shows it. */
    URI qrLink(Enrolment e) throws IOException, InterruptedException {
        String qrPage = e.desktop.get("/enrol/qr").body();
        return URI.create(Browser.attr(qrPage, "handoffUrl", "href"));
    }

    /** The phone opens the QR code's link: the handoff is claimed. */
    void claimQr(Enrolment e) throws IOException, InterruptedException {
        claimQr(e, qrLink(e));
    }

    /** The phone opens {@code handoff} (a QR code's link) on this portal. */
    void claimQr(Enrolment e, URI handoff) throws IOException, InterruptedException {
        expect(302, e.phone.get(handoff.getPath() + "?" + handoff.getRawQuery()));
        expect(200, e.phone.get("/mobile/h"));
    }

    /** The phone consents, types the pairing code and presses 開始驗證; the carrier's URL. */
    URI startVerification(Enrolment e) throws IOException, InterruptedException {
        if (e.pairingCode == null) {
            e.pairingCode = status(e).path("pairingCode").asText();
        }
        String pairing = e.pairingCode;
        HttpResponse<String> started = e.phone.form("/mobile/start",
                Map.of("csrf", e.phone.csrf(), "consent", "yes", "pairingCode", pairing));
        expect(302, started);
        return URI.create(started.headers().firstValue("Location").orElseThrow());
    }

    /** The phone at the carrier, on its mobile network: the callback it is sent back with is kept. */
    void atCarrier(Enrolment e, URI carrier) {
        Map<String, String> callback = portal.networks().networks()
                .phone(NetworkAttachments.defaultHandle(e.person.msisdn())).open(carrier);
        e.callbackQuery = callback.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Everything up to the carrier's callback, which is not sent yet. */
    Enrolment toCallback(Subscriber person) throws IOException, InterruptedException {
        Enrolment e = apply(person);
        claimQr(e);
        atCarrier(e, startVerification(e));
        return e;
    }

    /** The phone follows the carrier's redirect back to the portal; what the page said. */
    Answer callback(Enrolment e) throws InterruptedException {
        HttpResponse<String> r;
        try {
            r = e.phone.get("/mobile/callback?" + e.callbackQuery);
        } catch (IOException broken) {
            return Answer.OTHER;
        }
        if (r.statusCode() == 200 && Browser.byId(r.body(), "result") != null) {
            return Answer.COMPLETED;
        }
        String remedy = Browser.byId(r.body(), "remedy");
        if (r.statusCode() != 503 || remedy == null || remedy.isEmpty()) {
            return Answer.OTHER;
        }
        return remedy.contains("開始驗證") ? Answer.RESTART : Answer.RETRY;
    }

    /**
     * The person after a first answer: repeats the callback on RETRY (a few seconds later), starts the verification again on RESTART, at most {@code tries} times; every answer
     * in order, the last one COMPLETED unless they gave up.
     */
    List<Answer> persist(Enrolment e, Answer first, int tries) throws IOException, InterruptedException {
        List<Answer> path = new ArrayList<>(List.of(first));
        Answer a = first;
        for (int i = 0; i < tries && a != Answer.COMPLETED && a != Answer.OTHER; i++) {
            if (a == Answer.RESTART) {
                atCarrier(e, startVerification(e));
            } else {
                // "Wait a few seconds": a few on the clock (a held code-exchange right runs out), and
                // 0.6 s of real time, past HikariCP's 0.5 s window in which it hands out a pooled
                // connection without checking it (after the database restarted, each would fail once).
                clock.advance(Duration.ofSeconds(4));
                Thread.sleep(600);
            }
            a = callback(e);
            path.add(a);
        }
        return path;
    }

    /** The desktop's status poll. */
    JsonNode status(Enrolment e) throws IOException, InterruptedException {
        return JSON.readTree(e.desktop.get("/api/enrol/status").body());
    }

    /** A login with the four fields and the device key; the JSON answer. */
    JsonNode login(Enrolment e, String credentialId, String password) throws IOException, InterruptedException {
        Browser b = new Browser(portal.uri());
        b.get("/login");
        JsonNode challenge = JSON.readTree(b.json("/api/login/challenge", "{}", b.csrf()).body());
        byte[] signature = e.key.sign(SignedMessages.login(Base64.getUrlDecoder().decode(challenge.path("nonce").asText()),
                credentialId, origin()));
        Map<String, String> attempt = new LinkedHashMap<>();
        attempt.put("nationalId", e.person.holderId());
        attempt.put("birthDate", e.person.birthDate().toString());
        attempt.put("name", e.person.name());
        attempt.put("password", password);
        attempt.put("credentialId", credentialId);
        attempt.put("challengeId", challenge.path("id").asText());
        attempt.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        return JSON.readTree(b.json("/api/login", JSON.writeValueAsString(attempt), b.csrf()).body());
    }

    private String origin() {
        return portal.uri().getScheme() + "://" + portal.uri().getAuthority();
    }

    private static void expect(int status, HttpResponse<String> r) {
        if (r.statusCode() != status) {
            throw new AssertionError("expected " + status + " from " + r.request().uri().getPath() + ", got "
                    + r.statusCode() + ": " + Browser.byId(r.body(), "error"));
        }
    }
}
