package tw.mobileauth.benchmarks.timing;

import static java.util.stream.Collectors.toMap;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.MobileAuth;
import tw.mobileauth.Stores;
import tw.mobileauth.audit.InMemoryAuditSink;
import tw.mobileauth.carrier.CarrierSettings;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.credential.CertificateIssuer;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.enrollment.PortalUrls;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.login.FailureCause;
import tw.mobileauth.login.LoginAttempt;
import tw.mobileauth.login.LoginChallenge;
import tw.mobileauth.login.LoginEvent;
import tw.mobileauth.login.LoginFailedException;
import tw.mobileauth.login.LoginUnavailableException;
import tw.mobileauth.testing.TestCredentials;

/**
 * An in-memory SDK with the default Argon2id hasher and one enrolled credential, on which
 * {@link TimingCheck} times failing logins. A second, CA-issued credential id is never stored: the
 * "unknown credential" an attacker might probe with.
 */
final class TimingRig implements AutoCloseable {

    private static final String ORIGIN = "https://portal.example.tw";
    private static final String ID = "A123456789";
    /** Another checksum-valid national ID, enrolled nowhere. */
    private static final String OTHER_ID = "F228456713";
    private static final String BIRTH = "1986-03-14";
    private static final String NAME = "王小明";
    private static final String PASSWORD = "Kiwi-Lantern-8462!";
    private static final String WRONG_PASSWORD = "Kiwi-Lantern-8463!";

    private final FakeCarrierNetworks networks;
    private final MobileAuth auth;
    private final InMemoryAuditSink audit;
    private final DeviceKey key;
    private final String credentialId;
    private final DeviceKey ghostKey;
    private final String ghostId;
    private final NationalId person;

    private TimingRig(FakeCarrierNetworks networks, MobileAuth auth, InMemoryAuditSink audit, DeviceKey key, String credentialId,
            DeviceKey ghostKey, String ghostId) throws InvalidInputException {
        this.networks = networks;
        this.auth = auth;
        this.audit = audit;
        this.key = key;
        this.credentialId = credentialId;
        this.ghostKey = ghostKey;
        this.ghostId = ghostId;
        this.person = NationalId.parse(ID);
    }

    static TimingRig start() {
        FakeCarrierNetworks networks = FakeCarrierNetworks.start();
        try {
            SecureRandom random = new SecureRandom();
            Clock clock = Clock.systemUTC();
            CarrierSettings carriers = CarrierSettings.of(FakeCarrierNetworks.carrierIds().stream()
                    .collect(toMap(Function.identity(), id -> networks.configFor(id).build())));
            EnrollmentCa ca = EnrollmentCa.generateDevelopmentCa("Timing check CA", clock);
            CertificateIssuer issuer = CertificateIssuer.builder(ca).clock(clock).build();
            Argon2idPasswordHasher hasher = Argon2idPasswordHasher.withDefaults();
            HmacKey hmac = HmacKey.generate(random);
            Stores stores = Stores.inMemory(clock);
            InMemoryAuditSink audit = new InMemoryAuditSink();
            MobileAuth auth = MobileAuth.builder().carriers(carriers).stores(stores).secrets(hmac, AeadKey.generate(random))
                    .certificateAuthority(ca)
                    .portal(new PortalUrls(ORIGIN, URI.create(ORIGIN + "/mobile/h"), URI.create(ORIGIN + "/mobile/callback")))
                    .withoutIdentityRegistry("the timing check logs in only").clock(clock).passwordHasher(hasher)
                    .auditSink(audit).secureRandom(random).build();
            DeviceKey key = DeviceKey.generate(random);
            String credentialId = TestCredentials.enrol(stores.credentials(), hmac, issuer, hasher, clock, ID, BIRTH, NAME,
                    PASSWORD.toCharArray(), key.publicKeySpki());
            DeviceKey ghostKey = DeviceKey.generate(random);
            String ghostId = issuer.issue(tw.mobileauth.crypto.DevicePublicKey.fromSpki(ghostKey.publicKeySpki()))
                    .credentialId().value();
            return new TimingRig(networks, auth, audit, key, credentialId, ghostKey, ghostId);
        } catch (Exception e) {
            networks.close();
            throw new IllegalStateException("the timing check could not set up its SDK: " + e.getMessage(), e);
        }
    }

    /**
     * One failing {@code finishLogin} of {@code kind}, checked to have failed for the expected cause.
     *
     * @return its duration in nanoseconds ({@code finishLogin} only)
     */
    long attempt(TimingCheck.Kind kind) {
        try {
            LoginChallenge challenge = auth.login().beginLogin(ClientContext.of(DeviceClass.DESKTOP));
            boolean unknown = kind == TimingCheck.Kind.UNKNOWN_CREDENTIAL;
            String id = unknown ? ghostId : credentialId;
            byte[] signature = (unknown ? ghostKey : key).sign(SignedMessages.login(challenge.nonce(), id, ORIGIN));
            LoginAttempt attempt = LoginAttempt.builder()
                    .nationalId(kind == TimingCheck.Kind.WRONG_ID ? OTHER_ID : ID).birthDate(BIRTH).name(NAME)
                    .password((kind == TimingCheck.Kind.WRONG_PASSWORD ? WRONG_PASSWORD : PASSWORD).toCharArray())
                    .credentialId(id).challengeId(challenge.id()).signature(signature).build();
            ClientContext client = ClientContext.of(DeviceClass.DESKTOP);
            audit.clear();
            long start = System.nanoTime();
            try {
                auth.login().finishLogin(attempt, client);
                throw new IllegalStateException("a " + kind + " attempt logged in");
            } catch (LoginFailedException expected) {
                long took = System.nanoTime() - start;
                afterFailure(kind);
                return took;
            }
        } catch (InvalidInputException | LoginUnavailableException e) {
            throw new IllegalStateException("a " + kind + " attempt could not be made: " + e.getMessage(), e);
        }
    }

    private void afterFailure(TimingCheck.Kind kind) throws LoginUnavailableException {
        List<LoginEvent.Failed> failed = audit.ofType(LoginEvent.Failed.class);
        FailureCause expected = FailureCause.valueOf(kind.name());
        if (failed.size() != 1 || failed.get(0).cause() != expected) {
            throw new IllegalStateException("a " + kind + " attempt failed for another cause: "
                    + failed.stream().map(f -> f.cause().name()).toList() + "; the samples would not measure what they claim");
        }
        if (failed.get(0).counted()) {
            auth.administration().clearLockOut(person);
        }
    }

    @Override
    public void close() {
        try {
            auth.close();
        } finally {
            networks.close();
        }
    }
}
