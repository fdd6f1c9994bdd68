package tw.mobileauth.carrier.fet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.KycMatchResult;
import tw.mobileauth.carrier.spi.MatchOutcome;
import tw.mobileauth.carrier.spi.MvnoStatus;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.testkit.Fault;
import tw.mobileauth.carrier.testkit.LoggedRequest;
import tw.mobileauth.carrier.testkit.MutableClock;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;

/** What only FET does, against the fake FET network. */
class FetProfileTest {

    private static MutableClock clock;
    private static FakeCarrierNetworks network;
    private CarrierAdapter adapter;

    @BeforeAll
    static void startNetwork() {
        clock = MutableClock.ticking();
        network = FakeCarrierNetworks.builder().clock(clock).start();
    }

    @AfterAll
    static void stopNetwork() {
        network.close();
    }

    @BeforeEach
    void freshAdapter() {
        network.reset();
        adapter = new FetAdapterFactory().create(network.configFor("fet").build());
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    @Test
    void idDocumentMismatchIsANonMatchResultNotAnError() throws Exception {
        Subscriber s = line(Scenario.ELIGIBLE);
        String otherId = line(Scenario.PREPAID).holderId();
        KycMatchResult r = adapter.matchSubscriber(ctx(), s.msisdn(),
                new SubscriberClaims(otherId, s.holderIdType(), s.name(), s.birthDate()));
        assertEquals(new KycMatchResult(MatchOutcome.NO_MATCH, MatchOutcome.NOT_AVAILABLE, OptionalInt.empty(),
                MatchOutcome.NOT_AVAILABLE), r);
        List<LoggedRequest> kyc = kycCalls();
        assertEquals(1, kyc.size(), "a result is not retried");
        assertEquals(403, kyc.get(0).responseStatus(), "FET answers the mismatch with a 403");
        assertTrue(adapter.matchSubscriber(ctx(), s.msisdn(), claims(s)).isFullMatch());
    }

    @Test
    void otherForbiddenCodesStayErrorsAndAMissingIdDocumentIsOurInvalidRequest() {
        Subscriber s = line(Scenario.ELIGIBLE);
        network.faults().inject("fet", Endpoint.KYC_MATCH, Fault.error(403, "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_REQUIRED"));
        CarrierException e = assertThrows(CarrierException.InvalidRequest.class,
                () -> adapter.matchSubscriber(ctx(), s.msisdn(), claims(s)));
        assertEquals("KNOW_YOUR_CUSTOMER.ID_DOCUMENT_REQUIRED", e.code());
        network.faults().inject("fet", Endpoint.KYC_MATCH, Fault.error(403, "PERMISSION_DENIED"));
        assertThrows(CarrierException.PermissionDenied.class, () -> adapter.matchSubscriber(ctx(), s.msisdn(), claims(s)));
    }

    @Test
    void attributesAloneAskWithOnlyThePhoneNumberAndIdDocument() throws Exception {
        Subscriber s = line(Scenario.MVNO);
        SubscriptionAttributes a = adapter.subscriptionAttributes(ctx(), s.msisdn(), claims(s));
        assertEquals(MvnoStatus.YES, a.mvno());
        assertEquals(s.mvnoBrand(), a.mvnoBrand());
        JsonNode body = new ObjectMapper().readTree(kycCalls().get(0).body());
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("phoneNumber", "idDocument"), fields);
        assertEquals(s.holderId(), body.path("idDocument").asText());
    }

    @Test
    void attributesAreCachedPerNumberAndIdDocumentForFiveMinutes() throws Exception {
        Subscriber s = line(Scenario.ELIGIBLE);
        SubscriptionAttributes first = adapter.subscriptionAttributes(ctx(), s.msisdn(), claims(s));
        assertEquals(first, adapter.subscriptionAttributes(ctx(), s.msisdn(), claims(s)));
        assertEquals(1, kycCalls().size(), "the second read comes from the cache");
        Subscriber other = line(Scenario.PREPAID);
        assertEquals(ContractType.PREPAID, adapter.subscriptionAttributes(ctx(), other.msisdn(), claims(other))
                .contractType());
        assertEquals(2, kycCalls().size(), "another line is not served from the cache");
        clock.advance(AttributeCache.TTL);
        adapter.subscriptionAttributes(ctx(), s.msisdn(), claims(s));
        assertEquals(3, kycCalls().size(), "after five minutes FET is asked again");
    }

    @Test
    void aWrongIdDocumentIsNeverAnsweredFromTheCache() throws Exception {
        Subscriber s = line(Scenario.ELIGIBLE);
        adapter.subscriptionAttributes(ctx(), s.msisdn(), claims(s));
        SubscriberClaims wrong = new SubscriberClaims(line(Scenario.PREPAID).holderId(), s.holderIdType(), s.name(),
                s.birthDate());
        CarrierException e = assertThrows(CarrierException.PermissionDenied.class,
                () -> adapter.subscriptionAttributes(ctx(), s.msisdn(), wrong));
        assertEquals("KNOW_YOUR_CUSTOMER.ID_DOCUMENT_MISMATCH", e.code());
    }

    @Test
    void aMatchingKycAnswerAlsoServesTheAttributes() throws Exception {
        Subscriber s = line(Scenario.PARENT_CHILD);
        assertTrue(adapter.matchSubscriber(ctx(), s.msisdn(), claims(s)).isFullMatch());
        assertEquals(tw.mobileauth.carrier.spi.LineRole.PARENT_CHILD,
                adapter.subscriptionAttributes(ctx(), s.msisdn(), claims(s)).lineRole());
        assertEquals(1, kycCalls().size());
    }

    @Test
    void aBizSegmentIsABusinessContract() throws Exception {
        Subscriber s = line(Scenario.BUSINESS);
        SubscriptionAttributes a = adapter.subscriptionAttributes(ctx(), s.msisdn(), claims(s));
        assertEquals(ContractType.BUSINESS, a.contractType());
        assertEquals(tw.mobileauth.carrier.spi.HolderType.ENTERPRISE, a.holderType());
        assertEquals(Optional.empty(), adapter.subscriptionAttributes(ctx(), line(Scenario.ELIGIBLE).msisdn(),
                claims(line(Scenario.ELIGIBLE))).mvnoBrand());
    }

    private static List<LoggedRequest> kycCalls() {
        return network.requests().of("fet", Endpoint.KYC_MATCH);
    }

    private static Subscriber line(Scenario scenario) {
        return network.subscribers().find("fet", scenario);
    }

    private static SubscriberClaims claims(Subscriber s) {
        return new SubscriberClaims(s.holderId(), s.holderIdType(), s.name(), s.birthDate());
    }

    private static CallContext ctx() {
        return CallContext.withTimeout(Duration.ofSeconds(5), clock);
    }
}
