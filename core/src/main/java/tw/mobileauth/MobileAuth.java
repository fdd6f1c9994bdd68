package tw.mobileauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.function.UnaryOperator;
import tw.mobileauth.audit.AuditSink;
import tw.mobileauth.audit.Slf4jAuditSink;
import tw.mobileauth.carrier.CarrierAdapters;
import tw.mobileauth.carrier.CarrierSettings;
import tw.mobileauth.carrier.Carriers;
import tw.mobileauth.credential.CertificateIssuer;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.credential.TrustedCas;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.PasswordHasher;
import tw.mobileauth.enrollment.EnrollmentListener;
import tw.mobileauth.enrollment.EnrollmentService;
import tw.mobileauth.enrollment.PortalUrls;
import tw.mobileauth.login.LoginService;
import tw.mobileauth.registry.spi.IdentityRegistry;

/**
 * The SDK, wired once per portal: one immutable configuration behind the two ceremonies and the
 * back office. Built with a staged builder, so it cannot be left half-configured:
 *
 * <pre>{@code
 * MobileAuth auth = MobileAuth.builder()
 *         .carriers(CarrierSettings.fromProperties(props))   // mobileauth.carrier.<id>.*
 *         .stores(Stores.inMemory(clock))                    // or a persistent Stores
 *         .secrets(hmacKey, pendingDataKey)
 *         .certificateAuthority(EnrollmentCa.fromPkcs12(caPath, caPassword, "ca"))
 *         .portal(new PortalUrls("https://portal.example.tw",
 *                 URI.create("https://portal.example.tw/mobile/h"),
 *                 URI.create("https://portal.example.tw/mobile/callback")))
 *         .identityRegistry(IdentityRegistries.discover(loader).connect("nhi", registryConfig))
 *         .build();                                          // every option has a documented default
 *
 * auth.enrollment();       // 行動電話認證 application, QR handoff, carrier verification, issuance
 * auth.login();            // four-field login on the bound browser
 * auth.administration();   // revoke, clear lock-out, PDPA export and erasure
 * }</pre>
 *
 * The two services share everything that must be one thing: the stores, the HMAC key, the clock,
 * the password hasher (and so its limiter), the audit sink, the random source, and the portal
 * origin that device signatures are bound to. Thread-safe. {@link #close()} closes the carrier
 * adapters it connected.
 */
public final class MobileAuth implements AutoCloseable {

    private final EnrollmentService enrollment;
    private final LoginService login;
    private final Administration administration;
    private final Carriers carriers;
    private final CarrierAdapters adapters;

    private MobileAuth(Builder b, EnrollmentService enrollment, LoginService login) {
        this.enrollment = enrollment;
        this.login = login;
        this.administration = new Administration(login);
        this.carriers = b.carriers;
        this.adapters = b.adapters;
    }

    /**
     * Starts the staged builder: carriers, stores, secrets, certificate authority, portal URLs, then options.
     *
     * @return the next stage
     */
    public static CarriersStage builder() {
        return new Builder();
    }

    /** {@return the enrolment service (steps 1–5 of the BLI journey, every device route)} */
    public EnrollmentService enrollment() {
        return enrollment;
    }

    /** {@return the login service (four fields on the bound browser)} */
    public LoginService login() {
        return login;
    }

    /** {@return revocation, lock-out clearing, and the PDPA export and erasure} */
    public Administration administration() {
        return administration;
    }

    /** {@return the carriers on offer, in display order: the application form's drop-down} */
    public Carriers carriers() {
        return carriers;
    }

    /** Removes expired enrolments, tokens and counters now (schedule it, e.g. every minute). */
    public void purgeExpired() {
        enrollment.purgeExpired();
        login.purgeExpired();
    }

    /** Closes the carrier adapters. */
    @Override
    public void close() {
        adapters.close();
    }

    /** The configuration, no secrets. */
    @Override
    public String toString() {
        return "MobileAuth[" + enrollment + ", " + login + "]";
    }

    // ---------------------------------------------------------------- builder

    /** Stage 1: the carriers. */
    public interface CarriersStage {
        /**
         * {@return the carriers found with {@link java.util.ServiceLoader} on this class's class loader,
         * connected with {@code settings}}
         *
         * @param settings the settings value
         * @throws IllegalArgumentException if a setting is wrong or names an unknown carrier
         */
        StoresStage carriers(CarrierSettings settings);

        /**
         * {@return the carriers of {@code registry}, connected with {@code settings}}
         *
         * @param registry the registry value
         * @param settings the settings value
         */
        StoresStage carriers(Carriers registry, CarrierSettings settings);
    }

    /** Stage 2: the stores. */
    public interface StoresStage {
        /**
         * {@return the four stores, shared by every portal node}
         *
         * @param stores the stores value
         */
        SecretsStage stores(Stores stores);
    }

    /** Stage 3: the portal's secrets. */
    public interface SecretsStage {
        /**
         * @param hmacKey        keys every verifier and token store key; losing it orphans every credential
         * @param pendingDataKey seals the personal data of pending enrolments (AES-GCM)
         * @return the next stage, the certificate authority
         */
        AuthorityStage secrets(HmacKey hmacKey, AeadKey pendingDataKey);
    }

    /** Stage 4: the certificate authority. */
    public interface AuthorityStage {
        /**
         * Issues from {@code ca} and trusts only it at login.
         *
         * @param ca the ca value
         * @return the next stage
         */
        UrlsStage certificateAuthority(EnrollmentCa ca);

        /**
         * Issues with {@code issuer} and trusts {@code trusted} at login: for a CA rotation, trust
         * the old and the new CA while issuing from the new one.
         *
         * @param issuer the issuer value
         * @param trusted the trusted value
         * @return the next stage
         */
        UrlsStage certificateAuthority(CertificateIssuer issuer, TrustedCas trusted);
    }

    /** Stage 5: the portal's public URLs; their origin is the one device signatures are bound to. */
    public interface UrlsStage {
        /**
         * {@return the portal's origin, handoff page and carrier callback}
         *
         * @param urls the urls value
         */
        RegistryStage portal(PortalUrls urls);
    }

    /** Stage 6: how the NHI card number is checked. There is no silent default. */
    public interface RegistryStage {
        /**
         * {@return the health-insurance registry that confirms the NHI card number belongs to the ID, asked
         * only after number verification} The portal keeps it and closes it.
         *
         * @param registry the registry value
         */
        Builder identityRegistry(IdentityRegistry registry);

        /**
         * Runs without checking the NHI card number, for {@code reason}: the audit log records it
         * when the service starts, and {@code enrollment().help()} tells the person.
         *
         * @param reason the reason
         * @return this builder
         */
        Builder withoutIdentityRegistry(String reason);
    }

    /**
     * The options, each with a documented default, then {@link #build()}. Options that both
     * services have are set once here; the rarer ones of each service through
     * {@link #enrollmentOptions} and {@link #loginOptions}.
     */
    public static final class Builder
            implements CarriersStage, StoresStage, SecretsStage, AuthorityStage, UrlsStage, RegistryStage {
        private Carriers carriers;
        private CarrierAdapters adapters;
        private Stores stores;
        private HmacKey hmacKey;
        private AeadKey pendingDataKey;
        private EnrollmentCa ca;
        private CertificateIssuer issuer;
        private TrustedCas trusted;
        private PortalUrls urls;
        private UnaryOperator<EnrollmentService.Builder> registryChoice;
        private Clock clock = Clock.systemUTC();
        private PasswordHasher hasher;
        private AuditSink audit = new Slf4jAuditSink();
        private SecureRandom random = new SecureRandom();
        private EnrollmentListener listener = EnrollmentListener.NONE;
        private UnaryOperator<EnrollmentService.Builder> enrollmentOptions = UnaryOperator.identity();
        private UnaryOperator<LoginService.Builder> loginOptions = UnaryOperator.identity();

        private Builder() {
        }

        @Override
        public StoresStage carriers(CarrierSettings settings) {
            return carriers(Carriers.discover(MobileAuth.class.getClassLoader()), settings);
        }

        @Override
        public StoresStage carriers(Carriers registry, CarrierSettings settings) {
            this.carriers = Objects.requireNonNull(registry, "registry");
            this.adapters = registry.connect(Objects.requireNonNull(settings, "settings"));
            return this;
        }

        @Override
        public SecretsStage stores(Stores stores) {
            this.stores = Objects.requireNonNull(stores, "stores");
            return this;
        }

        @Override
        public AuthorityStage secrets(HmacKey hmacKey, AeadKey pendingDataKey) {
            this.hmacKey = Objects.requireNonNull(hmacKey, "hmacKey");
            this.pendingDataKey = Objects.requireNonNull(pendingDataKey, "pendingDataKey");
            return this;
        }

        @Override
        public UrlsStage certificateAuthority(EnrollmentCa ca) {
            this.ca = Objects.requireNonNull(ca, "ca");
            return this;
        }

        @Override
        public UrlsStage certificateAuthority(CertificateIssuer issuer, TrustedCas trusted) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            this.trusted = Objects.requireNonNull(trusted, "trusted");
            return this;
        }

        @Override
        public RegistryStage portal(PortalUrls urls) {
            this.urls = Objects.requireNonNull(urls, "urls");
            return this;
        }

        @Override
        public Builder identityRegistry(IdentityRegistry registry) {
            Objects.requireNonNull(registry, "registry");
            this.registryChoice = b -> b.identityRegistry(registry);
            return this;
        }

        @Override
        public Builder withoutIdentityRegistry(String reason) {
            Objects.requireNonNull(reason, "reason");
            this.registryChoice = b -> b.withoutIdentityRegistry(reason);
            return this;
        }

        /**
         * {@return the clock of both services and, with {@link #certificateAuthority(EnrollmentCa)}, of issuance} Default: system UTC.
         *
         * @param clock the clock that decides expiry
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * {@return the password hasher of both services, so that one limiter bounds Argon2id's memory}
         * Default: {@link Argon2idPasswordHasher#withDefaults()} (m=19456 KiB, t=2, p=1).
         *
         * @param hasher the hasher value
         */
        public Builder passwordHasher(PasswordHasher hasher) {
            this.hasher = Objects.requireNonNull(hasher, "hasher");
            return this;
        }

        /**
         * {@return where both services send their typed, masked audit events} Default: {@link Slf4jAuditSink}.
         *
         * @param sink the sink value
         */
        public Builder auditSink(AuditSink sink) {
            this.audit = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * {@return the random source of both services (tokens, challenges, certificate serials)} Default: a new {@link SecureRandom}.
         *
         * @param random the source of randomness
         */
        public Builder secureRandom(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Hears of credentials bound and revoked, e.g. to send "a new browser was bound". Default: none.
         *
         * @param listener the listener value
         * @return this builder
         */
        public Builder listener(EnrollmentListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * {@return the enrolment service's other options (eligibility policy, binding policy, captcha, QR
         * and lifetime settings, terms version, …), each documented on {@link EnrollmentService.Builder}}
         *
         * @param options the options value
         */
        public Builder enrollmentOptions(UnaryOperator<EnrollmentService.Builder> options) {
            this.enrollmentOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * {@return the login service's other options (lock-out policy, challenge lifetime, notice version,
         * assurance label), each documented on {@link LoginService.Builder}}
         *
         * @param options the options value
         */
        public Builder loginOptions(UnaryOperator<LoginService.Builder> options) {
            this.loginOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * {@return the configured SDK}
         *
         * @throws IllegalArgumentException if an option is inconsistent, or a carrier lacks a
         *                                  required capability (the adapters are closed again)
         */
        public MobileAuth build() {
            PasswordHasher sharedHasher = hasher != null ? hasher : Argon2idPasswordHasher.withDefaults();
            CertificateIssuer certificateIssuer = issuer != null ? issuer
                    : CertificateIssuer.builder(ca).clock(clock).secureRandom(random).build();
            TrustedCas trust = trusted != null ? trusted : TrustedCas.of(ca.certificate());
            try {
                EnrollmentService.Builder e = EnrollmentService.builder()
                        .carriers(carriers, adapters)
                        .stores(stores.enrollments(), stores.tokens(), stores.credentials())
                        .certificateIssuer(certificateIssuer)
                        .secrets(hmacKey, pendingDataKey)
                        .portalUrls(urls)
                        .clock(clock)
                        .passwordHasher(sharedHasher)
                        .auditSink(audit)
                        .secureRandom(random)
                        .listener(listener)
                        .counters(stores.counters());
                e = registryChoice.apply(e);
                LoginService.Builder l = LoginService.builder()
                        .stores(stores.enrollments(), stores.tokens(), stores.credentials(), stores.counters())
                        .secrets(hmacKey)
                        .trustedCas(trust)
                        .origin(urls.origin())
                        .clock(clock)
                        .passwordHasher(sharedHasher)
                        .auditSink(audit)
                        .secureRandom(random);
                return new MobileAuth(this, enrollmentOptions.apply(e).build(), loginOptions.apply(l).build());
            } catch (RuntimeException ex) {
                adapters.close();
                throw ex;
            }
        }
    }
}
