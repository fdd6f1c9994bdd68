package tw.mobileauth.login;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import tw.mobileauth.audit.AuditSink;
import tw.mobileauth.audit.Slf4jAuditSink;
import tw.mobileauth.credential.TrustedCas;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.PasswordHasher;
import tw.mobileauth.store.CounterStore;
import tw.mobileauth.store.CredentialStore;
import tw.mobileauth.store.EnrollmentStore;
import tw.mobileauth.store.OneTimeTokenStore;

/** Everything the login service runs on; filled by the builder, then never changed. */
final class Settings {
    EnrollmentStore enrollments;
    OneTimeTokenStore tokens;
    CredentialStore credentials;
    CounterStore counters;
    HmacKey hmac;
    TrustedCas trusted;
    String origin;
    Clock clock = Clock.systemUTC();
    PasswordHasher hasher;
    LockOutPolicy lockOut = LockOutPolicy.standard();
    Duration challengeTtl = LoginService.DEFAULT_CHALLENGE_TTL;
    String noticeVersion = LoginService.DEFAULT_NOTICE_VERSION;
    String assuranceLabel = LoginService.DEFAULT_ASSURANCE_LABEL;
    AuditSink audit = new Slf4jAuditSink();
    SecureRandom random = new SecureRandom();

    Settings copy() {
        Settings c = new Settings();
        c.tokens = tokens;
        c.credentials = credentials;
        c.counters = counters;
        c.hmac = hmac;
        c.trusted = trusted;
        c.origin = origin;
        c.clock = clock;
        c.hasher = hasher;
        c.lockOut = lockOut;
        c.challengeTtl = challengeTtl;
        c.noticeVersion = noticeVersion;
        c.assuranceLabel = assuranceLabel;
        c.audit = audit;
        c.random = random;
        c.enrollments = enrollments;
        return c;
    }

    /** Records an audit event; a failing sink is logged, never passed on to the person's request. */
    void audit(LoginEvent e) {
        try {
            audit.record(e);
        } catch (RuntimeException ex) {
            LoggerFactory.getLogger(LoginService.class).warn("audit sink failed on {}", e.name(), ex);
        }
    }
}
