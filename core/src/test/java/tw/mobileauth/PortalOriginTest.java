package tw.mobileauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.credential.TrustedCas;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.enrollment.PortalUrls;
import tw.mobileauth.login.LoginService;
import tw.mobileauth.store.InMemoryCounterStore;
import tw.mobileauth.store.InMemoryCredentialStore;
import tw.mobileauth.store.InMemoryEnrollmentStore;
import tw.mobileauth.store.InMemoryOneTimeTokenStore;

/**
 * One origin rule for both services: the table below is what enrolment ({@link PortalUrls}) and
 * login ({@link LoginService.Builder#origin(String)}) both accept, in canonical form, and refuse.
 */
class PortalOriginTest {

    private static final TrustedCas CAS = TrustedCas.of(
            EnrollmentCa.generateDevelopmentCa("origin test CA", Clock.systemUTC()).certificate());

    @ParameterizedTest(name = "{0} is accepted as {1}")
    @CsvSource({
        "https://portal.example.tw,          https://portal.example.tw",
        "https://portal.example.tw:8443,     https://portal.example.tw:8443",
        "https://Portal.Example.TW,          https://portal.example.tw",
        "HTTPS://portal.example.tw,          https://portal.example.tw",
        "https://portal.example.tw:443,      https://portal.example.tw",
        "https://Portal.Example.tw:443/,     https://portal.example.tw",
        "https://portal.example.tw/,         https://portal.example.tw",
        "https://xn--kpry57d.tw,             https://xn--kpry57d.tw",
        "http://localhost:8080,              http://localhost:8080",
        "http://localhost:80,                http://localhost",
        "http://127.0.0.1:8080,              http://127.0.0.1:8080",
        "http://127.1.2.3,                   http://127.1.2.3",
        "http://[::1]:8080,                  http://[::1]:8080",
        "https://localhost:8443,             https://localhost:8443",
    })
    void acceptedOriginsAreCanonicalAndTheSameForEnrollmentAndLogin(String given, String canonical) {
        assertEquals(canonical, PortalOrigin.of(given).value());
        assertEquals(PortalOrigin.of(canonical), PortalOrigin.of(given));
        PortalUrls urls = new PortalUrls(given, URI.create(canonical + "/mobile/h"),
                URI.create(canonical + "/mobile/callback"));
        assertEquals(canonical, urls.origin().value(), "enrolment");
        LoginService login = loginUpToOrigin().origin(given).build();
        assertTrue(login.toString().contains("origin=" + canonical + ","), "login: " + login);
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {
        "http://portal.example.tw",           // http off loopback
        "http://portal.example.tw:8080",
        "http://localhost.example.tw",        // not loopback, only looks like it
        "http://128.0.0.1",
        "ftp://portal.example.tw",
        "wss://portal.example.tw",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "portal.example.tw",
        "//portal.example.tw",
        "https://portal.example.tw/login",
        "https://portal.example.tw//",
        "https://portal.example.tw?x=1",
        "https://portal.example.tw#top",
        "https://user@portal.example.tw",
        "https://user:pw@portal.example.tw",
        "https://入口.tw",
        "https://portal example.tw",
        "https://",
        "",
    })
    void refusedOriginsAreRefusedByEnrollmentAndLoginAlike(String given) {
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class, () -> PortalOrigin.of(given));
        assertTrue(direct.getMessage().contains("https://portal.example.tw"), "names a correct example: " + direct);
        assertThrows(IllegalArgumentException.class, () -> new PortalUrls(given,
                URI.create("https://portal.example.tw/mobile/h"), URI.create("https://portal.example.tw/mobile/cb")),
                "enrolment");
        assertThrows(IllegalArgumentException.class, () -> loginUpToOrigin().origin(given), "login");
    }

    @ParameterizedTest(name = "a portal URL {0} is refused")
    @ValueSource(strings = {"http://portal.example.tw/mobile/h", "ftp://portal.example.tw/h", "/mobile/h",
        "https://portal.example.tw/mobile/h#x", "https://u@portal.example.tw/h"})
    void handoffAndCallbackUrlsFollowTheSameSchemeRule(String url) {
        URI good = URI.create("https://portal.example.tw/mobile/callback");
        assertThrows(IllegalArgumentException.class,
                () -> new PortalUrls("https://portal.example.tw", URI.create(url), good));
        assertThrows(IllegalArgumentException.class,
                () -> new PortalUrls("https://portal.example.tw", good, URI.create(url)));
    }

    private static LoginService.OriginStage loginUpToOrigin() {
        return LoginService.builder()
                .stores(new InMemoryEnrollmentStore(), new InMemoryOneTimeTokenStore(), new InMemoryCredentialStore(),
                        new InMemoryCounterStore())
                .secrets(HmacKey.generate(new SecureRandom()))
                .trustedCas(CAS);
    }
}
