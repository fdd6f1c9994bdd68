package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.carrier.testkit.MutableClock;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.credential.CertificateIssuer;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.InMemoryEnrollmentStore;
import tw.mobileauth.store.InMemoryOneTimeTokenStore;
import tw.mobileauth.store.StoreException;

/**
 * When the portal itself cannot finish (an expired enrolment CA, a carrier no longer configured),
 * completeVerification says so with a typed, audited {@code TRY_LATER} error and keeps the
 * enrolment; and a repeated callback finishes the binding policy an earlier attempt left undone.
 */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class ServiceFailureTest {

    private static final Instant START = Instant.parse("2025-03-14T02:00:00Z");

    private static DeviceSession sameDevice(Harness h, Harness.Applied a) {
        return assertInstanceOf(NextStep.ContinueHere.class, a.begun().next()).device();
    }

    @Test
    void anExpiredEnrollmentCaIsAnAuditedTryLaterFailureAndTheSameCallbackCompletesOnceTheCaIsRotated()
            throws Exception {
        EnrollmentCa expired = EnrollmentCa.generateDevelopmentCa("expired CA",
                MutableClock.at(START.minus(EnrollmentCa.DEVELOPMENT_CA_VALIDITY).minus(Duration.ofDays(1))));
        CertificateIssuer stale = CertificateIssuer.builder(expired).clock(MutableClock.at(START)).build();
        try (Harness h = new Harness(b -> {
            b.certificateIssuer(stale);
            return b;
        })) {
            Subscriber s = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
            Harness.Applied a = h.apply(s, DeviceClass.SMARTPHONE);
            VerificationCallback callback = new VerificationCallback(
                    h.phoneOf(s).open(h.startVerification(sameDevice(h, a)).carrierUri()));

            EnrollmentUnavailableException e = assertThrows(EnrollmentUnavailableException.class,
                    () -> h.complete(callback));
            assertEquals(EnrollmentUnavailableException.Source.ISSUER, e.source());
            assertEquals(EnrollmentUnavailableException.Recovery.TRY_LATER, e.recovery());
            assertFalse(e.isRetryable());
            Harness.assertLocalised(e.text());
            EnrollmentEvent.ServiceUnavailable audited = h.audit.ofType(EnrollmentEvent.ServiceUnavailable.class).get(0);
            assertEquals(List.of("ISSUER", "CA_NOT_VALID", a.begun().enrollmentId()),
                    List.of(audited.source(), audited.problem(), audited.enrollmentId()));
            EnrollmentStatus.InProgress kept = assertInstanceOf(EnrollmentStatus.InProgress.class, h.status(a));
            assertEquals(java.util.Optional.of("CA_NOT_VALID"), kept.lastError());

            // The operator rotates the CA (a redeployed node); the phone's callback is repeated.
            EnrollmentService rotated = h.sibling(Set.of("cht", "twm", "fet"), b -> b);
            assertInstanceOf(VerificationOutcome.Issued.class, rotated.completeVerification(h.phoneSessionFor(callback), callback));
        }
    }

    @Test
    void anEnrollmentWhoseCarrierIsNoLongerConfiguredIsAnAuditedTryLaterFailure(Harness h) throws Exception {
        Subscriber s = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
        Harness.Applied a = h.apply(s, DeviceClass.SMARTPHONE);
        DeviceSession session = sameDevice(h, a);
        VerificationCallback callback = new VerificationCallback(
                h.phoneOf(s).open(h.startVerification(session).carrierUri()));
        EnrollmentService withoutCht = h.sibling(Set.of("twm", "fet"), b -> b);

        for (EnrollmentUnavailableException e : List.of(
                assertThrows(EnrollmentUnavailableException.class, () -> withoutCht.completeVerification(h.phoneSessionFor(callback), callback)),
                assertThrows(EnrollmentUnavailableException.class, () -> withoutCht.startVerification(
                        session.session(), Consent.accepted(session.summary().termsVersion()))))) {
            assertEquals(EnrollmentUnavailableException.Source.CONFIGURATION, e.source());
            assertEquals(EnrollmentUnavailableException.Recovery.TRY_LATER, e.recovery());
            assertFalse(e.getMessage().contains(s.holderId()));
        }
        assertEquals(2, h.audit.ofType(EnrollmentEvent.ServiceUnavailable.class).stream()
                .filter(x -> x.problem().equals("CARRIER_NOT_CONFIGURED")).count());
        assertInstanceOf(VerificationOutcome.Issued.class, h.complete(callback),
                "nothing was lost: a node that has the carrier completes it");
    }

    @Test
    void aRepeatedCallbackAppliesTheBindingPolicyAnInterruptedAttemptLeftUndone() throws Exception {
        InstrumentedCredentialStore store = new InstrumentedCredentialStore(1);
        try (Harness h = new Harness(b -> {
            b.stores(new InMemoryEnrollmentStore(), new InMemoryOneTimeTokenStore(), store);
            return b;
        })) {
            Subscriber s = h.networks.subscribers().find("fet", Scenario.ELIGIBLE);
            String first = assertInstanceOf(VerificationOutcome.Issued.class,
                    h.journey(s, DeviceClass.SMARTPHONE).outcome()).credentialId();
            h.advance(Duration.ofSeconds(1));

            Harness.Applied again = h.apply(s, DeviceClass.SMARTPHONE);
            DeviceSession phone = sameDevice(h, again);
            Map<String, String> callback = h.phoneOf(s).open(h.startVerification(phone).carrierUri());
            store.failNextListing();
            EnrollmentUnavailableException failed = assertThrows(EnrollmentUnavailableException.class,
                    () -> h.service.completeVerification(phone.session(), new VerificationCallback(callback)));
            assertEquals(EnrollmentUnavailableException.Source.STORE, failed.source());
            assertInstanceOf(StoreException.class, failed.getCause(), "the store failure is the cause");
            assertTrue(failed.isRetryable(), "the same callback may be repeated");
            String subject = store.find(first).orElseThrow().subjectKey();
            assertEquals(2, store.listBySubject(subject).stream().filter(CredentialRecord::isActive).count(),
                    "issued, but the old credential was not revoked yet");

            VerificationOutcome.Issued repeated = assertInstanceOf(VerificationOutcome.Issued.class,
                    h.service.completeVerification(phone.session(), new VerificationCallback(callback)));
            assertEquals(List.of(repeated.credentialId()), store.listBySubject(subject).stream()
                    .filter(CredentialRecord::isActive).map(CredentialRecord::credentialId).toList());
            assertTrue(store.find(first).orElseThrow().revokedAt().isPresent());
        }
    }
}
