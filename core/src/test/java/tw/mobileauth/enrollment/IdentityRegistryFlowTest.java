package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.carrier.testkit.Access;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.carrier.testkit.registry.FakeRegistry;
import tw.mobileauth.carrier.testkit.registry.RegistryEndpoint;
import tw.mobileauth.carrier.testkit.registry.RegistryFault;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.registry.spi.IdentityRegistries;
import tw.mobileauth.registry.spi.IdentityRegistry;

/**
 * The NHI card number is a real identity check: the registry is asked only after the phone proved
 * it holds the number, its answer decides eligibility with its own reasons, an outage is as
 * retryable as a carrier's, failures count toward one per-person limit, and the card number never
 * reaches a store, an audit event or a log.
 */
class IdentityRegistryFlowTest {

    private static final String LOST_CARD = "000099990001";
    private static final String OTHER_CARD = "000012349999";

    private FakeRegistry registryServer;
    private IdentityRegistry registry;
    private Harness h;
    private Subscriber person;

    /** The harness's clock, once it exists: the registry, its client and the service share one clock. */
    private final FollowingClock clock = new FollowingClock();

    @BeforeEach
    void start() {
        registryServer = FakeRegistry.builder().clock(clock).start();
        registry = IdentityRegistries.discover(getClass().getClassLoader()).connect("nhi",
                registryServer.configFor().clock(clock).build());
        h = new Harness(b -> b.identityRegistry(registry));
        clock.target = h.clock;
        person = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
        registryServer.cards().add(person.holderId(), Harness.NHI, Set.of(LOST_CARD), Set.of());
    }

    @AfterEach
    void stop() {
        h.close();
        registry.close();
        registryServer.close();
    }

    private Harness.Journey journeyWithCard(String card) throws Exception {
        int before = registryServer.requests().all().size();
        Harness.Applied a = h.apply(Harness.formOf(person).nhiCardNumber(card).build(), DeviceClass.SMARTPHONE);
        DeviceSession phone = assertInstanceOf(NextStep.ContinueHere.class, a.begun().next()).device();
        h.startVerification(phone);
        assertEquals(before, registryServer.requests().all().size(), "no registry call before the phone proved the number");
        return new Harness.Journey(a, h.verifyOn(h.phoneOf(person), phone));
    }

    @Test
    void aMatchingCardCompletesAndTheRegistryIsAskedAfterNumberVerificationWithTheKycLookUps() throws Exception {
        Harness.Journey j = journeyWithCard(Harness.NHI);
        assertInstanceOf(VerificationOutcome.Issued.class, j.outcome());
        assertEquals(1, registryServer.requests().of(RegistryEndpoint.CARD_CHECKS).size());
        assertEquals(1, h.networks.requests().of("cht", Endpoint.NUMBER_VERIFY).size());
        assertEquals(1, h.networks.requests().of("cht", Endpoint.KYC_MATCH).size());
        assertTrue(h.service.help().notes().isEmpty(), "with a registry, no 'not checked' note");
        assertTrue(h.service.help().render(java.util.Locale.TAIWAN).contains("健保"), "the NHI rule is on the help page");
    }

    @Test
    void aWrongCardAndALostCardAreEachRejectedWithTheirOwnReasonAndRemedy() throws Exception {
        Harness.assertReasons(journeyWithCard(OTHER_CARD).outcome(), "eligibility.NHI_CARD_MISMATCH");
        Harness.assertReasons(journeyWithCard(LOST_CARD).outcome(), "eligibility.NHI_CARD_REPORTED_LOST");
        assertEquals(2, registryServer.requests().all().size());
        assertEquals(2, h.networks.requests().of("cht", Endpoint.NUMBER_VERIFY).size(), "each after its number verification");
    }

    @Test
    void whenNumberVerificationFailsTheRegistryIsNeverAsked() throws Exception {
        h.networks.attachments().attach(NetworkAttachments.defaultHandle(person.msisdn()), person.msisdn(),
                Access.wifi());
        Harness.assertReasons(journeyWithCard(Harness.NHI).outcome(), "verification.NOT_ON_MOBILE_NETWORK");
        assertTrue(registryServer.requests().all().isEmpty(), "no registry call without the number proven");
    }

    @Test
    void theRegistryBeingDownIsRetryableLikeACarrierOutageAndTheSameCallbackThenCompletes() throws Exception {
        Harness.Applied a = h.apply(Harness.formOf(person).build(), DeviceClass.SMARTPHONE);
        DeviceSession phone = assertInstanceOf(NextStep.ContinueHere.class, a.begun().next()).device();
        Map<String, String> callback = h.phoneOf(person).open(h.startVerification(phone).carrierUri());
        registryServer.faults().inject(RegistryEndpoint.CARD_CHECKS, RegistryFault.status(503).times(10));

        EnrollmentUnavailableException down = assertThrows(EnrollmentUnavailableException.class,
                () -> h.service.completeVerification(phone.session(), new VerificationCallback(callback)));
        assertTrue(down.isRetryable());
        assertEquals(EnrollmentUnavailableException.Source.IDENTITY_REGISTRY, down.source());
        assertEquals(EnrollmentUnavailableException.Recovery.RETRY, down.recovery());
        assertEquals(EnrollmentState.VERIFYING, h.status(a).state(), "the enrolment is kept");
        assertFalse(h.audit.ofType(EnrollmentEvent.RegistryFailed.class).isEmpty(), "audited");

        registryServer.faults().clear();
        assertInstanceOf(VerificationOutcome.Issued.class,
                h.service.completeVerification(phone.session(), new VerificationCallback(callback)));
        assertEquals(1, h.networks.requests().of("cht", Endpoint.NUMBER_VERIFY).size(),
                "the number stayed checkpointed: the retry did not verify it again");
    }

    @Test
    void cardMismatchesAndKycMismatchesShareOnePerPersonLimitThatStopsBeforeAnyLookUp() throws Exception {
        for (int i = 0; i < EnrollmentService.MAX_HOLDER_CHECK_FAILURES; i++) {
            String card = i % 2 == 0 ? OTHER_CARD : Harness.NHI;
            Harness.Applied a = h.apply(Harness.formOf(person).nhiCardNumber(card)
                    .name(i % 2 == 0 ? person.name() : "王小明").build(), DeviceClass.SMARTPHONE);
            DeviceSession phone = assertInstanceOf(NextStep.ContinueHere.class, a.begun().next()).device();
            assertInstanceOf(VerificationOutcome.Refused.class, h.verifyOn(h.phoneOf(person), phone), "try " + i);
        }
        int kycBefore = h.networks.requests().of("cht", Endpoint.KYC_MATCH).size();
        int registryBefore = registryServer.requests().all().size();
        Harness.assertReasons(journeyWithCard(Harness.NHI).outcome(), "verification.HOLDER_CHECK_LIMIT");
        assertEquals(kycBefore, h.networks.requests().of("cht", Endpoint.KYC_MATCH).size(), "no KYC look-up");
        assertEquals(registryBefore, registryServer.requests().all().size(), "no registry look-up");
        assertTrue(h.counters.find(CredentialVerifiers.holderCheckCounterKey(
                CredentialVerifiers.subjectKey(h.hmacKey(), tw.mobileauth.identity.NationalId.parse(person.holderId()))))
                .isPresent(), "counted on the person's keyed hash");
    }

    @Test
    void theCardNumberNeverReachesAStoreAnAuditEventOrALog() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            journeyWithCard(OTHER_CARD);
            registryServer.faults().inject(RegistryEndpoint.CARD_CHECKS, RegistryFault.status(503).times(10));
            assertThrows(EnrollmentUnavailableException.class, () -> journeyWithCard(Harness.NHI));
        } finally {
            System.setErr(err);
        }
        List<String> seen = new ArrayList<>();
        h.audit.events().forEach(e -> seen.addAll(e.fields().values()));
        for (var r : h.enrollments.listBySubject(CredentialVerifiers.subjectKey(h.hmacKey(),
                tw.mobileauth.identity.NationalId.parse(person.holderId())))) {
            seen.addAll(DataAtRestTest.dump(r));
        }
        seen.add(captured.toString(StandardCharsets.UTF_8));
        String all = String.join("\n", seen);
        for (String card : List.of(Harness.NHI, OTHER_CARD)) {
            assertFalse(all.contains(card), "the card number " + card.substring(8) + " leaked");
        }
        assertTrue(h.audit.names().contains("enrollment.identity_registry"), "the configuration is audited");
    }

    @Test
    void theCardNumberIsRequiredWithARegistryAndMayBeLeftOffTheFormWithoutOne() throws Exception {
        tw.mobileauth.InvalidInputException missing = assertThrows(tw.mobileauth.InvalidInputException.class,
                () -> h.apply(Harness.formOf(person).nhiCardNumber("").build(), DeviceClass.SMARTPHONE));
        assertTrue(missing.has(tw.mobileauth.identity.FieldNames.NHI_CARD_NUMBER, tw.mobileauth.FieldReason.REQUIRED),
                missing.getMessage());
        try (Harness off = new Harness()) {
            Subscriber s = off.networks.subscribers().find("twm", Scenario.ELIGIBLE);
            Harness.Applied a = off.apply(Harness.formOf(s).nhiCardNumber(null).build(), DeviceClass.SMARTPHONE);
            assertInstanceOf(VerificationOutcome.Issued.class, off.verifyOn(off.phoneOf(s),
                    assertInstanceOf(NextStep.ContinueHere.class, a.begun().next()).device()));
            tw.mobileauth.InvalidInputException bad = assertThrows(tw.mobileauth.InvalidInputException.class,
                    () -> off.apply(Harness.formOf(s).nhiCardNumber("12").build(), DeviceClass.SMARTPHONE));
            assertTrue(bad.errorsFor(tw.mobileauth.identity.FieldNames.NHI_CARD_NUMBER).size() == 1,
                    "a number given is still checked: " + bad.getMessage());
        }
    }

    @Test
    void withoutARegistryTheAuditLogAndTheHelpPageSaySo() {
        try (Harness off = new Harness()) {
            EnrollmentEvent.IdentityRegistryConfigured configured = off.audit
                    .ofType(EnrollmentEvent.IdentityRegistryConfigured.class).get(0);
            assertEquals("-", configured.registryId());
            assertTrue(configured.reason().contains("harness"), configured.reason());
            assertTrue(off.service.help().render(java.util.Locale.TAIWAN).contains("不會向健保署核對健保卡號"));
            assertTrue(off.service.help().render(java.util.Locale.ENGLISH).contains("does not check the NHI card"));
        }
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> EnrollmentService.builder()
                .carriers(h.registryForTests(), h.adapters).stores(h.enrollments, h.tokens, h.credentials)
                .certificateIssuer(tw.mobileauth.credential.CertificateIssuer.builder(h.ca).build())
                .secrets(h.hmacKey(), tw.mobileauth.crypto.AeadKey.generate(h.random))
                .portalUrls(new PortalUrls(Harness.ORIGIN, java.net.URI.create(Harness.ORIGIN + "/h"),
                        java.net.URI.create(Harness.ORIGIN + "/cb")))
                .build());
        assertTrue(none.getMessage().contains("withoutIdentityRegistry"), "names the fix: " + none.getMessage());
    }

    /** A clock that reads another, set later. */
    private static final class FollowingClock extends java.time.Clock {
        volatile java.time.Clock target = java.time.Clock.systemUTC();

        @Override
        public java.time.ZoneId getZone() {
            return target.getZone();
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return target.instant();
        }
    }
}
