package tw.mobileauth.carrier.twm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.camara.CamaraAdapter;
import tw.mobileauth.carrier.camara.CamaraClient;
import tw.mobileauth.carrier.camara.CamaraProfile;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.HolderType;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.NvChallenge;
import tw.mobileauth.carrier.spi.SimSwapInfo;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.carrier.testkit.LoggedRequest;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;

/** What only TWM does, against the fake TWM network. */
class TwmProfileTest {

    private static final java.net.URI CALLBACK = java.net.URI.create("https://portal.example.test/cb");
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
        adapter = new TwmAdapterFactory().create(network.configFor("twm").build());
    }

    @AfterEach
    void close() {
        adapter.close();
    }

    @Test
    void numberVerificationSendsOnlyTheLowercaseSha256OfTheE164Number() throws Exception {
        Subscriber s = line(Scenario.ELIGIBLE);
        assertTrue(verify(adapter, s).result().verified());
        JsonNode body = lastBody(Endpoint.NUMBER_VERIFY);
        assertEquals(List.of("hashedPhoneNumber"), fieldNames(body));
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(s.msisdn().e164().getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, body.path("hashedPhoneNumber").asText());
        assertFalse(body.toString().contains(s.msisdn().e164().substring(1)), "no plain digits on the wire");
    }

    @Test
    void aPlainPhoneNumberWouldBeRefusedByTwm() throws Exception {
        CamaraProfile plain = new CamaraProfile() {
            @Override
            public String carrierId() {
                return "twm";
            }

            @Override
            public SubscriptionAttributes subscriptionAttributes(CamaraClient c, CallContext ctx, Msisdn m,
                    SubscriberClaims claims) {
                throw new UnsupportedOperationException("not used");
            }
        };
        try (CamaraAdapter plainAdapter = CamaraAdapter.create(network.configFor("twm").build(), plain)) {
            CarrierException e = assertThrows(CarrierException.InvalidRequest.class,
                    () -> verify(plainAdapter, line(Scenario.ELIGIBLE)));
            assertEquals(OptionalInt.of(400), e.httpStatus());
            assertEquals("INVALID_ARGUMENT", e.code());
        }
    }

    @Test
    void simSwapIsOnlyACheckCapabilityNeverADate() {
        assertTrue(adapter.capabilities().contains(Capability.SIM_SWAP_CHECK));
        assertFalse(adapter.capabilities().contains(Capability.SIM_SWAP_DATE));
    }

    @Test
    void aRecentSwapIsNarrowedByBisectingChecksOfAtMost720Hours() throws Exception {
        Subscriber s = line(Scenario.RECENT_SIM_SWAP);
        SimSwapInfo info = adapter.simSwapInfo(ctx(), s.msisdn());
        List<Integer> maxAges = network.requests().of("twm", Endpoint.SIM_SWAP_CHECK).stream()
                .map(r -> parse(r.body()).path("maxAge").asInt()).collect(Collectors.toList());
        assertEquals(720, maxAges.get(0), "the widest window first");
        assertTrue(maxAges.size() <= 3, "at most three checks: " + maxAges);
        assertTrue(maxAges.stream().allMatch(h -> h >= 1 && h <= 720), "maxAge must stay within 1-720: " + maxAges);
        assertTrue(network.requests().of("twm", Endpoint.SIM_SWAP_DATE).isEmpty(), "TWM has no retrieve-date");
        Duration age = Duration.between(s.lastSimChange().orElseThrow(), network.clock().instant());
        assertTrue(info.knownChangeWithin().orElseThrow().compareTo(Duration.ofHours(720)) < 0,
                "a swap " + age.toHours() + " h ago must be narrowed below 720 h: " + info);
        assertEquals(Optional.of(true), info.changedWithin(Duration.ofHours(72), network.clock().instant()));
    }

    @Test
    void noSwapWithin720HoursTakesOneCheck() throws Exception {
        SimSwapInfo info = adapter.simSwapInfo(ctx(), line(Scenario.ELIGIBLE).msisdn());
        assertEquals(SimSwapInfo.noChangeWithin(Duration.ofHours(720)), info);
        assertEquals(1, network.requests().of("twm", Endpoint.SIM_SWAP_CHECK).size());
    }

    @Test
    void aCorporateCustomerIsAnEnterpriseHolderOnAPostpaidBill() throws Exception {
        Subscriber s = line(Scenario.BUSINESS);
        SubscriptionAttributes a = adapter.subscriptionAttributes(ctx(), s.msisdn(), claims(s));
        assertEquals(HolderType.ENTERPRISE, a.holderType());
        assertEquals(ContractType.POSTPAID, a.contractType(), "TWM has no business billing type");
        Subscriber p = line(Scenario.ELIGIBLE);
        assertEquals(HolderType.PERSONAL, adapter.subscriptionAttributes(ctx(), p.msisdn(), claims(p)).holderType());
    }

    @Test
    void familyPlanRolesMapToLineRoles() {
        assertEquals(Map.of("CHILD", tw.mobileauth.carrier.spi.LineRole.PARENT_CHILD,
                "MEMBER", tw.mobileauth.carrier.spi.LineRole.FAMILY_SUB_LINE,
                "OWNER", tw.mobileauth.carrier.spi.LineRole.PRIMARY,
                "NONE", tw.mobileauth.carrier.spi.LineRole.PRIMARY), TwmProfile.FAMILY_PLAN_ROLES);
    }

    private static tw.mobileauth.carrier.spi.NvVerification verify(CarrierAdapter a, Subscriber s)
            throws CarrierException {
        CallContext ctx = ctx();
        NvChallenge ch = a.startNumberVerification(ctx, s.msisdn(), CALLBACK);
        Map<String, String> callback = network.phone(tw.mobileauth.carrier.testkit.NetworkAttachments
                .defaultHandle(s.msisdn())).open(ch.authorizeUri());
        return a.completeNumberVerification(ctx, ch, callback);
    }

    private static JsonNode lastBody(Endpoint endpoint) {
        List<LoggedRequest> calls = network.requests().of("twm", endpoint);
        return parse(calls.get(calls.size() - 1).body());
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Subscriber line(Scenario scenario) {
        return network.subscribers().find("twm", scenario);
    }

    private static SubscriberClaims claims(Subscriber s) {
        return new SubscriberClaims(s.holderId(), s.holderIdType(), s.name(), s.birthDate());
    }

    private static CallContext ctx() {
        return CallContext.withTimeout(Duration.ofSeconds(5), network.clock());
    }
}
