package tw.mobileauth.examples.spring;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tw.mobileauth.MobileAuth;
import tw.mobileauth.captcha.CaptchaService;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.enrollment.PortalUrls;
import tw.mobileauth.examples.spring.rest.ApiSessions;
import tw.mobileauth.examples.web.DemoNetworks;
import tw.mobileauth.examples.web.DemoPortal;
import tw.mobileauth.login.LockOutPolicy;
import tw.mobileauth.store.jdbc.JdbcStores;

/**
 * The SDK as Spring beans: the embedded demo networks, {@link MobileAuth} on Spring Boot's
 * {@link DataSource} (HikariCP), and the shared {@link DemoPortal}. Spring Boot's Flyway migrates
 * the SDK's schema ({@code spring.flyway.locations=classpath:db/mobileauth},
 * {@code spring.flyway.table=mobileauth_schema_history}, see {@code application.properties});
 * {@link DependsOnDatabaseInitialization} makes the {@code MobileAuth} bean wait for it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MobileAuthProperties.class)
public class MobileAuthConfiguration {

    /**
     * The demo's lock-out: from the {@link DemoPortal#LOCK_OUT_THRESHOLD 5th} failed login in a row the
     * browser's credential (and its owner) is locked, 1 minute at first, 1 minute longer per further
     * five failures. Failures count on the credential that signed, never on the typed ID, so the
     * login page can say "this browser is locked" without saying anything about the ID.
     */
    static final LockOutPolicy DEMO_LOCK_OUT = LockOutPolicy.builder()
            .threshold(DemoPortal.LOCK_OUT_THRESHOLD)
            .waitIncrement(Duration.ofMinutes(1))
            .build();

    /** The fake carrier networks and NHI registry on loopback; closed with the context. */
    @Bean(destroyMethod = "close")
    public DemoNetworks demoNetworks() {
        return DemoNetworks.start();
    }

    /**
     * The portal's URLs, from {@code mobileauth.portal.origin}.
     *
     * @throws IllegalStateException if no origin is set and the port is random ({@code server.port=0})
     */
    @Bean
    public PortalUrls portalUrls(MobileAuthProperties properties) {
        String origin = properties.portal().origin();
        if (origin == null || origin.isBlank()) {
            throw new IllegalStateException("mobileauth.portal.origin is not set: give the portal's public origin, "
                    + "e.g. mobileauth.portal.origin=https://portal.example.tw");
        }
        if (origin.matches("https?://[^/]+:0/?")) {
            throw new IllegalStateException("mobileauth.portal.origin is " + origin + ": with server.port=0 (a random "
                    + "port) set mobileauth.portal.origin to the origin browsers really use");
        }
        return DemoPortal.urlsFor(origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin);
    }

    /**
     * The SDK, wired once. The stores are the JDBC ones on Spring Boot's pool, created after
     * Flyway ran ({@link JdbcStores#create} refuses a schema newer than the SDK's). The captcha is
     * a {@link CaptchaService} bean when the context has one (tests register one whose answers they
     * know), else the SDK's built-in image captcha.
     */
    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization
    public MobileAuth mobileAuth(DemoNetworks demoNetworks, DataSource dataSource, PortalUrls portalUrls,
            MobileAuthProperties properties, ObjectProvider<CaptchaService> captcha) {
        SecureRandom random = new SecureRandom();
        // Demo only: fresh keys and a fresh development CA at every start, so credentials issued before a restart
        // no longer log in. A real portal loads its HmacKey and AeadKey from its secret store (a KMS, Vault, an HSM)
        // and its enrolment CA with EnrollmentCa.fromPkcs12(…); losing the HMAC key orphans every credential.
        HmacKey hmacKey = HmacKey.generate(random);
        AeadKey pendingDataKey = AeadKey.generate(random);
        EnrollmentCa ca = EnrollmentCa.generateDevelopmentCa(properties.portal().developmentCaName(), Clock.systemUTC());
        return MobileAuth.builder()
                .carriers(demoNetworks.carrierSettings())
                .stores(JdbcStores.create(dataSource))
                .secrets(hmacKey, pendingDataKey)
                .certificateAuthority(ca)
                .portal(portalUrls)
                .identityRegistry(demoNetworks.identityRegistry()) // DemoNetworks owns and closes it
                .secureRandom(random)
                .enrollmentOptions(options -> {
                    CaptchaService service = captcha.getIfAvailable();
                    return service == null ? options : options.captcha(service);
                })
                .loginOptions(options -> options.lockOutPolicy(DEMO_LOCK_OUT))
                .build();
    }

    /**
     * The REST API's login sessions (the {@code MobileAuth-Session} header), in memory: 15 minutes
     * idle, 8 hours at most, {@value ApiSessions#DEFAULT_MAX_ENTRIES} at once.
     */
    @Bean
    public ApiSessions apiSessions() {
        return ApiSessions.withDefaults(Clock.systemUTC(), new SecureRandom());
    }

    /** The shared demo pages, served by {@link SharedPagesController}. */
    @Bean
    public DemoPortal demoPortal(MobileAuth mobileAuth, DemoNetworks demoNetworks, PortalUrls portalUrls) {
        return DemoPortal.create(mobileAuth, demoNetworks, portalUrls);
    }
}
