package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.Fault;
import tw.mobileauth.carrier.testkit.MutableClock;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.credential.CertificateIssuer;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.eligibility.FactName;
import tw.mobileauth.identity.IdClass;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.CredentialStatus;
import tw.mobileauth.store.EnrollmentRecord;
import tw.mobileauth.store.OneTimeToken;

/**
 * Each numbered step of {@link FinishVerificationSteps}, on its own, against the real fake carrier
 * networks: a case the step refuses or ends, and a case it lets through. The enrolments are driven
 * up to the step under test through the public service; the step is then called directly.
 */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class FinishVerificationStepsTest {

    private static Harness h;
    private static Records records;
    private static FinishVerificationSteps steps;

    @BeforeAll
    static void start(Harness shared) {
        h = shared;
        records = new Records(h.service.settings);
        steps = stepsOn(h.service.settings);
    }


    @BeforeEach
    void reset() {
        h.networks.reset();
    }

    private static FinishVerificationSteps stepsOn(Settings s) {
        Records own = new Records(s);
        return new FinishVerificationSteps(s, own, new CarrierCalls(s, own));
    }

    /** An enrolment on the same-device route whose phone has been to the carrier and holds the callback. */
    private record Started(Subscriber subscriber, Harness.Applied applied, DeviceSession phone,
            VerificationCallback callback) {
        String enrollmentId() {
            return applied.begun().enrollmentId();
        }
    }

    /** {@code applicant} applies on a smartphone; the phone of {@code verifier} opens the carrier link. */
    private static Started started(Subscriber applicant, Subscriber verifier) throws Exception {
        Harness.Applied applied = h.apply(applicant, DeviceClass.SMARTPHONE);
        DeviceSession phone = assertInstanceOf(NextStep.ContinueHere.class, applied.begun().next()).device();
        Map<String, String> callback = h.phoneOf(verifier).open(h.startVerification(phone).carrierUri());
        return new Started(applicant, applied, phone, new VerificationCallback(callback));
    }

    private static Started started(String carrier, Scenario scenario) throws Exception {
        Subscriber s = h.networks.subscribers().find(carrier, scenario);
        return started(s, s);
    }

    /** Steps 1–3 as {@code completeVerification} runs them: the enrolment ready for step 4. */
    private static Verifying opened(Started st) throws Exception {
        String stateKey = steps.checkBrowser(st.phone().session(), st.callback());
        return steps.openVerification(records.load(steps.claimState(stateKey, st.callback())), stateKey);
    }

    private static Optional<OneTimeToken> stateToken(VerificationCallback callback) {
        return h.tokens.find(records.key("carrier-state", callback.parameters().get("state")));
    }

    private static EnrollmentException.Reason refusal(Executable step) {
        return assertThrows(EnrollmentException.class, step).reason();
    }

    private static List<String> rejection(Executable step) {
        StepFailure.Rejected rejected = assertThrows(StepFailure.Rejected.class, step);
        return rejected.reasons().stream().map(RejectionReason::code).toList();
    }

    @Nested
    class Step1CheckTheBrowser {
        @Test
        void aCallbackInAnotherBrowserIsRefusedBeforeTheStateIsSpent() throws Exception {
            Started st = started("cht", Scenario.ELIGIBLE);
            Started other = started("twm", Scenario.ELIGIBLE);
            for (PhoneSession wrong : List.of(PhoneSession.fromTransport(null), other.phone().session())) {
                assertEquals(EnrollmentException.Reason.CALLBACK_WRONG_BROWSER,
                        refusal(() -> steps.checkBrowser(wrong, st.callback())));
            }
            assertEquals(Optional.empty(), stateToken(st.callback()).orElseThrow().claimant(), "nothing claimed");
            assertEquals(EnrollmentException.Reason.STATE_UNKNOWN, refusal(() -> steps.checkBrowser(
                    st.phone().session(), new VerificationCallback(Map.of("code", "x")))), "no state at all");
        }

        @Test
        void theBrowserThatStartedTheVerificationPassesWithoutClaimingAnything() throws Exception {
            Started st = started("cht", Scenario.ELIGIBLE);
            String stateKey = steps.checkBrowser(st.phone().session(), st.callback());
            assertEquals(records.key("carrier-state", st.callback().parameters().get("state")), stateKey);
            assertEquals(Optional.empty(), stateToken(st.callback()).orElseThrow().claimant(), "a read only");
        }
    }

    @Nested
    class Step2ClaimTheState {
        @Test
        void anotherCallbackForAClaimedStateIsAReplayAndAnUnknownStateIsUnknown() throws Exception {
            Started st = started("fet", Scenario.ELIGIBLE);
            String stateKey = steps.checkBrowser(st.phone().session(), st.callback());
            steps.claimState(stateKey, st.callback());
            Map<String, String> tampered = new HashMap<>(st.callback().parameters());
            tampered.put("code", "another-code");
            assertEquals(EnrollmentException.Reason.STATE_REPLAYED,
                    refusal(() -> steps.claimState(stateKey, new VerificationCallback(tampered))));
            assertEquals(EnrollmentException.Reason.STATE_UNKNOWN,
                    refusal(() -> steps.claimState(records.key("carrier-state", "forged"), st.callback())));
        }

        @Test
        void theFirstCallbackClaimsTheStateAndARepeatOfItIsRecognised() throws Exception {
            Started st = started("fet", Scenario.ELIGIBLE);
            String stateKey = steps.checkBrowser(st.phone().session(), st.callback());
            assertEquals(st.enrollmentId(), steps.claimState(stateKey, st.callback()));
            assertTrue(stateToken(st.callback()).orElseThrow().claimant().isPresent(), "claimed");
            assertEquals(st.enrollmentId(), steps.claimState(stateKey, st.callback()), "the same callback again");
        }
    }

    @Nested
    class Step3LoadTheEnrollment {
        @Test
        void aReplacedStateIsAReplayAndAnExpiredEnrollmentIsExpired() throws Exception {
            Started st = started("cht", Scenario.ELIGIBLE);
            String oldKey = records.key("carrier-state", st.callback().parameters().get("state"));
            h.startVerification(st.phone()); // a new verification replaces the state
            assertEquals(EnrollmentException.Reason.STATE_REPLAYED,
                    refusal(() -> steps.openVerification(records.load(st.enrollmentId()), oldKey)));

            Started late = started("cht", Scenario.ELIGIBLE);
            String lateKey = records.key("carrier-state", late.callback().parameters().get("state"));
            h.advance(h.service.settings.lifetime.plusSeconds(1));
            assertEquals(EnrollmentException.Reason.ENROLLMENT_EXPIRED,
                    refusal(() -> steps.openVerification(records.load(late.enrollmentId()), lateKey)));
        }

        @Test
        void anOpenVerifyingEnrollmentOnThisStateIsOpenedAndOnlyADecidedOneHasARecordedOutcome() throws Exception {
            Started st = started("twm", Scenario.ELIGIBLE);
            EnrollmentRecord r = records.load(st.enrollmentId());
            assertEquals(Optional.empty(), steps.recordedOutcome(r), "not decided yet");
            Verifying v = steps.openVerification(r, records.key("carrier-state", st.callback().parameters().get("state")));
            assertEquals(EnrollmentState.VERIFYING, v.record().state());
            assertEquals("twm", v.adapter().carrierId());
            assertEquals(st.subscriber().holderId(), v.pii().nationalId);

            VerificationOutcome.Issued done = assertInstanceOf(VerificationOutcome.Issued.class,
                    h.complete(st.callback()));
            assertEquals(Optional.of(done), steps.recordedOutcome(records.load(st.enrollmentId())));
        }
    }

    @Nested
    class Step4VerifyTheNumber {
        @Test
        void aPhoneWithAnotherSimIsRejectedAndNothingIsCheckpointed() throws Exception {
            Subscriber applicant = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
            Subscriber other = h.networks.subscribers().find("cht", Scenario.PREPAID);
            Started st = started(applicant, other);
            Verifying v = opened(st);
            assertEquals(List.of("verification.NUMBER_NOT_VERIFIED"),
                    rejection(() -> steps.verifyNumber(v, st.callback())));
            assertFalse(EnrollmentDocument.parse(records.load(st.enrollmentId()).document())
                    .hasNumberVerifiedFor(v.stateKey()));
        }

        @Test
        void theHoldersPhoneIsVerifiedOnceAndTheCheckpointSparesASecondCodeExchange() throws Exception {
            Started st = started("twm", Scenario.ELIGIBLE);
            Verifying v = opened(st);
            Verifying checkpointed = steps.verifyNumber(v, st.callback());
            assertTrue(checkpointed.record().version() > v.record().version(), "written");
            assertTrue(EnrollmentDocument.parse(records.load(st.enrollmentId()).document())
                    .hasNumberVerifiedFor(v.stateKey()));
            int exchanges = h.codeExchanges("twm").size();

            Verifying again = opened(st);
            assertEquals(again, steps.verifyNumber(again, st.callback()), "skipped: already checkpointed");
            assertEquals(exchanges, h.codeExchanges("twm").size(), "no second code exchange");
        }
    }

    @Nested
    class Step5LookUpTheSubscriber {
        /** A CHT line's holder, verified on their own phone, whose form gives another person's national ID. */
        private Verifying verifiedWithAnotherPersonsId() throws Exception {
            Subscriber s = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
            Subscriber other = h.networks.subscribers().find("cht", Scenario.PREPAID);
            Harness.Applied applied = h.apply(Harness.formOf(s).nationalId(other.holderId()).build(),
                    DeviceClass.SMARTPHONE);
            DeviceSession phone = ((NextStep.ContinueHere) applied.begun().next()).device();
            Started st = new Started(s, applied, phone,
                    new VerificationCallback(h.phoneOf(s).open(h.startVerification(phone).carrierUri())));
            return steps.verifyNumber(opened(st), st.callback());
        }

        @Test
        void aFormWhoseIdIsNotTheLineHoldersIsRejectedForThatField() throws Exception {
            Verifying v = verifiedWithAnotherPersonsId();
            assertEquals(List.of("verification.ID_MISMATCH"), rejection(() -> steps.lookUpSubscriber(v)));
        }

        @Test
        void onlyAfterTheNumberIsVerifiedIsTheHolderMatchedAndTheLineDescribed() throws Exception {
            Started st = started("fet", Scenario.ELIGIBLE);
            Verifying v = steps.verifyNumber(opened(st), st.callback());
            List<Endpoint> before = h.networks.requests().endpoints("fet");
            assertFalse(before.contains(Endpoint.KYC_MATCH), "no look-up before this step: " + before);

            EligibilityFacts facts = steps.lookUpSubscriber(v);
            assertTrue(h.networks.requests().endpoints("fet").contains(Endpoint.KYC_MATCH));
            assertEquals(tw.mobileauth.eligibility.Fact.known("fet"), facts.carrier());
            assertTrue(facts.isKnown(FactName.CONTRACT_TYPE), "subscription attributes known: " + facts);
        }

        @Test
        void theLinesFactsAreReadBesideTheKycMatchSoThePhoneWaitsForTheSlowestCallNotTheSum() throws Exception {
            Started st = started("cht", Scenario.ELIGIBLE);
            Verifying v = steps.verifyNumber(opened(st), st.callback());
            Duration delay = Duration.ofMillis(1200);
            List<Endpoint> lookUps = List.of(Endpoint.KYC_MATCH, Endpoint.KYC_TENURE, Endpoint.CHT_LINE_PROFILE,
                    Endpoint.SIM_SWAP_DATE);
            lookUps.forEach(e -> h.networks.faults().inject("cht", e, Fault.latency(delay)));

            long start = System.nanoTime();
            EligibilityFacts facts = steps.lookUpSubscriber(v);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertTrue(facts.isKnown(FactName.CONTRACT_TYPE) && facts.isKnown(FactName.TIME_SINCE_SIM_CHANGE),
                    "every look-up answered: " + facts);
            assertTrue(h.networks.requests().endpoints("cht").containsAll(lookUps));
            // one after another: 4 x 1.2 s = 4.8 s; side by side: the slowest call, 1.2 s
            assertTrue(took.compareTo(Duration.ofMillis(3000)) < 0, "the four look-ups took " + took.toMillis() + " ms");
        }

        @Test
        void aKycMismatchRejectsEvenWhenTheLinesOtherLookUpsFailBesideIt() throws Exception {
            Verifying v = verifiedWithAnotherPersonsId();
            h.networks.faults().inject("cht", Endpoint.KYC_TENURE, Fault.malformedJson());
            h.networks.faults().inject("cht", Endpoint.SIM_SWAP_DATE, Fault.malformedJson());

            assertEquals(List.of("verification.ID_MISMATCH"), rejection(() -> steps.lookUpSubscriber(v)));
        }

        @Test
        void theFailureReportedIsTheFirstInTheStepsOrderNotTheFirstToArrive() throws Exception {
            Started st = started("cht", Scenario.ELIGIBLE);
            Verifying v = steps.verifyNumber(opened(st), st.callback());
            h.audit.clear();
            // SIM swap fails at once; the attributes fail only after their slow tenure call has answered
            h.networks.faults().inject("cht", Endpoint.SIM_SWAP_DATE, Fault.malformedJson());
            h.networks.faults().inject("cht", Endpoint.KYC_TENURE, Fault.latency(Duration.ofMillis(600)));
            h.networks.faults().inject("cht", Endpoint.CHT_LINE_PROFILE, Fault.malformedJson());

            assertThrows(EnrollmentUnavailableException.class, () -> steps.lookUpSubscriber(v));
            List<String> failed = h.audit.ofType(EnrollmentEvent.CarrierFailed.class).stream()
                    .filter(e -> e.enrollmentId().equals(st.enrollmentId())).map(EnrollmentEvent.CarrierFailed::operation)
                    .toList();
            assertEquals(List.of("subscriptionAttributes"), failed);
        }
    }

    @Nested
    class Step6DecideEligibility {
        @Test
        void anIneligibleLineIsRejectedWithThePolicysReasonsAndMissingFactsNeverIssue() throws Exception {
            Started prepaid = started("cht", Scenario.PREPAID);
            EligibilityFacts facts = steps.lookUpSubscriber(steps.verifyNumber(opened(prepaid), prepaid.callback()));
            List<String> reasons = rejection(() -> steps.decideEligibility(facts));
            assertFalse(reasons.isEmpty());
            assertTrue(reasons.stream().allMatch(c -> c.startsWith("eligibility.")), reasons.toString());

            assertEquals(List.of("verification.FACTS_INCOMPLETE"), rejection(() -> steps.decideEligibility(
                    EligibilityFacts.unknown().withIdClass(IdClass.CITIZEN))));
        }

        @Test
        void aLineTheCarrierDescribesAsEligiblePasses() throws Exception {
            Started st = started("twm", Scenario.ELIGIBLE);
            steps.decideEligibility(steps.lookUpSubscriber(steps.verifyNumber(opened(st), st.callback())));
        }
    }

    @Nested
    class Step7Issue {
        @Test
        void aCaThatCannotIssueNowIsATryLaterFailureAndStoresNoCredential() throws Exception {
            Started st = started("cht", Scenario.ELIGIBLE);
            Verifying v = steps.verifyNumber(opened(st), st.callback());
            EnrollmentCa expired = EnrollmentCa.generateDevelopmentCa("expired CA", MutableClock.at(h.clock.instant()
                    .minus(EnrollmentCa.DEVELOPMENT_CA_VALIDITY).minus(Duration.ofDays(1))));
            Settings stale = h.service.settings.copy();
            stale.issuer = CertificateIssuer.builder(expired).clock(h.clock).build();
            int credentials = h.credentials.listBySubject(v.doc().subjectKey).size();

            EnrollmentUnavailableException e = assertThrows(EnrollmentUnavailableException.class,
                    () -> stepsOn(stale).issue(v));
            assertEquals(EnrollmentUnavailableException.Source.ISSUER, e.source());
            assertEquals(EnrollmentUnavailableException.Recovery.TRY_LATER, e.recovery());
            assertEquals(credentials, h.credentials.listBySubject(v.doc().subjectKey).size());
        }

        @Test
        void theCredentialIsStoredPendingSoNobodyCanUseItBeforeTheEnrollmentCompletes() throws Exception {
            Started st = started("fet", Scenario.ELIGIBLE);
            Verifying v = steps.verifyNumber(opened(st), st.callback());
            String credentialId = steps.issue(v);
            CredentialRecord stored = h.credentials.find(credentialId).orElseThrow();
            assertEquals(CredentialStatus.PENDING, stored.status());
            assertFalse(stored.isActive());
            assertEquals(credentialId, v.doc().credentialId);
            assertEquals(EnrollmentState.VERIFYING, records.load(st.enrollmentId()).state(), "not completed yet");
        }
    }

    @Nested
    class Step8CompleteAndBind {
        @Test
        void anAttemptThatLosesTheStepToCompletedNeverActivatesItsCredential() throws Exception {
            Started st = started("cht", Scenario.ELIGIBLE);
            Verifying v = steps.verifyNumber(opened(st), st.callback());
            String credentialId = steps.issue(v);
            // A concurrent writer changes the record between issuing and completing.
            assertTrue(records.noteLastError(v.record(), "CARRIER_BUSY", d -> true));

            assertThrows(StepFailure.Superseded.class, () -> steps.completeAndBind(v, credentialId));
            assertEquals(Optional.empty(), h.credentials.find(credentialId), "the loser's credential is deleted");
            assertEquals(EnrollmentState.VERIFYING, records.load(st.enrollmentId()).state());
        }

        @Test
        void theWinnerCompletesActivatesItsCredentialAndRevokesTheOlderOneUnderReplaceAll() throws Exception {
            Subscriber s = h.networks.subscribers().find("twm", Scenario.ELIGIBLE);
            String older = assertInstanceOf(VerificationOutcome.Issued.class,
                    h.journey(s, DeviceClass.SMARTPHONE).outcome()).credentialId();
            h.advance(Duration.ofSeconds(1));
            Started st = started(s, s);
            Verifying v = steps.verifyNumber(opened(st), st.callback());
            String newer = steps.issue(v);

            steps.completeAndBind(v, newer);
            assertEquals(EnrollmentState.COMPLETED, records.load(st.enrollmentId()).state());
            assertTrue(h.credentials.find(newer).orElseThrow().isActive());
            assertFalse(h.credentials.find(older).orElseThrow().isActive(), "REPLACE_ALL keeps only the newest");
            assertNotEquals(List.of(), h.audit.ofType(EnrollmentEvent.CredentialRevoked.class).stream()
                    .filter(e -> e.toString().contains(older)).toList(), "the revocation is audited");
        }
    }
}
