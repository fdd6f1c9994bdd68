package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.CarrierAdapters;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.KycMatchResult;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.NvChallenge;
import tw.mobileauth.carrier.spi.NvVerification;
import tw.mobileauth.carrier.spi.SimSwapInfo;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.LoggedRequest;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.DeviceClass;

/**
 * docs/journey.md: the holder check (KYC match of ID, name and birth date) is not optional. Without
 * it, anybody with a phone could bind someone else's ID to their own line; so the service refuses
 * an adapter that cannot do it, and rejects (never issues) if an adapter stops declaring it.
 */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class HolderCheckTest {

    /** A third-party adapter around a real one that declares fewer capabilities (changeable at run time). */
    static final class LessCapable implements CarrierAdapter {
        private final CarrierAdapter real;
        private volatile Set<Capability> withheld;

        LessCapable(CarrierAdapter real, Set<Capability> withheld) {
            this.real = real;
            this.withheld = withheld;
        }

        void withhold(Set<Capability> capabilities) {
            this.withheld = capabilities;
        }

        @Override
        public String carrierId() {
            return real.carrierId();
        }

        @Override
        public Set<Capability> capabilities() {
            EnumSet<Capability> declared = EnumSet.copyOf(real.capabilities());
            declared.removeAll(withheld);
            return declared;
        }

        @Override
        public NvChallenge startNumberVerification(CallContext ctx, Msisdn msisdn, URI redirectUri)
                throws CarrierException {
            return real.startNumberVerification(ctx, msisdn, redirectUri);
        }

        @Override
        public NvVerification completeNumberVerification(CallContext ctx, NvChallenge challenge,
                Map<String, String> callback) throws CarrierException {
            return real.completeNumberVerification(ctx, challenge, callback);
        }

        @Override
        public KycMatchResult matchSubscriber(CallContext ctx, Msisdn msisdn, SubscriberClaims claims)
                throws CarrierException {
            return real.matchSubscriber(ctx, msisdn, claims);
        }

        @Override
        public SubscriptionAttributes subscriptionAttributes(CallContext ctx, Msisdn msisdn, SubscriberClaims claims)
                throws CarrierException {
            return real.subscriptionAttributes(ctx, msisdn, claims);
        }

        @Override
        public SimSwapInfo simSwapInfo(CallContext ctx, Msisdn msisdn) throws CarrierException {
            return real.simSwapInfo(ctx, msisdn);
        }

        @Override
        public void close() {
            real.close();
        }
    }

    /** Wraps every real adapter, withholding {@code withheld}; the wrappers land in {@code out}. */
    private static UnaryOperator<CarrierAdapters> withholding(Set<Capability> withheld, Map<String, LessCapable> out) {
        return real -> {
            for (String id : real.ids()) {
                out.put(id, new LessCapable(real.get(id).orElseThrow(), withheld));
            }
            return CarrierAdapters.of(out);
        };
    }

    private static IllegalArgumentException buildWithout(Capability capability) {
        return assertThrows(IllegalArgumentException.class, () -> new Harness(UnaryOperator.identity(), b -> b,
                withholding(EnumSet.of(capability), new LinkedHashMap<>())).close());
    }

    @Test
    void theServiceRefusesToStartWithAnAdapterLackingKycMatchOrNumberVerificationButStartsWithTheRealOnes() {
        IllegalArgumentException noKyc = buildWithout(Capability.KYC_MATCH);
        assertTrue(noKyc.getMessage().contains("KYC_MATCH"), noKyc.getMessage());
        assertTrue(noKyc.getMessage().contains("'cht'"), "names the carrier: " + noKyc.getMessage());
        IllegalArgumentException noNv = buildWithout(Capability.NUMBER_VERIFICATION);
        assertTrue(noNv.getMessage().contains("NUMBER_VERIFICATION"), noNv.getMessage());

        // Optional capabilities stay optional.
        new Harness(UnaryOperator.identity(), b -> b,
                withholding(EnumSet.of(Capability.SIM_SWAP_DATE, Capability.SIM_SWAP_CHECK), new LinkedHashMap<>()))
                .close();
    }

    @Test
    void anAdapterThatStopsDeclaringKycMatchAtRunTimeGetsTheEnrollmentRejectedAndNothingIssued() throws Exception {
        Map<String, LessCapable> wrapped = new LinkedHashMap<>();
        try (Harness h = new Harness(UnaryOperator.identity(), b -> b, withholding(Set.of(), wrapped))) {
            Subscriber attacker = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
            Subscriber victim = h.networks.subscribers().find("cht", Scenario.PREPAID);
            // The attacker's own phone and number, with the victim's ID and a made-up name and birth date.
            Harness.Applied applied = h.apply(Harness.formOf(attacker).nationalId(victim.holderId()).name("王小明")
                    .birthDate("1970-01-01").build(), DeviceClass.SMARTPHONE);
            DeviceSession session = assertInstanceOf(NextStep.ContinueHere.class, applied.begun().next()).device();
            wrapped.get("cht").withhold(EnumSet.of(Capability.KYC_MATCH));
            h.networks.requests().clear();

            VerificationOutcome outcome = h.verifyOn(h.phoneOf(attacker), session);

            Harness.assertReasons(outcome, "verification.HOLDER_DATA_UNAVAILABLE");
            assertInstanceOf(EnrollmentStatus.Rejected.class, h.status(applied));
            assertTrue(h.audit.ofType(tw.mobileauth.audit.EnrollmentEvent.Completed.class).isEmpty(), "nothing issued");
            assertFalse(h.networks.requests().endpoints("cht").contains(Endpoint.KYC_MATCH));

            // The same application with the capability declared again is checked, and the check refuses it.
            wrapped.get("cht").withhold(Set.of());
            Harness.Applied again = h.apply(Harness.formOf(attacker).nationalId(victim.holderId()).name("王小明")
                    .birthDate("1970-01-01").build(), DeviceClass.SMARTPHONE);
            VerificationOutcome checked = h.verifyOn(h.phoneOf(attacker),
                    assertInstanceOf(NextStep.ContinueHere.class, again.begun().next()).device());
            assertInstanceOf(VerificationOutcome.Refused.class, checked);
            assertTrue(((VerificationOutcome.Refused) checked).reasons().stream()
                    .anyMatch(r -> r.code().equals("verification.ID_MISMATCH")), checked.toString());
        }
    }

    @Test
    void everySuccessfulEnrollmentCallsTheKycMatchAfterNumberVerificationAtEachCarrier(Harness h) throws Exception {
        for (String carrier : List.of("cht", "twm", "fet")) {
            h.networks.requests().clear();
            Harness.Journey j = h.journey(h.networks.subscribers().find(carrier, Scenario.ELIGIBLE),
                    DeviceClass.SMARTPHONE);
            assertInstanceOf(VerificationOutcome.Issued.class, j.outcome(), carrier);
            List<LoggedRequest> log = h.networks.requests().all();
            int verified = EnrollmentJourneyTest.indexOf(log, Endpoint.NUMBER_VERIFY);
            int matched = EnrollmentJourneyTest.indexOf(log, Endpoint.KYC_MATCH);
            assertTrue(verified >= 0, carrier + ": number verification was called: " + log);
            assertTrue(matched > verified, carrier + ": the KYC match came after number verification: " + log);
            assertEquals(200, log.get(matched).responseStatus(), carrier);
            assertEquals(carrier, log.get(matched).carrierId());
        }
    }
}
