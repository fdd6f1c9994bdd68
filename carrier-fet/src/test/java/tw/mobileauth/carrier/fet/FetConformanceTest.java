package tw.mobileauth.carrier.fet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.KycMatchResult;
import tw.mobileauth.carrier.spi.LineRole;
import tw.mobileauth.carrier.spi.MatchOutcome;
import tw.mobileauth.carrier.spi.MvnoStatus;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;
import tw.mobileauth.carrier.testkit.CarrierConformanceKit;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.Fault;
import tw.mobileauth.carrier.testkit.LoggedRequest;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;

/**
 * The shared conformance kit, run against the fet adapter and the fake fet network; then, on the
 * same harness, what only FET does.
 */
class FetConformanceTest extends CarrierConformanceKit {

    @Override
    protected CarrierAdapterFactory factory() {
        return new FetAdapterFactory();
    }

    @Nested
    class WhatOnlyFetDoes {

        @Test
        void idDocumentMismatchIsANonMatchResultNotAnError() throws Exception {
            Subscriber s = subscriber(Scenario.ELIGIBLE);
            KycMatchResult r = adapter().matchSubscriber(context(), s.msisdn(), withIdOf(s, Scenario.PREPAID));
            assertEquals(new KycMatchResult(MatchOutcome.NO_MATCH, MatchOutcome.NOT_AVAILABLE, OptionalInt.empty(),
                    MatchOutcome.NOT_AVAILABLE), r);
            assertEquals(1, kycCalls().size(), "a result is not retried");
            assertEquals(403, kycCalls().get(0).responseStatus(), "FET answers the mismatch with a 403");
            assertTrue(adapter().matchSubscriber(context(), s.msisdn(), claimsOf(s)).isFullMatch());
        }

        @Test
        void otherForbiddenCodesStayErrorsAndAMissingIdDocumentIsOurInvalidRequest() {
            Subscriber s = subscriber(Scenario.ELIGIBLE);
            network().faults().inject("fet", Endpoint.KYC_MATCH,
                    Fault.error(403, "KNOW_YOUR_CUSTOMER.ID_DOCUMENT_REQUIRED"));
            CarrierException e = assertThrows(CarrierException.InvalidRequest.class,
                    () -> adapter().matchSubscriber(context(), s.msisdn(), claimsOf(s)));
            assertEquals("KNOW_YOUR_CUSTOMER.ID_DOCUMENT_REQUIRED", e.code());
            network().faults().inject("fet", Endpoint.KYC_MATCH, Fault.error(403, "PERMISSION_DENIED"));
            assertThrows(CarrierException.PermissionDenied.class,
                    () -> adapter().matchSubscriber(context(), s.msisdn(), claimsOf(s)));
        }

        @Test
        void attributesAloneAskWithOnlyThePhoneNumberAndIdDocument() throws Exception {
            Subscriber s = subscriber(Scenario.MVNO);
            SubscriptionAttributes a = adapter().subscriptionAttributes(context(), s.msisdn(), claimsOf(s));
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
            Subscriber s = subscriber(Scenario.ELIGIBLE);
            SubscriptionAttributes first = adapter().subscriptionAttributes(context(), s.msisdn(), claimsOf(s));
            assertEquals(first, adapter().subscriptionAttributes(context(), s.msisdn(), claimsOf(s)));
            assertEquals(1, kycCalls().size(), "the second read comes from the cache");
            Subscriber other = subscriber(Scenario.PREPAID);
            assertEquals(ContractType.PREPAID,
                    adapter().subscriptionAttributes(context(), other.msisdn(), claimsOf(other)).contractType());
            assertEquals(2, kycCalls().size(), "another line is not served from the cache");
            clock().advance(AttributeCache.TTL);
            adapter().subscriptionAttributes(context(), s.msisdn(), claimsOf(s));
            assertEquals(3, kycCalls().size(), "after five minutes FET is asked again");
        }

        @Test
        void aWrongIdDocumentIsNeverAnsweredFromTheCache() throws Exception {
            Subscriber s = subscriber(Scenario.ELIGIBLE);
            adapter().subscriptionAttributes(context(), s.msisdn(), claimsOf(s));
            CarrierException e = assertThrows(CarrierException.PermissionDenied.class,
                    () -> adapter().subscriptionAttributes(context(), s.msisdn(), withIdOf(s, Scenario.PREPAID)));
            assertEquals("KNOW_YOUR_CUSTOMER.ID_DOCUMENT_MISMATCH", e.code());
        }

        @Test
        void aMatchingKycAnswerAlsoServesTheAttributes() throws Exception {
            Subscriber s = subscriber(Scenario.PARENT_CHILD);
            assertTrue(adapter().matchSubscriber(context(), s.msisdn(), claimsOf(s)).isFullMatch());
            assertEquals(LineRole.PARENT_CHILD,
                    adapter().subscriptionAttributes(context(), s.msisdn(), claimsOf(s)).lineRole());
            assertEquals(1, kycCalls().size());
        }

        private SubscriberClaims withIdOf(Subscriber s, Scenario other) {
            return new SubscriberClaims(subscriber(other).holderId(), s.holderIdType(), s.name(), s.birthDate());
        }

        private List<LoggedRequest> kycCalls() {
            return network().requests().of("fet", Endpoint.KYC_MATCH);
        }
    }
}
