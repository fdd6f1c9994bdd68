package tw.mobileauth.carrier.cht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.HolderType;
import tw.mobileauth.carrier.spi.LineRole;
import tw.mobileauth.carrier.spi.MvnoStatus;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.testkit.Fault;
import tw.mobileauth.carrier.testkit.LoggedRequest;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;

/** What only CHT does, against the fake CHT network. */
class ChtProfileTest {

    private static FakeCarrierNetworks network;
    private CarrierAdapter adapter;

    @BeforeAll
    static void startNetwork() {
        network = FakeCarrierNetworks.start();
    }

    @AfterAll
    static void stopNetwork() {
        network.close();
    }

    @BeforeEach
    void freshAdapter() {
        network.reset();
        adapter = new ChtAdapterFactory().create(network.configFor("cht").build());
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    @Test
    void chtSubscriberSuspendedBecomesServiceNotApplicable() throws Exception {
        Subscriber suspended = line(Scenario.SUSPENDED);
        CarrierException e = assertThrows(CarrierException.ServiceNotApplicable.class,
                () -> adapter.matchSubscriber(ctx(), suspended.msisdn(), claims(suspended)));
        assertEquals("CHT.SUBSCRIBER_SUSPENDED", e.code());
        assertEquals(OptionalInt.of(422), e.httpStatus());
        Subscriber fine = line(Scenario.ELIGIBLE);
        assertTrue(adapter.matchSubscriber(ctx(), fine.msisdn(), claims(fine)).isFullMatch());
    }

    @Test
    void theSuspensionCodeIsMappedWhateverItsStatusButOtherChtCodesFallBackToTheStatus() {
        Subscriber s = line(Scenario.ELIGIBLE);
        network.faults().inject("cht", Endpoint.KYC_MATCH, Fault.error(403, "CHT.SUBSCRIBER_SUSPENDED"));
        assertThrows(CarrierException.ServiceNotApplicable.class, () -> adapter.matchSubscriber(ctx(), s.msisdn(), claims(s)));
        network.faults().inject("cht", Endpoint.KYC_MATCH, Fault.error(403, "CHT.QUOTA_PLAN_EXPIRED"));
        assertThrows(CarrierException.PermissionDenied.class, () -> adapter.matchSubscriber(ctx(), s.msisdn(), claims(s)));
    }

    @Test
    void contractTypeComesFromKycTenureAskedAboutTodayInUtc() throws Exception {
        assertEquals(ContractType.POSTPAID, attributes(Scenario.ELIGIBLE).contractType());
        String today = LocalDate.ofInstant(network.clock().instant(), ZoneOffset.UTC).toString();
        assertEquals(today, lastBody(Endpoint.KYC_TENURE).path("tenureDate").asText());
        assertEquals(ContractType.PREPAID, attributes(Scenario.PREPAID).contractType());
        SubscriptionAttributes business = attributes(Scenario.BUSINESS);
        assertEquals(ContractType.BUSINESS, business.contractType());
        assertEquals(HolderType.ENTERPRISE, business.holderType());
    }

    @Test
    void aConfiguredTenureDateIsSentAndAMalformedOneIsRefusedAtCreation() throws Exception {
        CarrierConfig.Builder b = network.configFor("cht").property("tenure-date", "2020-01-01");
        adapter.close();
        adapter = new ChtAdapterFactory().create(b.build());
        attributes(Scenario.ELIGIBLE);
        assertEquals("2020-01-01", lastBody(Endpoint.KYC_TENURE).path("tenureDate").asText());
        CarrierConfig bad = network.configFor("cht").property("tenure-date", "2020/01/01").build();
        assertThrows(IllegalArgumentException.class, () -> new ChtAdapterFactory().create(bad));
    }

    @Test
    void theLineProfileGivesTheLineRoleAndAResellerBrandMeansMvno() throws Exception {
        SubscriptionAttributes mvno = attributes(Scenario.MVNO);
        assertEquals(MvnoStatus.YES, mvno.mvno());
        assertEquals(line(Scenario.MVNO).mvnoBrand(), mvno.mvnoBrand());
        SubscriptionAttributes own = attributes(Scenario.ELIGIBLE);
        assertEquals(MvnoStatus.NO, own.mvno());
        assertEquals(Optional.empty(), own.mvnoBrand());
        assertEquals(LineRole.PRIMARY, own.lineRole());
        assertEquals(LineRole.PARENT_CHILD, attributes(Scenario.PARENT_CHILD).lineRole());
        assertEquals(LineRole.FAMILY_SUB_LINE, attributes(Scenario.FAMILY_SUB_LINE).lineRole());
    }

    @Test
    void aContractTypeChtNeverDefinedIsUnknownWithAnUnknownHolder() throws Exception {
        network.faults().inject("cht", Endpoint.KYC_TENURE,
                Fault.rawResponse(200, "application/json", "{\"tenureDateCheck\":true,\"contractType\":\"Hybrid\"}"));
        SubscriptionAttributes a = attributes(Scenario.ELIGIBLE);
        assertEquals(ContractType.UNKNOWN, a.contractType());
        assertEquals(HolderType.UNKNOWN, a.holderType());
        assertEquals(ContractType.POSTPAID, attributes(Scenario.ELIGIBLE).contractType());
    }

    @Test
    void theFactoryIsFoundByServiceLoaderWithItsNamesAndOrder() {
        List<CarrierAdapterFactory> found = ServiceLoader.load(CarrierAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.id().equals("cht")).collect(Collectors.toList());
        assertEquals(1, found.size());
        assertEquals("中華電信", found.get(0).displayName(Locale.TAIWAN));
        assertEquals("Chunghwa Telecom", found.get(0).displayName(Locale.ENGLISH));
        assertEquals(10, found.get(0).order());
    }

    private SubscriptionAttributes attributes(Scenario scenario) throws CarrierException {
        Subscriber s = line(scenario);
        return adapter.subscriptionAttributes(ctx(), s.msisdn(), claims(s));
    }

    private com.fasterxml.jackson.databind.JsonNode lastBody(Endpoint endpoint) throws Exception {
        List<LoggedRequest> calls = network.requests().of("cht", endpoint);
        return new ObjectMapper().readTree(calls.get(calls.size() - 1).body());
    }

    private static Subscriber line(Scenario scenario) {
        return network.subscribers().find("cht", scenario);
    }

    private static SubscriberClaims claims(Subscriber s) {
        return new SubscriberClaims(s.holderId(), s.holderIdType(), s.name(), s.birthDate());
    }

    private static CallContext ctx() {
        return CallContext.withTimeout(Duration.ofSeconds(5), network.clock());
    }
}
