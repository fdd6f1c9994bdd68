package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.carrier.testkit.Access;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.DeviceClass;

/** Each rejection carries the right reason codes, with zh-TW/English messages and remedies. */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class EnrollmentRejectionTest {

    private static Harness h;

    @BeforeAll
    static void start(Harness shared) {
        h = shared;
    }


    @BeforeEach
    void reset() {
        h.networks.reset();
    }

    private Subscriber sub(String carrier, Scenario scenario) {
        return h.networks.subscribers().find(carrier, scenario);
    }

    private VerificationOutcome rejectedJourney(Subscriber s) throws Exception {
        return h.journey(s, DeviceClass.SMARTPHONE).outcome();
    }

    private List<Endpoint> lookUps(String carrier) {
        return h.networks.requests().endpoints(carrier).stream()
                .filter(EnrollmentJourneyTest.SUBSCRIBER_LOOKUPS::contains).toList();
    }

    @Test
    void aPhoneOnWifiIsRejectedWithTheWifiRemedyAndNoSubscriberLookUpAtAll() throws Exception {
        Subscriber s = sub("cht", Scenario.ELIGIBLE);
        h.networks.attachments().attach(NetworkAttachments.defaultHandle(s.msisdn()), s.msisdn(), Access.wifi());
        VerificationOutcome outcome = rejectedJourney(s);
        Harness.assertReasons(outcome, "verification.NOT_ON_MOBILE_NETWORK");
        assertTrue(((VerificationOutcome.Refused) outcome).reasons().get(0).remedy().zhTw().contains("Wi-Fi"));
        assertEquals(List.of(), lookUps("cht"), "no KYC, attributes or SIM swap for a phone on Wi-Fi");
        assertFalse(h.networks.requests().endpoints("cht").contains(Endpoint.NUMBER_VERIFY));
    }

    @Test
    void aRoamingPhoneIsRejectedAsRoaming() throws Exception {
        Subscriber s = sub("twm", Scenario.ELIGIBLE);
        h.networks.attachments().attach(NetworkAttachments.defaultHandle(s.msisdn()), s.msisdn(),
                Access.roaming(440, false));
        Harness.assertReasons(rejectedJourney(s), "eligibility.ROAMING");
    }

    @Test
    void prepaidParentChildFamilySubLineEnterpriseAndMvnoLinesAreRejectedWithTheirCodes() throws Exception {
        Harness.assertReasons(rejectedJourney(sub("cht", Scenario.PREPAID)), "eligibility.CONTRACT_PREPAID");
        Harness.assertReasons(rejectedJourney(sub("twm", Scenario.PARENT_CHILD)), "eligibility.LINE_PARENT_CHILD");
        Harness.assertReasons(rejectedJourney(sub("fet", Scenario.FAMILY_SUB_LINE)),
                "eligibility.LINE_FAMILY_SUB_LINE");
        Harness.assertReasons(rejectedJourney(sub("cht", Scenario.MVNO)), "eligibility.MVNO_LINE");
    }

    @Test
    void anEnterpriseHolderIsRejectedWithExactlyTheCodesItsCarrierCanExpress() throws Exception {
        // TWM reports the customer type apart from the (postpaid) billing: only the holder rule fails.
        Harness.assertReasons(rejectedJourney(sub("twm", Scenario.ENTERPRISE_HOLDER)),
                "eligibility.HOLDER_ENTERPRISE");
        // CHT (KYC Tenure "Business") and FET (segment "BIZ") write every enterprise line as a
        // business contract, so both the contract and the holder rule fail.
        Harness.assertReasons(rejectedJourney(sub("cht", Scenario.ENTERPRISE_HOLDER)),
                "eligibility.CONTRACT_BUSINESS", "eligibility.HOLDER_ENTERPRISE");
        Harness.assertReasons(rejectedJourney(sub("fet", Scenario.ENTERPRISE_HOLDER)),
                "eligibility.CONTRACT_BUSINESS", "eligibility.HOLDER_ENTERPRISE");
    }

    @Test
    void aResidentNumberIsRejectedBeforeAnyCarrierCall() throws Exception {
        String resident = TestIds.residentNumber();
        EnrollmentException atStep1 = assertThrows(EnrollmentException.class, () -> h.service.checkNationalId(resident));
        assertEquals(EnrollmentException.Reason.INELIGIBLE, atStep1.reason());
        assertEquals(List.of("eligibility.ID_NOT_CITIZEN"), atStep1.rejections().stream().map(RejectionReason::code).toList());
        Harness.assertLocalised(atStep1.rejections().get(0).remedy());

        Subscriber s = sub("cht", Scenario.ELIGIBLE);
        EnrollmentException atBegin = assertThrows(EnrollmentException.class,
                () -> h.apply(Harness.formOf(s).nationalId(resident).build(), DeviceClass.DESKTOP));
        assertEquals(EnrollmentException.Reason.INELIGIBLE, atBegin.reason());
        assertEquals(List.of(), h.networks.requests().all(), "no carrier was called");

        assertEquals("A12****789".length(), h.service.checkNationalId(s.holderId()).maskedNationalId().length());
        assertThrows(InvalidInputException.class, () -> h.service.checkNationalId("A123456788"));
    }

    @Test
    void idNameOrBirthDateMismatchAtTheCarrierIsRejectedFieldByField() throws Exception {
        Subscriber s = sub("cht", Scenario.ELIGIBLE);
        Subscriber other = sub("cht", Scenario.PREPAID);
        Harness.assertReasons(verify(s, Harness.formOf(s).nationalId(other.holderId()).build()),
                "verification.ID_MISMATCH");
        Harness.assertReasons(verify(s, Harness.formOf(s).name("王小明").build()), "verification.NAME_MISMATCH");
        Harness.assertReasons(verify(s, Harness.formOf(s).birthDate("1986-03-15").build()),
                "verification.BIRTH_DATE_MISMATCH");
    }

    @Test
    void theWrongCarrierIsRejectedAndSaysToCheckTheCarrier() throws Exception {
        Subscriber s = sub("cht", Scenario.ELIGIBLE);
        // The phone is on its own carrier's network, but the form chose another carrier.
        Harness.assertReasons(verify(s, Harness.formOf(s).carrierId("twm").build()),
                "verification.NOT_ON_MOBILE_NETWORK");
        // The number now rides on the chosen carrier's network, but that carrier has no such
        // subscriber (ported, or the wrong carrier in its books): SubscriberNotFound.
        h.networks.attachments().attach(NetworkAttachments.defaultHandle(s.msisdn()), s.msisdn(),
                Access.otherCarrier("twm"));
        VerificationOutcome notFound = verify(s, Harness.formOf(s).carrierId("twm").build());
        Harness.assertReasons(notFound, "verification.SUBSCRIBER_NOT_FOUND");
        assertTrue(((VerificationOutcome.Refused) notFound).reasons().get(0).remedy().zhTw().contains("電信業者"));
    }

    private VerificationOutcome verify(Subscriber s, tw.mobileauth.identity.ApplicationForm form) throws Exception {
        Harness.Applied applied = h.apply(form, DeviceClass.SMARTPHONE);
        DeviceSession session = ((NextStep.ContinueHere) applied.begun().next()).device();
        return h.verifyOn(h.phoneOf(s), session);
    }
}
