package tw.mobileauth.carrier.cht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.HolderType;
import tw.mobileauth.carrier.spi.LineRole;
import tw.mobileauth.carrier.spi.MvnoStatus;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;
import tw.mobileauth.carrier.testkit.CarrierConformanceKit;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.Fault;
import tw.mobileauth.carrier.testkit.LoggedRequest;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;

/**
 * The shared conformance kit, run against the cht adapter and the fake cht network; then, on the
 * same harness, what only CHT does.
 */
class ChtConformanceTest extends CarrierConformanceKit {

    @Override
    protected CarrierAdapterFactory factory() {
        return new ChtAdapterFactory();
    }

    @Nested
    class WhatOnlyChtDoes {

        @Test
        void chtSubscriberSuspendedBecomesServiceNotApplicable() throws Exception {
            Subscriber suspended = subscriber(Scenario.SUSPENDED);
            CarrierException e = assertThrows(CarrierException.ServiceNotApplicable.class,
                    () -> adapter().matchSubscriber(context(), suspended.msisdn(), claimsOf(suspended)));
            assertEquals("CHT.SUBSCRIBER_SUSPENDED", e.code());
            assertEquals(OptionalInt.of(422), e.httpStatus());
            Subscriber fine = subscriber(Scenario.ELIGIBLE);
            assertTrue(adapter().matchSubscriber(context(), fine.msisdn(), claimsOf(fine)).isFullMatch());
        }

        @Test
        void theSuspensionCodeIsMappedOnlyWithItsStatus422AndOtherwiseFallsBackToTheStatus() {
            Subscriber s = subscriber(Scenario.ELIGIBLE);
            network().faults().inject("cht", Endpoint.KYC_MATCH, Fault.error(422, "CHT.SUBSCRIBER_SUSPENDED"));
            assertThrows(CarrierException.ServiceNotApplicable.class,
                    () -> adapter().matchSubscriber(context(), s.msisdn(), claimsOf(s)));
            // The profile declares CHT.SUBSCRIBER_SUSPENDED with 422 only: the answers below are off-spec on purpose.
            network().faults().inject("cht", Endpoint.KYC_MATCH, Fault.error(403, "CHT.SUBSCRIBER_SUSPENDED").offSpec());
            CarrierException e = assertThrows(CarrierException.PermissionDenied.class,
                    () -> adapter().matchSubscriber(context(), s.msisdn(), claimsOf(s)));
            assertEquals("CHT.SUBSCRIBER_SUSPENDED", e.code(), "the raw code is kept");
            network().faults().inject("cht", Endpoint.KYC_MATCH, Fault.error(404, "CHT.SUBSCRIBER_SUSPENDED").offSpec());
            assertThrows(CarrierException.SubscriberNotFound.class,
                    () -> adapter().matchSubscriber(context(), s.msisdn(), claimsOf(s)));
            network().faults().inject("cht", Endpoint.KYC_MATCH, Fault.error(403, "CHT.QUOTA_PLAN_EXPIRED").offSpec());
            assertThrows(CarrierException.PermissionDenied.class,
                    () -> adapter().matchSubscriber(context(), s.msisdn(), claimsOf(s)));
        }

        @Test
        void contractTypeComesFromKycTenureAskedAboutTodayInUtc() throws Exception {
            assertEquals(ContractType.POSTPAID, attributes(adapter(), Scenario.ELIGIBLE).contractType());
            String today = LocalDate.ofInstant(clock().instant(), ZoneOffset.UTC).toString();
            assertEquals(today, lastTenureBody().path("tenureDate").asText());
            assertEquals(ContractType.PREPAID, attributes(adapter(), Scenario.PREPAID).contractType());
            SubscriptionAttributes business = attributes(adapter(), Scenario.BUSINESS);
            assertEquals(ContractType.BUSINESS, business.contractType());
            assertEquals(HolderType.ENTERPRISE, business.holderType());
        }

        @Test
        void aConfiguredTenureDateIsSentAndAMalformedOneIsRefusedAtCreation() throws Exception {
            CarrierConfig dated = network().configFor("cht").property("tenure-date", "2020-01-01").build();
            try (CarrierAdapter a = factory().create(dated)) {
                attributes(a, Scenario.ELIGIBLE);
            }
            assertEquals("2020-01-01", lastTenureBody().path("tenureDate").asText());
            CarrierConfig bad = network().configFor("cht").property("tenure-date", "2020/01/01").build();
            assertThrows(IllegalArgumentException.class, () -> factory().create(bad));
        }

        @Test
        void theLineProfileGivesTheLineRoleAndAResellerBrandMeansMvno() throws Exception {
            SubscriptionAttributes mvno = attributes(adapter(), Scenario.MVNO);
            assertEquals(MvnoStatus.YES, mvno.mvno());
            assertEquals(subscriber(Scenario.MVNO).mvnoBrand(), mvno.mvnoBrand());
            SubscriptionAttributes own = attributes(adapter(), Scenario.ELIGIBLE);
            assertEquals(MvnoStatus.NO, own.mvno());
            assertEquals(Optional.empty(), own.mvnoBrand());
            assertEquals(LineRole.PRIMARY, own.lineRole());
            assertEquals(LineRole.FAMILY_SUB_LINE, attributes(adapter(), Scenario.FAMILY_SUB_LINE).lineRole());
        }

        @Test
        void aContractTypeChtNeverDefinedIsUnknownWithAnUnknownHolder() throws Exception {
            network().faults().inject("cht", Endpoint.KYC_TENURE, Fault.rawResponse(200, "application/json",
                    "{\"tenureDateCheck\":true,\"contractType\":\"Hybrid\"}"));
            SubscriptionAttributes a = attributes(adapter(), Scenario.ELIGIBLE);
            assertEquals(ContractType.UNKNOWN, a.contractType());
            assertEquals(HolderType.UNKNOWN, a.holderType());
            assertEquals(ContractType.POSTPAID, attributes(adapter(), Scenario.ELIGIBLE).contractType());
        }

        @Test
        void theFactoryIsFoundByServiceLoaderWithItsNamesAndOrder() {
            List<CarrierAdapterFactory> found = ServiceLoader.load(CarrierAdapterFactory.class).stream()
                    .map(ServiceLoader.Provider::get).collect(Collectors.toList());
            assertEquals(List.of("cht"), found.stream().map(CarrierAdapterFactory::id).collect(Collectors.toList()));
            assertEquals("中華電信", found.get(0).displayName(Locale.TAIWAN));
            assertEquals("Chunghwa Telecom", found.get(0).displayName(Locale.ENGLISH));
            assertEquals(10, found.get(0).order());
        }

        @Test
        void roamingStatusAndNetworkTypeAreAskedSideBySideWithTheOneToken() throws Exception {
            Subscriber s = subscriber(Scenario.ELIGIBLE);
            network().faults().inject("cht", Endpoint.ROAMING_STATUS, Fault.latency(Duration.ofMillis(1200)));
            network().faults().inject("cht", Endpoint.NETWORK_TYPE, Fault.latency(Duration.ofMillis(1200)));
            long start = System.nanoTime();
            assertTrue(verify(NetworkAttachments.defaultHandle(s.msisdn()), s.msisdn(), context()).result().verified());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // one after the other: 2.4 s and more; side by side: 1.2 s and the rest of the verification
            assertTrue(took.compareTo(Duration.ofMillis(2200)) < 0, "the verification took " + took.toMillis() + " ms");
        }

        @Test
        void kycTenureAndTheLineProfileAreAskedSideBySide() throws Exception {
            network().faults().inject("cht", Endpoint.KYC_TENURE, Fault.latency(Duration.ofMillis(1200)));
            network().faults().inject("cht", Endpoint.CHT_LINE_PROFILE, Fault.latency(Duration.ofMillis(1200)));
            long start = System.nanoTime();
            SubscriptionAttributes a = attributes(adapter(), Scenario.ELIGIBLE);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(ContractType.POSTPAID, a.contractType());
            // one after the other: 2.4 s; side by side: 1.2 s
            assertTrue(took.compareTo(Duration.ofMillis(2000)) < 0, "the two calls took " + took.toMillis() + " ms");
        }

        @Test
        void aTenureFailureIsReportedBeforeALineProfileFailureWhicheverArrivesFirst() {
            // the tenure call fails only on its retry, a second later; the line profile fails at once
            network().faults().inject("cht", Endpoint.KYC_TENURE, Fault.rateLimited(Duration.ofSeconds(1)));
            network().faults().inject("cht", Endpoint.KYC_TENURE, Fault.error(404, "IDENTIFIER_NOT_FOUND"));
            network().faults().inject("cht", Endpoint.CHT_LINE_PROFILE, Fault.malformedJson());
            assertThrows(CarrierException.SubscriberNotFound.class, () -> attributes(adapter(), Scenario.ELIGIBLE));
        }

        private SubscriptionAttributes attributes(CarrierAdapter a, Scenario scenario) throws CarrierException {
            Subscriber s = subscriber(scenario);
            return a.subscriptionAttributes(context(), s.msisdn(), claimsOf(s));
        }

        private JsonNode lastTenureBody() throws Exception {
            List<LoggedRequest> calls = network().requests().of("cht", Endpoint.KYC_TENURE);
            return new ObjectMapper().readTree(calls.get(calls.size() - 1).body());
        }
    }
}
