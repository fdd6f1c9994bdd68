package tw.mobileauth.enrollment;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.eligibility.EligibilityRules;
import tw.mobileauth.registry.spi.IdentityRegistry;
import tw.mobileauth.store.CounterStore;
import tw.mobileauth.store.InMemoryCounterStore;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.audit.AuditSink;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.audit.Slf4jAuditSink;
import tw.mobileauth.captcha.CaptchaService;
import tw.mobileauth.captcha.ImageCaptcha;
import tw.mobileauth.carrier.CarrierAdapters;
import tw.mobileauth.carrier.Carriers;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.ConcurrentCalls;
import tw.mobileauth.credential.CertificateIssuer;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.PasswordHasher;
import tw.mobileauth.eligibility.EligibilityPolicy;
import tw.mobileauth.identity.PasswordPolicy;
import tw.mobileauth.qr.QrCode;
import tw.mobileauth.store.CredentialStore;
import tw.mobileauth.store.EnrollmentStore;
import tw.mobileauth.store.OneTimeTokenStore;

/** Everything the service runs on; filled by the builder, then never changed. */
final class Settings {

    private static final Logger LOG = LoggerFactory.getLogger(EnrollmentService.class);

    Carriers registry;
    CarrierAdapters adapters;
    EnrollmentStore enrollments;
    OneTimeTokenStore tokens;
    CredentialStore credentials;
    CertificateIssuer issuer;
    HmacKey hmac;
    AeadKey sealKey;
    PortalUrls urls;
    Clock clock = Clock.systemUTC();
    EligibilityPolicy policy = EligibilityPolicy.standard();
    BindingPolicy binding = BindingPolicy.replaceAll();
    CaptchaService captcha;
    PasswordHasher hasher;
    PasswordPolicy passwordPolicy = PasswordPolicy.standard();
    AuditSink audit = new Slf4jAuditSink();
    EnrollmentListener listener = EnrollmentListener.NONE;
    Duration formChallengeValidity = Duration.ofMinutes(EnrollmentService.DEFAULT_FORM_CHALLENGE_MINUTES);
    Duration qrValidity = Duration.ofMinutes(EnrollmentService.DEFAULT_QR_MINUTES);
    int maxRegenerations = EnrollmentService.DEFAULT_MAX_REGENERATIONS;
    Duration lifetime = Duration.ofMinutes(EnrollmentService.DEFAULT_LIFETIME_MINUTES);
    Duration resultRetention = Duration.ofMinutes(EnrollmentService.DEFAULT_RESULT_RETENTION_MINUTES);
    Duration carrierTimeout = Duration.ofSeconds(EnrollmentService.DEFAULT_CARRIER_TIMEOUT_SECONDS);
    String termsVersion = EnrollmentService.DEFAULT_TERMS_VERSION;
    boolean requirePairingCode = true;
    QrCode qr = QrCode.standard();
    SecureRandom random = new SecureRandom();
    /** The NHI registry asked after number verification; empty with {@link #withoutRegistry}. */
    Optional<IdentityRegistry> identityRegistry = Optional.empty();
    /** Why the portal runs without a registry; exactly one of this and {@link #identityRegistry} is set. */
    Optional<String> withoutRegistry = Optional.empty();
    /** Per-person holder-check failures (KYC mismatches, NHI NO_MATCH); the portal's shared store. */
    CounterStore counters;
    /**
     * Where step 5 reads the line's facts beside the KYC match: up to {@value #LOOKUP_THREADS} daemon
     * threads, made on demand and ended after 30 s idle (so an unclosed service keeps none); beyond
     * that, a look-up runs on the request's own thread. Made once, by {@link #validated()}.
     */
    ConcurrentCalls lookups;

    /** Look-up threads per service: at most two per verification in step 5, so 32 verifications at once. */
    static final int LOOKUP_THREADS = 64;

    Settings copy() {
        Settings c = new Settings();
        c.registry = registry;
        c.adapters = adapters;
        c.enrollments = enrollments;
        c.tokens = tokens;
        c.credentials = credentials;
        c.issuer = issuer;
        c.hmac = hmac;
        c.sealKey = sealKey;
        c.urls = urls;
        c.clock = clock;
        c.policy = policy;
        c.binding = binding;
        c.captcha = captcha;
        c.hasher = hasher;
        c.passwordPolicy = passwordPolicy;
        c.audit = audit;
        c.listener = listener;
        c.formChallengeValidity = formChallengeValidity;
        c.qrValidity = qrValidity;
        c.maxRegenerations = maxRegenerations;
        c.lifetime = lifetime;
        c.resultRetention = resultRetention;
        c.carrierTimeout = carrierTimeout;
        c.termsVersion = termsVersion;
        c.requirePairingCode = requirePairingCode;
        c.qr = qr;
        c.random = random;
        c.identityRegistry = identityRegistry;
        c.withoutRegistry = withoutRegistry;
        c.counters = counters;
        c.lookups = lookups;
        return c;
    }

    /**
     * The settings the service runs on: the defaults that depend on other settings are filled in
     * (the captcha on this clock, the hasher; kept for the next {@code build()} of the same
     * builder), the whole is checked, and a copy returned.
     *
     * @throws IllegalArgumentException if a carrier adapter does not declare
     *         {@link EnrollmentService#REQUIRED_CAPABILITIES}, or {@code qrValidity} is longer than
     *         the {@code lifetime}
     */
    Settings validated() {
        requireRequiredCapabilities(adapters);
        if (identityRegistry.isEmpty() && withoutRegistry.isEmpty()) {
            throw new IllegalStateException("choose how the NHI card number is checked: identityRegistry(registry) "
                    + "(e.g. IdentityRegistries.discover(loader).connect(\"nhi\", config)), or "
                    + "withoutIdentityRegistry(\"why\") to run without the check, which the audit log and the "
                    + "help page then state; there is no silent default");
        }
        if (counters == null) {
            counters = new InMemoryCounterStore(clock);
        }
        if (captcha == null) {
            captcha = ImageCaptcha.builder().clock(clock).build();
        }
        if (hasher == null) {
            hasher = Argon2idPasswordHasher.withDefaults();
        }
        if (lookups == null) {
            lookups = ConcurrentCalls.withThreads("mobileauth-lookup", LOOKUP_THREADS);
        }
        if (qrValidity.compareTo(lifetime) > 0) {
            throw new IllegalArgumentException("qrValidity " + qrValidity + " is longer than the lifetime " + lifetime);
        }
        Settings ready = copy();
        if (identityRegistry.isPresent() && ready.policy.rules().stream()
                .noneMatch(r -> r.id().equals(EligibilityRules.nhiCardConfirmed().id()))) {
            ready.policy = policy.toBuilder().add(EligibilityRules.nhiCardConfirmed()).build();
        }
        if (withoutRegistry.isPresent()) {
            LOG.warn("enrolment runs WITHOUT an identity registry: NHI card numbers are not checked ({})",
                    withoutRegistry.get());
        }
        ready.audit(new tw.mobileauth.audit.EnrollmentEvent.IdentityRegistryConfigured(clock.instant(),
                identityRegistry.map(IdentityRegistry::registryId).orElse("-"), withoutRegistry.orElse("-")));
        return ready;
    }

    /**
     * Fail closed at start-up: without number verification the phone proves nothing, and
     * without the KYC match anybody holding a phone could bind someone else's ID, name and
     * birth date to it.
     */
    private static void requireRequiredCapabilities(CarrierAdapters adapters) {
        for (String id : adapters.ids()) {
            CarrierAdapter adapter = adapters.get(id).orElseThrow();
            Set<Capability> missing = EnumSet.copyOf(EnrollmentService.REQUIRED_CAPABILITIES);
            missing.removeAll(adapter.capabilities());
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("carrier adapter '" + id + "' (" + adapter.getClass().getName()
                        + ") does not declare " + missing + ". Enrolment needs NUMBER_VERIFICATION to prove the"
                        + " phone holds the number and KYC_MATCH to prove the applicant holds the line; use an"
                        + " adapter that declares both, or leave carrier '" + id + "' out of CarrierAdapters.");
            }
        }
    }

    /** {@code d}, if it is within {@code [min, max]}; the message names the setting and the bounds. */
    static Duration within(Duration d, Duration min, Duration max, String name) {
        Objects.requireNonNull(d, name);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + d);
        }
        return d;
    }

    /**
     * The help page's text: the eligibility rules in force (with the NHI card rule when a registry
     * checks it) and, without a registry, a note that card numbers are not checked.
     */
    HelpPage help() {
        return new HelpPage(policy.help(), withoutRegistry.isPresent()
                ? java.util.List.of(EnrollmentTexts.get("help.nhi-card-not-checked")) : java.util.List.of());
    }

    /** Removes expired enrolments and tokens now. */
    void purgeExpired() {
        Instant now = clock.instant();
        enrollments.purgeExpired(now);
        tokens.purgeExpired(now);
    }

    /** Tells the listener; a listener that throws is logged and ignored. */
    void notify(Consumer<EnrollmentListener> call, String what) {
        try {
            call.accept(listener);
        } catch (RuntimeException ex) {
            LOG.warn("enrolment listener failed on {}", what, ex);
        }
    }

    /** Records an audit event; a sink that throws is logged and ignored (the request goes on). */
    void audit(EnrollmentEvent e) {
        try {
            audit.record(e);
        } catch (RuntimeException ex) {
            LOG.warn("audit sink failed on {}", e.name(), ex);
        }
    }
}
