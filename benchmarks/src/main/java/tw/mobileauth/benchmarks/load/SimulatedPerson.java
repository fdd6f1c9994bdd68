package tw.mobileauth.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.examples.web.DemoNetworks;
import tw.mobileauth.testing.TestCaptcha;

/**
 * One person with one browser: enrols through the portal's pages and JSON endpoints (the browser's
 * WebCrypto done with {@link DeviceKey} and {@link SignedMessages}, as {@code mobileauth.js} does),
 * plays their phone on the fake networks, then logs in with the four fields as often as asked.
 * Talks only to the portal's loopback address. Not thread-safe: one thread per person.
 */
final class SimulatedPerson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
    private static final String PASSWORD = "Kiwi-Lantern-8462!";

    private final URI base;
    private final String origin;
    private final Subscriber person;
    private final DeviceKey key;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private String csrf = "";
    private String credentialId;

    SimulatedPerson(URI base, Subscriber person, SecureRandom random) {
        this.base = base;
        this.origin = base.getScheme() + "://" + base.getAuthority();
        this.person = person;
        this.key = DeviceKey.generate(random);
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Enrols on the desktop, with the phone as a second browser; fails with the step that went wrong. */
    void enrol(FakeCarrierNetworks networks, TestCaptcha captcha) throws IOException, InterruptedException {
        get("/enrol");
        expect(302, form("/enrol", Map.of("csrf", csrf, "nationalId", person.holderId())), "ID check");
        String page = get("/enrol/form").body();
        String challenge = attr(page, "applicationForm", "data-challenge");
        String captchaId = attr(page, "captchaId", "value");
        byte[] spki = key.publicKeySpki();
        byte[] proof = key.sign(SignedMessages.enrollment(Base64.getUrlDecoder().decode(challenge), spki, origin));
        Map<String, String> posted = new LinkedHashMap<>();
        posted.put("nationalId", person.holderId());
        posted.put("carrierId", person.carrierId());
        posted.put("mobileNumber", "0" + person.msisdn().e164().substring(4));
        posted.put("nhiCardNumber", DemoNetworks.nhiCardFor(person));
        posted.put("birthDate", person.birthDate().toString());
        posted.put("name", person.name());
        posted.put("password", PASSWORD);
        posted.put("passwordConfirmation", PASSWORD);
        posted.put("tabletSim", "no");
        posted.put("challenge", challenge);
        posted.put("captchaId", captchaId);
        posted.put("captchaAnswer", captcha.answerFor(captchaId).orElseThrow());
        posted.put("devicePublicKey", Base64.getUrlEncoder().encodeToString(spki));
        posted.put("proofOfPossession", Base64.getUrlEncoder().encodeToString(proof));
        expect(200, json("/api/enrol/apply", JSON.writeValueAsString(posted)), "apply");
        URI handoff = URI.create(attr(get("/enrol/qr").body(), "handoffUrl", "href"));
        SimulatedPerson phone = new SimulatedPerson(base, person, new SecureRandom());
        phone.get(handoff.getPath() + "?" + handoff.getRawQuery());
        phone.get("/mobile/h");
        String pairing = JSON.readTree(get("/api/enrol/status").body()).path("pairingCode").asText();
        HttpResponse<String> started = phone.form("/mobile/start", Map.of("csrf", phone.csrf, "consent", "yes",
                "pairingCode", pairing));
        expect(302, started, "start verification");
        Map<String, String> callback = networks.phone(NetworkAttachments.defaultHandle(person.msisdn()))
                .open(URI.create(started.headers().firstValue("Location").orElseThrow()));
        String query = callback.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        expect(200, phone.get("/mobile/callback?" + query), "carrier callback");
        JsonNode status = JSON.readTree(get("/api/enrol/status").body());
        if (!"COMPLETED".equals(status.path("state").asText())) {
            throw new IllegalStateException("enrolment of " + person + " ended " + status.path("state").asText());
        }
        credentialId = status.path("credentialId").asText();
    }

    /**
     * One login as a person does it: the login page, then (timed) the challenge and the signed
     * attempt. Starts from a fresh session each time.
     *
     * @return the nanoseconds from the challenge request to the answer of the attempt
     * @throws IllegalStateException if the portal refused the login
     */
    long login() throws IOException, InterruptedException {
        cookies.getCookieStore().removeAll();
        get("/login");
        long start = System.nanoTime();
        HttpResponse<String> c = json("/api/login/challenge", "{}");
        expect(200, c, "login challenge");
        JsonNode challenge = JSON.readTree(c.body());
        byte[] signature = key.sign(SignedMessages.login(Base64.getUrlDecoder().decode(challenge.path("nonce").asText()),
                credentialId, origin));
        Map<String, String> attempt = new LinkedHashMap<>();
        attempt.put("nationalId", person.holderId());
        attempt.put("birthDate", person.birthDate().toString());
        attempt.put("name", person.name());
        attempt.put("password", PASSWORD);
        attempt.put("credentialId", credentialId);
        attempt.put("challengeId", challenge.path("id").asText());
        attempt.put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        HttpResponse<String> r = json("/api/login", JSON.writeValueAsString(attempt));
        long took = System.nanoTime() - start;
        expect(200, r, "login");
        if (JSON.readTree(r.body()).path("next").isMissingNode()) {
            throw new IllegalStateException("login refused: " + r.body());
        }
        return took;
    }

    private static void expect(int status, HttpResponse<String> r, String step) {
        if (r.statusCode() != status) {
            String body = r.body();
            throw new IllegalStateException(step + ": HTTP " + r.statusCode() + " (expected " + status + "): "
                    + body.substring(0, Math.min(300, body.length())));
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    private HttpResponse<String> form(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> json(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of {@code attr} on the element with {@code id}; fails naming both when absent. */
    static String attr(String html, String id, String attr) {
        Matcher m = Pattern.compile("<[^>]*id=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
        if (m.find()) {
            Matcher a = Pattern.compile(attr + "=\"([^\"]*)\"").matcher(m.group());
            if (a.find()) {
                return a.group(1).replace("&amp;", "&");
            }
        }
        throw new IllegalStateException("the page has no #" + id + " with " + attr);
    }
}
