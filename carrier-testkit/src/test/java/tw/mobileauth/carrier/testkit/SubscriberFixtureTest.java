package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.HolderType;
import tw.mobileauth.carrier.spi.LineRole;
import tw.mobileauth.carrier.spi.Msisdn;

/** The built-in fixture covers every scenario at every carrier with synthetic, checksum-valid IDs. */
class SubscriberFixtureTest {

    private static final Instant NOW = Instant.parse("2025-03-01T02:00:00Z");
    private static final SubscriberFixture FIXTURE = SubscriberFixture.builtIn(MutableClock.at(NOW));

    /** An independent implementation of docs/identifiers.md's checksum, to check the fixture against. */
    static boolean checksumValid(String id) {
        if (!id.matches("[A-Z][12][0-9]{8}")) {
            return false;
        }
        int v = "ABCDEFGHJKLMNPQRSTUVXYWZIO".indexOf(id.charAt(0)) + 10;
        int s = (v / 10) + 9 * (v % 10);
        int[] w = {8, 7, 6, 5, 4, 3, 2, 1, 1};
        for (int i = 1; i < 10; i++) {
            s += w[i - 1] * (id.charAt(i) - '0');
        }
        return s % 10 == 0;
    }

    @Test
    void theChecksumOfThisTestAgreesWithTheWorkedExamples() {
        assertTrue(checksumValid("T200000009"));
        assertTrue(checksumValid("W187654323"));
        assertTrue(checksumValid("Z202468013"));
        assertFalse(checksumValid("A123456788"));
        assertTrue(TaiwanIds.isResidentNumber("A800000014"));
        assertTrue(TaiwanIds.isResidentNumber("AC03095424"));
        assertFalse(TaiwanIds.isNationalId("A123456788"));
    }

    @Test
    void everyScenarioExistsExactlyOnceAtEveryCarrier() {
        for (String carrier : FakeCarrierNetworks.carrierIds()) {
            for (Scenario scenario : Scenario.values()) {
                Subscriber s = FIXTURE.find(carrier, scenario);
                assertEquals(carrier, s.carrierId());
                assertEquals(scenario, s.scenario());
            }
        }
        assertEquals(Scenario.values().length * 3, FIXTURE.all().size());
        assertThrows(NoSuchElementException.class, () -> FIXTURE.find("xyz", Scenario.ELIGIBLE));
    }

    @Test
    void everyIdIsSyntheticChecksumValidAndUnique() {
        Set<String> ids = new HashSet<>();
        for (Subscriber s : FIXTURE.all()) {
            assertTrue(checksumValid(s.holderId()), s.holderId());
            assertNotEquals("A123456789", s.holderId());
            assertTrue(ids.add(s.holderId()), "duplicate " + s.holderId());
        }
    }

    @Test
    void everyNumberIsAUniqueTaiwanMobileInE164() {
        Set<Msisdn> numbers = new HashSet<>();
        for (Subscriber s : FIXTURE.all()) {
            assertTrue(s.msisdn().e164().matches("\\+8869[0-9]{8}"), s.msisdn().e164());
            assertTrue(numbers.add(s.msisdn()));
            assertEquals(s, FIXTURE.byNumber(s.msisdn()).orElseThrow());
        }
    }

    @Test
    void eachScenarioHasTheFactsItIsNamedFor() {
        for (String c : FakeCarrierNetworks.carrierIds()) {
            Subscriber eligible = FIXTURE.find(c, Scenario.ELIGIBLE);
            assertEquals(ContractType.POSTPAID, eligible.contractType());
            assertEquals(HolderType.PERSONAL, eligible.holderType());
            assertEquals(LineRole.PRIMARY, eligible.lineRole());
            assertFalse(eligible.isMvno());
            assertFalse(eligible.suspended());
            assertTrue(eligible.lastSimChange().orElseThrow().isBefore(NOW.minus(Duration.ofDays(90))));
            assertEquals(ContractType.PREPAID, FIXTURE.find(c, Scenario.PREPAID).contractType());
            assertEquals(ContractType.BUSINESS, FIXTURE.find(c, Scenario.BUSINESS).contractType());
            assertEquals(HolderType.ENTERPRISE, FIXTURE.find(c, Scenario.BUSINESS).holderType());
            assertEquals(HolderType.ENTERPRISE, FIXTURE.find(c, Scenario.ENTERPRISE_HOLDER).holderType());
            assertEquals(ContractType.POSTPAID, FIXTURE.find(c, Scenario.ENTERPRISE_HOLDER).contractType());
            assertEquals(LineRole.PARENT_CHILD, FIXTURE.find(c, Scenario.PARENT_CHILD).lineRole());
            assertEquals(LineRole.FAMILY_SUB_LINE, FIXTURE.find(c, Scenario.FAMILY_SUB_LINE).lineRole());
            assertTrue(FIXTURE.find(c, Scenario.MVNO).mvnoBrand().isPresent());
            assertTrue(FIXTURE.find(c, Scenario.SUSPENDED).suspended());
            assertEquals(NOW.minus(Duration.ofHours(20)), FIXTURE.find(c, Scenario.RECENT_SIM_SWAP).lastSimChange()
                    .orElseThrow(), "relative SIM change times resolve against the clock");
        }
    }

    @Test
    void theNameEdgeCasesAreThere() {
        for (String c : FakeCarrierNetworks.carrierIds()) {
            String extB = FIXTURE.find(c, Scenario.NAME_EXT_B).name();
            assertTrue(extB.codePoints().anyMatch(cp -> cp == 0x2000B), "𠀋 U+2000B at " + c);
            assertEquals(extB.length() - 1, extB.codePointCount(0, extB.length()), "one surrogate pair");
            String dot = FIXTURE.find(c, Scenario.NAME_MIDDLE_DOT).name();
            assertTrue(dot.matches(".*[\u00b7\u2027\u30fb].*"), dot);
            String compat = FIXTURE.find(c, Scenario.NAME_COMPATIBILITY_IDEOGRAPH).name();
            assertTrue(compat.indexOf('\uFA0C') >= 0);
            assertNotEquals(compat, Normalizer.normalize(compat, Normalizer.Form.NFKC), "NFKC would change it");
            assertTrue(FIXTURE.find(c, Scenario.NAME_VARIANT_CHARACTER).name().matches(".*[峯羣].*"));
        }
        assertTrue(FIXTURE.all().stream().anyMatch(s -> s.name().equals("Bali\u2027Pawan")));
    }

    @Test
    void subscribersMaskTheirPersonalData() {
        Subscriber s = FIXTURE.find("cht", Scenario.ELIGIBLE);
        assertFalse(s.toString().contains(s.holderId()));
        assertFalse(s.toString().contains(s.name()));
        assertFalse(s.toString().contains(s.msisdn().e164()));
    }

    private static SubscriberFixture parse(String subscriber) {
        String json = "{\"subscribers\":[" + subscriber + "]}";
        return SubscriberFixture.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                MutableClock.at(NOW));
    }

    private static String subscriber(String id, String number, String scenario, String contract, String holder) {
        return "{\"scenario\":\"" + scenario + "\",\"carrier\":\"cht\",\"number\":\"" + number + "\",\"holderId\":\""
                + id + "\",\"name\":\"測試\",\"birthDate\":\"1990-01-01\",\"contractType\":\"" + contract
                + "\",\"holderType\":\"" + holder + "\",\"lineRole\":\"PRIMARY\",\"suspended\":false}";
    }

    @Test
    void aFixtureIsValidatedOnLoad() {
        assertEquals(1, parse(subscriber("T200000009", "+886900000001", "ELIGIBLE", "POSTPAID", "PERSONAL"))
                .all().size());
        FixtureException checksum = assertThrows(FixtureException.class,
                () -> parse(subscriber("A123456788", "+886900000001", "ELIGIBLE", "POSTPAID", "PERSONAL")));
        assertTrue(checksum.getMessage().contains("holderId"), checksum.getMessage());
        FixtureException textbook = assertThrows(FixtureException.class,
                () -> parse(subscriber("A123456789", "+886900000001", "ELIGIBLE", "POSTPAID", "PERSONAL")));
        assertTrue(textbook.getMessage().contains("textbook"), textbook.getMessage());
        assertThrows(FixtureException.class,
                () -> parse(subscriber("T200000009", "+886200000001", "ELIGIBLE", "POSTPAID", "PERSONAL")));
        assertThrows(FixtureException.class,
                () -> parse(subscriber("T200000009", "+886900000001", "BUSINESS", "BUSINESS", "PERSONAL")));
        assertThrows(FixtureException.class,
                () -> parse(subscriber("T200000009", "+886900000001", "NOPE", "POSTPAID", "PERSONAL")));
        String twice = subscriber("T200000009", "+886900000001", "ELIGIBLE", "POSTPAID", "PERSONAL") + ","
                + subscriber("W187654323", "+886900000002", "ELIGIBLE", "POSTPAID", "PERSONAL");
        assertThrows(FixtureException.class, () -> parse(twice));
        assertThrows(FixtureException.class, () -> SubscriberFixture.fromJson(
                new ByteArrayInputStream("{\"subscribers\":".getBytes(StandardCharsets.UTF_8))));
    }

    private static Subscriber eligible(String id, String number) {
        return new Subscriber(Msisdn.of(number), "cht", id, tw.mobileauth.carrier.spi.IdDocumentType.NATIONAL_ID_CARD,
                "測試", java.time.LocalDate.of(1990, 1, 1), ContractType.POSTPAID, HolderType.PERSONAL, LineRole.PRIMARY,
                java.util.Optional.empty(), java.util.Optional.empty(), false, Scenario.ELIGIBLE);
    }

    @Test
    void theBuilderAllowsSeveralSubscribersPerCarrierAndScenarioAndFindGivesTheFirst() {
        Subscriber first = eligible("T200000009", "+886900000001");
        Subscriber second = eligible("W187654323", "+886900000002");
        SubscriberFixture f = SubscriberFixture.builder().add(first).add(second).build();
        assertEquals(java.util.List.of(first, second), f.findAll("cht", Scenario.ELIGIBLE));
        assertEquals(first, f.find("cht", Scenario.ELIGIBLE));
        assertTrue(f.findAll("twm", Scenario.ELIGIBLE).isEmpty());
        assertEquals(java.util.Optional.of(second), f.byNumber(Msisdn.of("+886900000002")));
    }

    @Test
    void theBuilderStartsFromAnotherFixtureAndKeepsTheJsonReadersChecks() {
        SubscriberFixture builtIn = SubscriberFixture.builtIn();
        Subscriber extra = eligible("T200000009", "+886911111119");
        SubscriberFixture f = SubscriberFixture.builder(builtIn).add(extra).build();
        assertEquals(builtIn.all().size() + 1, f.all().size());
        assertEquals(builtIn.find("cht", Scenario.ELIGIBLE), f.find("cht", Scenario.ELIGIBLE), "the base comes first");
        assertEquals(extra, f.findAll("cht", Scenario.ELIGIBLE).get(1));

        FixtureException checksum = assertThrows(FixtureException.class,
                () -> SubscriberFixture.builder().add(eligible("A123456788", "+886900000001")));
        assertTrue(checksum.getMessage().contains("holderId"), checksum.getMessage());
        assertFalse(checksum.getMessage().contains("A123456788"), "no plain ID in the message");
        assertThrows(FixtureException.class, () -> SubscriberFixture.builder().add(eligible("A123456789", "+886900000001")));
        assertThrows(FixtureException.class, () -> SubscriberFixture.builder()
                .add(eligible("T200000009", "+886900000001")).add(eligible("W187654323", "+886900000001")),
                "numbers stay unique");
    }
}
