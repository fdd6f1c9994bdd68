package tw.mobileauth.carrier.twm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.camara.CamaraAdapter;
import tw.mobileauth.carrier.camara.CamaraClient;
import tw.mobileauth.carrier.camara.CamaraProfile;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.HolderType;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.SimSwapInfo;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;
import tw.mobileauth.carrier.testkit.CamaraConformance;
import tw.mobileauth.carrier.testkit.CarrierConformanceKit;
import tw.mobileauth.carrier.testkit.ConformanceLog;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.LoggedRequest;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;

/**
 * The shared conformance kit, run against the twm adapter and the fake twm network; then, on the
 * same harness, what only TWM does.
 */
class TwmConformanceTest extends CarrierConformanceKit {

    @Override
    protected CarrierAdapterFactory factory() {
        return new TwmAdapterFactory();
    }

    @Nested
    class WhatOnlyTwmDoes {

        @Test
        void numberVerificationSendsOnlyTheLowercaseSha256OfTheE164Number() throws Exception {
            Subscriber s = subscriber(Scenario.ELIGIBLE);
            assertTrue(verify(NetworkAttachments.defaultHandle(s.msisdn()), s.msisdn(), context()).result().verified());
            List<LoggedRequest> calls = network().requests().of("twm", Endpoint.NUMBER_VERIFY);
            JsonNode body = json(calls.get(0).body());
            List<String> fields = new ArrayList<>();
            body.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("hashedPhoneNumber"), fields);
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.msisdn().e164().getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, body.path("hashedPhoneNumber").asText());
            assertFalse(body.toString().contains(s.msisdn().e164().substring(4)), "no plain digits on the wire");
        }

        @Test
        void aPlainPhoneNumberWouldBeRefusedByTwm() throws CarrierException {
            CamaraProfile plainNumber = new CamaraProfile() {
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
            Subscriber s = subscriber(Scenario.ELIGIBLE);
            try (CamaraAdapter plain = CamaraAdapter.create(network().configFor("twm").build(), plainNumber)) {
                CallContext ctx = context();
                var challenge = plain.startNumberVerification(ctx, s.msisdn(), CALLBACK);
                var callback = network().phone(NetworkAttachments.defaultHandle(s.msisdn()))
                        .open(challenge.authorizeUri());
                CarrierException e = assertThrows(CarrierException.InvalidRequest.class,
                        () -> plain.completeNumberVerification(ctx, challenge, callback));
                assertEquals(OptionalInt.of(400), e.httpStatus());
                assertEquals("INVALID_ARGUMENT", e.code());
            }
            // The plain number is off-spec on purpose: schema validation must say so (the twm profile's
            // hashedPhoneNumber rule) while the fake's 400 answer conforms. Taken here, so the kit's
            // after-each check does not fail the test for it.
            List<ConformanceLog.Entry> verify = network().conformance().take().stream()
                    .filter(x -> x.exchange().path().equals(Endpoint.NUMBER_VERIFY.path())).toList();
            assertEquals(1, verify.size(), verify.toString());
            if (CamaraConformance.definitionsPresent()) {
                assertEquals(ConformanceLog.Outcome.REQUEST_OFF_SPEC, verify.get(0).outcome(), verify.get(0)::describe);
                assertTrue(verify.get(0).violations().stream().allMatch(v -> v.what().contains("hashedPhoneNumber")),
                        verify.get(0)::describe);
            }
        }

        @Test
        void simSwapIsOnlyACheckCapabilityNeverADate() {
            assertTrue(adapter().capabilities().contains(Capability.SIM_SWAP_CHECK));
            assertFalse(adapter().capabilities().contains(Capability.SIM_SWAP_DATE));
        }

        @Test
        void aRecentSwapIsNarrowedByBisectingChecksOfAtMost720Hours() throws Exception {
            Subscriber s = subscriber(Scenario.RECENT_SIM_SWAP);
            SimSwapInfo info = adapter().simSwapInfo(context(), s.msisdn());
            List<Integer> maxAges = network().requests().of("twm", Endpoint.SIM_SWAP_CHECK).stream()
                    .map(r -> json(r.body()).path("maxAge").asInt()).collect(Collectors.toList());
            assertEquals(720, maxAges.get(0), "the widest window first");
            assertTrue(maxAges.size() <= 3, "at most three checks: " + maxAges);
            assertTrue(maxAges.stream().allMatch(h -> h >= 1 && h <= 720), "maxAge must be 1-720: " + maxAges);
            assertTrue(network().requests().of("twm", Endpoint.SIM_SWAP_DATE).isEmpty(), "TWM has no retrieve-date");
            assertTrue(info.knownChangeWithin().orElseThrow().compareTo(Duration.ofHours(720)) < 0,
                    "a recent swap must be narrowed below 720 h: " + info);
            assertEquals(Optional.of(true), info.changedWithin(Duration.ofHours(72), clock().instant()));
        }

        @Test
        void noSwapWithin720HoursTakesOneCheck() throws Exception {
            SimSwapInfo info = adapter().simSwapInfo(context(), subscriber(Scenario.ELIGIBLE).msisdn());
            assertEquals(SimSwapInfo.noChangeWithin(Duration.ofHours(720)), info);
            assertEquals(1, network().requests().of("twm", Endpoint.SIM_SWAP_CHECK).size());
        }

        @Test
        void aCorporateCustomerIsAnEnterpriseHolderOnAPostpaidBill() throws Exception {
            Subscriber s = subscriber(Scenario.BUSINESS);
            SubscriptionAttributes a = adapter().subscriptionAttributes(context(), s.msisdn(), claimsOf(s));
            assertEquals(HolderType.ENTERPRISE, a.holderType());
            assertEquals(ContractType.POSTPAID, a.contractType(), "TWM has no business billing type");
            Subscriber p = subscriber(Scenario.ELIGIBLE);
            assertEquals(HolderType.PERSONAL,
                    adapter().subscriptionAttributes(context(), p.msisdn(), claimsOf(p)).holderType());
        }

        private JsonNode json(String body) {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
