package tw.mobileauth.examples.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.MobileAuth;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.enrollment.PortalUrls;

/**
 * The demo portal: every page of the BLI journey, written once against {@link WebRequest} and
 * {@link WebResponse}, so the JDK HttpServer example and the Spring Boot example serve the same
 * pages and JavaScript. The host stack wires {@link MobileAuth} (stores, keys, CA) and hands it in.
 * The routes and element ids are listed in the module's {@code PAGES.md}.
 */
public final class DemoPortal {

    /**
     * Failed logins in a row after which the demo locks a browser's credential out: {@value}. The
     * host stacks configure the SDK's {@code LockOutPolicy} with this threshold, and the login page
     * shows its lock-out notice ({@code #lockout}) from the same count on. Lower than the SDK's
     * default (10) so a visitor sees the lock-out after a handful of tries.
     */
    public static final int LOCK_OUT_THRESHOLD = 5;

    private static final Logger LOG = LoggerFactory.getLogger(DemoPortal.class);

    private final Deps deps;
    private final String csp;
    private final FrontPages front;
    private final EnrolPages enrol;
    private final QrPages qr;
    private final PhonePages phone;
    private final LoginPages login;
    private final AccountPages account;

    /**
     * Options of the portal itself.
     *
     * @param clock          the clock of sessions (give the same one as {@link MobileAuth}'s)
     * @param maxWebSessions the most browser sessions held at once; a browser without one is then
     *                       answered 503 "busy" (default 200,000)
     */
    public record Options(Clock clock, int maxWebSessions) {
        /** Checks the values. */
        public Options {
            Objects.requireNonNull(clock, "clock");
            if (maxWebSessions < 1) {
                throw new IllegalArgumentException("maxWebSessions must be at least 1, was " + maxWebSessions);
            }
        }

        /**
         * These sessions' clock, and the default bound on sessions.
         *
         * @param clock the clock of sessions
         */
        public Options(Clock clock) {
            this(clock, Sessions.MAX_WEB_SESSIONS);
        }

        /** The system clock, and the default bound on sessions. */
        public static Options defaults() {
            return new Options(Clock.systemUTC());
        }
    }

    private DemoPortal(MobileAuth auth, DemoNetworks networks, PortalUrls urls, Options options) {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(networks, "networks");
        Objects.requireNonNull(urls, "urls");
        this.deps = new Deps(auth, networks, new Layout(sdkVersion()), new Sessions(new SecureRandom(), options.clock(), options.maxWebSessions()),
                options.clock());
        this.csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
                + "base-uri 'none'; frame-ancestors 'none'; form-action 'self' " + carrierOrigins(networks);
        this.front = new FrontPages(deps);
        this.enrol = new EnrolPages(deps);
        this.qr = new QrPages(deps);
        this.phone = new PhonePages(deps);
        this.login = new LoginPages(deps);
        this.account = new AccountPages(deps);
    }

    /**
     * The portal's URLs for an origin such as {@code http://localhost:8080}: the QR handoff at
     * {@code /mobile/h} and the carrier callback at {@code /mobile/callback}.
     */
    public static PortalUrls urlsFor(String origin) {
        return new PortalUrls(origin, URI.create(origin + "/mobile/h"), URI.create(origin + "/mobile/callback"));
    }

    /** A portal on {@code auth}, whose phone pages use {@code networks}' simulated network. */
    public static DemoPortal create(MobileAuth auth, DemoNetworks networks, PortalUrls urls) {
        return new DemoPortal(auth, networks, urls, Options.defaults());
    }

    /** As {@link #create(MobileAuth, DemoNetworks, PortalUrls)}, with {@code options}. */
    public static DemoPortal create(MobileAuth auth, DemoNetworks networks, PortalUrls urls, Options options) {
        return new DemoPortal(auth, networks, urls, Objects.requireNonNull(options, "options"));
    }

    /** Serves one request. Never throws: an unexpected failure is a 500 page without details. */
    public WebResponse handle(WebRequest request) {
        WebResponse response;
        try {
            response = StaticFiles.serve(request.path()).orElse(null);
            if (response == null) {
                response = dynamic(request);
            }
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure serving {}", request, e);
            response = new WebResponse(500, List.of(Map.entry("Content-Type", "text/plain; charset=utf-8")),
                    "500 系統發生未預期的錯誤，請稍後再試。 / Something unexpected went wrong; try again later.".getBytes(
                            java.nio.charset.StandardCharsets.UTF_8));
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>(response.headers());
        headers.add(Map.entry("Content-Security-Policy", csp));
        headers.add(Map.entry("X-Content-Type-Options", "nosniff"));
        headers.add(Map.entry("Referrer-Policy", "no-referrer"));
        headers.add(Map.entry("X-Frame-Options", "DENY"));
        return new WebResponse(response.status(), headers, response.body());
    }

    private WebResponse dynamic(WebRequest request) {
        Map<String, String> cookies = Cookies.parse(request);
        List<String> newCookies = new ArrayList<>();
        String asked = Exchange.decodePairs(request.rawQuery()).get("lang");
        String lang = asked != null ? asked : cookies.getOrDefault(Cookies.LANG, "zh-TW");
        Locale locale = "en".equals(lang) ? Locale.ENGLISH : Locale.TAIWAN;
        boolean api = request.path().startsWith("/api/");
        Optional<Sessions.Web> session = deps.sessions().find(cookies.get(Cookies.SESSION));
        if (session.isEmpty()) {
            session = deps.sessions().create();
            if (session.isEmpty()) {
                long refused = deps.sessions().refused();
                if (refused == 1 || refused % 1000 == 0) { // a flood must not flood the log too
                    LOG.warn("Refused a {}: the most web sessions are held already ({} browsers refused so far)", request,
                            refused);
                }
                Exchange busy = new Exchange(request, deps.sessions().unheld(), locale, cookies);
                return api ? deps.layout().jsonError(busy, Failure.tooManySessions())
                        : deps.layout().errorPage(busy, Failure.tooManySessions());
            }
            newCookies.add(Cookies.set(Cookies.SESSION, session.get().id, "/", request.secure(), -1));
        }
        if (asked != null) {
            newCookies.add(Cookies.set(Cookies.LANG, Locale.ENGLISH.equals(locale) ? "en" : "zh-TW", "/", request.secure(), 31_536_000));
        }
        Exchange x = new Exchange(request, session.get(), locale, cookies);
        newCookies.forEach(x::setCookie);
        if (!"GET".equals(request.method()) && !"HEAD".equals(request.method()) && !x.csrfOk()) {
            LOG.info("Refused a {} without a valid CSRF token", request);
            return api ? deps.layout().jsonError(x, Failure.csrf()) : deps.layout().errorPage(x, Failure.csrf());
        }
        WebResponse r = route(x, routeKey(request));
        if (r != null) {
            return r;
        }
        return api ? deps.layout().jsonError(x, Failure.notFound()) : deps.layout().errorPage(x, Failure.notFound());
    }

    /**
     * The route of a request. HEAD is answered as GET (the adapter sends no body), except where a
     * GET acts: opening the handoff and the carrier callback are never triggered by a HEAD.
     */
    static String routeKey(WebRequest request) {
        String path = request.path();
        boolean acts = path.equals("/mobile/h") || path.equals("/mobile/callback");
        String method = "HEAD".equals(request.method()) && !acts ? "GET" : request.method();
        return method + " " + path;
    }

    private WebResponse route(Exchange x, String key) {
        return switch (key) {
            case "GET /" -> front.front(x);
            case "GET /help" -> front.help(x);
            case "GET /enrol" -> enrol.idCheck(x, null, "");
            case "POST /enrol" -> enrol.checkId(x);
            case "GET /enrol/form" -> enrol.form(x);
            case "POST /api/captcha" -> enrol.regenerateCaptcha(x);
            case "POST /api/enrol/apply" -> enrol.apply(x);
            case "GET /enrol/qr" -> qr.qr(x);
            case "GET /api/enrol/status" -> qr.status(x);
            case "POST /enrol/regenerate" -> qr.regenerate(x);
            case "POST /enrol/restart" -> qr.restart(x);
            case "GET /mobile/h" -> phone.handoff(x);
            case "POST /mobile/start" -> phone.start(x);
            case "GET /mobile/callback" -> phone.callback(x);
            case "GET /login" -> login.page(x);
            case "POST /api/login/challenge" -> login.challenge(x);
            case "POST /api/login" -> login.login(x);
            case "GET /notice" -> login.notice(x);
            case "POST /notice" -> login.acceptNotice(x);
            case "GET /account" -> account.account(x);
            case "POST /account/apply" -> account.apply(x);
            case "GET /account/browsers" -> account.browsers(x);
            case "POST /account/browsers/revoke" -> account.revoke(x);
            case "POST /logout" -> account.logout(x);
            default -> null;
        };
    }

    /** The fake carriers' origins: the phone's form post is redirected there (CSP form-action covers redirects). */
    private static String carrierOrigins(DemoNetworks networks) {
        FakeCarrierNetworks n = networks.networks();
        return FakeCarrierNetworks.carrierIds().stream().map(n::baseUri)
                .map(u -> u.getScheme() + "://" + u.getAuthority()).distinct().collect(Collectors.joining(" "));
    }

    /** The SDK version the page loads {@code mobileauth.js} for (the Maven project version). */
    static String sdkVersion() {
        try (InputStream in = DemoPortal.class.getResourceAsStream("portal.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("sdk.version", "0.1.0-SNAPSHOT");
        } catch (IOException e) {
            return "0.1.0-SNAPSHOT";
        }
    }
}
