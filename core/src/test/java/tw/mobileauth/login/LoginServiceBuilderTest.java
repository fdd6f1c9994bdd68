package tw.mobileauth.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.credential.TrustedCas;
import tw.mobileauth.store.ClaimResult;
import tw.mobileauth.store.CounterStore;
import tw.mobileauth.store.CredentialStore;
import tw.mobileauth.store.EnrollmentStore;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.OneTimeTokenStore;
import tw.mobileauth.store.StoreException;

/** The staged builder's defaults and validation, and the challenge it hands out. */
class LoginServiceBuilderTest {

    @Test
    void buildIsReachableOnlyAfterStoresSecretsTrustedCasAndOrigin() {
        for (Class<?> stage : new Class<?>[] {LoginService.StoresStage.class, LoginService.SecretsStage.class,
                LoginService.TrustStage.class, LoginService.OriginStage.class}) {
            assertTrue(Arrays.stream(stage.getMethods()).map(Method::getName).noneMatch("build"::equals),
                    stage.getSimpleName() + " cannot build");
        }
        assertTrue(Arrays.stream(LoginService.Builder.class.getMethods()).map(Method::getName).anyMatch("build"::equals));
    }

    /**
     * PDPA erasure and export must cover pending enrolments and consent records, so the enrolment
     * store is not an option that can be forgotten: the first stage takes it with the other stores.
     */
    @Test
    void theEnrollmentStoreIsARequiredStoreSoEraseAndExportAlwaysCoverEnrollments() throws Exception {
        Method stores = LoginService.StoresStage.class.getMethod("stores", EnrollmentStore.class,
                OneTimeTokenStore.class, CredentialStore.class, CounterStore.class);
        assertEquals(LoginService.SecretsStage.class, stores.getReturnType());
        assertEquals(1, LoginService.StoresStage.class.getMethods().length, "no way round it");
        assertTrue(Arrays.stream(LoginService.Builder.class.getMethods())
                .noneMatch(m -> m.getName().toLowerCase(java.util.Locale.ROOT).contains("enrollment")),
                "no optional enrolment-store setter left over");
        try (LoginFixture f = LoginFixture.direct()) {
            assertThrows(NullPointerException.class,
                    () -> LoginService.builder().stores(null, f.tokens, f.credentials, f.counters));
        }
    }

    @Test
    void theChallengeLivesTwoMinutesByDefaultAndTenSecondsToTenMinutesIfConfigured() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginChallenge c = f.begin();
            assertEquals(f.clock.instant().plus(Duration.ofMinutes(2)), c.expiresAt());
            assertEquals(32, c.nonce().length);
            assertEquals(22, c.id().length());
            assertNotEquals(c.id(), f.begin().id());
            assertFalse(c.toString().contains(c.nonceBase64Url()), "the nonce is not in toString");

            LoginService shortLived = f.anotherService(b -> b.challengeTtl(Duration.ofSeconds(10)));
            assertEquals(f.clock.instant().plusSeconds(10), shortLived.beginLogin(LoginFixture.DESKTOP).expiresAt());
            LoginService.Builder b = builder(f);
            assertThrows(IllegalArgumentException.class, () -> b.challengeTtl(Duration.ofSeconds(9)));
            assertThrows(IllegalArgumentException.class, () -> b.challengeTtl(Duration.ofMinutes(11)));
        }
    }

    /**
     * beginLogin is anonymous and stores one token per call: as documented, an unused challenge
     * is gone from the store once its lifetime is over and the store is purged, and a store that
     * refuses the write is a "busy" answer, not an exception the portal has to map.
     */
    @Test
    void anUnusedChallengeLeavesTheStoreAfterItsLifetimeAndARefusedWriteIsUnavailable() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginChallenge c = f.begin();
            String key = FinishLoginSteps.challengeKey(f.hmac, c.id());
            f.clock.set(c.expiresAt().minusMillis(1));
            f.service.purgeExpired();
            assertTrue(f.tokens.find(key).isPresent(), "alive until its expiry");
            f.clock.set(c.expiresAt());
            f.service.purgeExpired();
            assertTrue(f.tokens.find(key).isEmpty(), "forgotten once its lifetime is over");

            LoginService full = LoginService.builder().stores(f.enrollments, new FullTokenStore(), f.credentials,
                    f.counters).secrets(f.hmac).trustedCas(TrustedCas.of(f.ca.certificate()))
                    .origin(LoginFixture.ORIGIN).auditSink(f.audit).build();
            LoginUnavailableException busy = assertThrows(LoginUnavailableException.class,
                    () -> full.beginLogin(LoginFixture.DESKTOP));
            assertEquals(LoginUnavailableException.Source.STORE, busy.source());
        }
    }

    /** A token store at its capacity: every write is refused. */
    private static final class FullTokenStore implements OneTimeTokenStore {
        @Override
        public boolean insert(OneTimeToken token) {
            throw new StoreException("token store: full (capacity reached)", null);
        }

        @Override
        public Optional<OneTimeToken> find(String key) {
            return Optional.empty();
        }

        @Override
        public ClaimResult claim(String key, String claimant, Instant now) {
            throw new StoreException("token store: full (capacity reached)", null);
        }

        @Override
        public Optional<OneTimeToken> consume(String key, Instant now) {
            return Optional.empty();
        }

        @Override
        public boolean revoke(String key) {
            return false;
        }

        @Override
        public int purgeExpired(Instant now) {
            return 0;
        }
    }

    @Test
    void challengesAreUnpredictableAndNeverRepeat() {
        try (LoginFixture f = LoginFixture.direct()) {
            Set<String> ids = new HashSet<>();
            Set<String> nonces = new HashSet<>();
            for (int i = 0; i < 1000; i++) {
                LoginChallenge c = f.begin();
                assertTrue(ids.add(c.id()));
                assertTrue(nonces.add(c.nonceBase64Url()));
            }
        }
    }

    @Test
    void theAssuranceLabelIsConfigurableButTheAssuranceIsAlwaysQueryOnly() throws Exception {
        try (LoginFixture f = LoginFixture.direct(b -> b.assuranceLabel("查詢"))) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            Authentication a = f.login(e);
            assertEquals("查詢", a.assuranceLabel());
            assertEquals(AssuranceLevel.QUERY_ONLY, a.assurance());
            assertEquals(1, AssuranceLevel.values().length, "no stronger level exists for this method");
            assertThrows(IllegalArgumentException.class, () -> builder(f).assuranceLabel(" "));
            assertThrows(IllegalArgumentException.class, () -> builder(f).noticeVersion("v\n1"));
            assertThrows(IllegalArgumentException.class, () -> builder(f).noticeVersion("x".repeat(41)));
        }
    }

    @Test
    void anInvalidNoticeVersionIsRejectedAsInputNamingTheFieldAndTheFix() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            Authentication a = f.login(e);
            InvalidInputException bad = assertThrows(InvalidInputException.class,
                    () -> f.service.acknowledgeNotice(a, "2025-01\u202E"));
            assertEquals("noticeVersion", bad.errors().get(0).field());
            assertTrue(bad.errors().get(0).message().zhTw().contains("個資告知"));
            assertTrue(f.service.acknowledgeNotice(a, "2025-01").toString().contains("noticeRequired=false"));
        }
    }

    @Test
    void anAcknowledgementForAnErasedPersonFailsGenerically() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            Authentication a = f.login(e);
            f.service.erase(e.person().parsedId());
            assertThrows(LoginFailedException.class, () -> f.service.acknowledgeNotice(a, a.noticeVersion()));
        }
    }

    @Test
    void toStringShowsTheConfigurationButNoSecret() {
        try (LoginFixture f = LoginFixture.direct()) {
            String s = f.service.toString();
            assertTrue(s.contains(LoginFixture.ORIGIN) && s.contains("threshold=10"), s);
            assertFalse(s.contains("HmacKey"));
        }
    }

    private static LoginService.Builder builder(LoginFixture f) {
        return LoginService.builder().stores(f.enrollments, f.tokens, f.credentials, f.counters).secrets(f.hmac)
                .trustedCas(TrustedCas.of(f.ca.certificate())).origin(LoginFixture.ORIGIN);
    }
}
