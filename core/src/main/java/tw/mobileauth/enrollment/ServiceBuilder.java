package tw.mobileauth.enrollment;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import tw.mobileauth.audit.AuditSink;
import tw.mobileauth.captcha.CaptchaService;
import tw.mobileauth.carrier.CarrierAdapters;
import tw.mobileauth.carrier.Carriers;
import tw.mobileauth.credential.CertificateIssuer;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.PasswordHasher;
import tw.mobileauth.eligibility.EligibilityPolicy;
import tw.mobileauth.identity.PasswordPolicy;
import tw.mobileauth.qr.QrCode;
import tw.mobileauth.store.CredentialStore;
import tw.mobileauth.store.EnrollmentStore;
import tw.mobileauth.store.OneTimeTokenStore;

/**
 * {@link EnrollmentService#builder()}: every stage and option of {@link EnrollmentService.Builder}
 * (documented there) writes into one {@link Settings}; {@link #build()} checks them and hands the
 * service a copy, so the builder may go on being changed without touching it.
 */
final class ServiceBuilder implements EnrollmentService.Builder {

    private final Settings s = new Settings();

    @Override
    public EnrollmentService.StoresStage carriers(Carriers registry, CarrierAdapters adapters) {
        s.registry = Objects.requireNonNull(registry, "registry");
        s.adapters = Objects.requireNonNull(adapters, "adapters");
        if (adapters.ids().isEmpty()) {
            throw new IllegalArgumentException("configure at least one carrier adapter");
        }
        return this;
    }

    @Override
    public EnrollmentService.IssuerStage stores(EnrollmentStore enrollments, OneTimeTokenStore tokens,
            CredentialStore credentials) {
        s.enrollments = Objects.requireNonNull(enrollments, "enrollments");
        s.tokens = Objects.requireNonNull(tokens, "tokens");
        s.credentials = Objects.requireNonNull(credentials, "credentials");
        return this;
    }

    @Override
    public EnrollmentService.SecretsStage certificateIssuer(CertificateIssuer issuer) {
        s.issuer = Objects.requireNonNull(issuer, "issuer");
        return this;
    }

    @Override
    public EnrollmentService.UrlsStage secrets(HmacKey hmacKey, AeadKey pendingDataKey) {
        s.hmac = Objects.requireNonNull(hmacKey, "hmacKey");
        s.sealKey = Objects.requireNonNull(pendingDataKey, "pendingDataKey");
        return this;
    }

    @Override
    public ServiceBuilder portalUrls(PortalUrls urls) {
        s.urls = Objects.requireNonNull(urls, "urls");
        return this;
    }

    @Override
    public ServiceBuilder clock(Clock clock) {
        s.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    @Override
    public ServiceBuilder eligibilityPolicy(EligibilityPolicy policy) {
        s.policy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    @Override
    public ServiceBuilder bindingPolicy(BindingPolicy policy) {
        s.binding = Objects.requireNonNull(policy, "policy");
        return this;
    }

    @Override
    public ServiceBuilder captcha(CaptchaService captcha) {
        s.captcha = Objects.requireNonNull(captcha, "captcha");
        return this;
    }

    @Override
    public ServiceBuilder passwordHasher(PasswordHasher hasher) {
        s.hasher = Objects.requireNonNull(hasher, "hasher");
        return this;
    }

    @Override
    public ServiceBuilder passwordPolicy(PasswordPolicy policy) {
        s.passwordPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    @Override
    public ServiceBuilder auditSink(AuditSink sink) {
        s.audit = Objects.requireNonNull(sink, "sink");
        return this;
    }

    @Override
    public ServiceBuilder listener(EnrollmentListener listener) {
        s.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    @Override
    public ServiceBuilder identityRegistry(tw.mobileauth.registry.spi.IdentityRegistry registry) {
        s.identityRegistry = java.util.Optional.of(Objects.requireNonNull(registry, "registry"));
        s.withoutRegistry = java.util.Optional.empty();
        return this;
    }

    @Override
    public ServiceBuilder withoutIdentityRegistry(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("withoutIdentityRegistry needs a reason, e.g. \"no NHI registry "
                    + "contract yet\": it is audited and shown on the help page");
        }
        s.withoutRegistry = java.util.Optional.of(reason.strip());
        s.identityRegistry = java.util.Optional.empty();
        return this;
    }

    @Override
    public ServiceBuilder counters(tw.mobileauth.store.CounterStore counters) {
        s.counters = Objects.requireNonNull(counters, "counters");
        return this;
    }

    @Override
    public ServiceBuilder formChallengeValidity(Duration validity) {
        s.formChallengeValidity = Settings.within(validity, Duration.ofMinutes(1), Duration.ofMinutes(30),
                "formChallengeValidity");
        return this;
    }

    @Override
    public ServiceBuilder qrValidity(Duration validity) {
        s.qrValidity = Settings.within(validity, Duration.ofSeconds(30), Duration.ofMinutes(30), "qrValidity");
        return this;
    }

    @Override
    public ServiceBuilder maxRegenerations(int max) {
        if (max < 0 || max > 50) {
            throw new IllegalArgumentException("maxRegenerations must be 0-50, was " + max);
        }
        s.maxRegenerations = max;
        return this;
    }

    @Override
    public ServiceBuilder lifetime(Duration lifetime) {
        s.lifetime = Settings.within(lifetime, Duration.ofMinutes(2), Duration.ofHours(24), "lifetime");
        return this;
    }

    @Override
    public ServiceBuilder resultRetention(Duration retention) {
        s.resultRetention = Settings.within(retention, Duration.ofMinutes(1), Duration.ofHours(24), "resultRetention");
        return this;
    }

    @Override
    public ServiceBuilder carrierTimeout(Duration timeout) {
        s.carrierTimeout = Settings.within(timeout, Duration.ofSeconds(1), Duration.ofMinutes(2), "carrierTimeout");
        return this;
    }

    @Override
    public ServiceBuilder termsVersion(String version) {
        Objects.requireNonNull(version, "version");
        if (version.isBlank() || version.length() > 40) {
            throw new IllegalArgumentException("termsVersion must be 1-40 characters");
        }
        s.termsVersion = version;
        return this;
    }

    @Override
    public ServiceBuilder requirePairingCode(boolean required) {
        s.requirePairingCode = required;
        return this;
    }

    @Override
    public ServiceBuilder qrCode(QrCode qr) {
        s.qr = Objects.requireNonNull(qr, "qr");
        return this;
    }

    @Override
    public ServiceBuilder secureRandom(SecureRandom random) {
        s.random = Objects.requireNonNull(random, "random");
        return this;
    }

    @Override
    public EnrollmentService build() {
        return new EnrollmentService(s.validated());
    }
}
