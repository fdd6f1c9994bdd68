package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.HolderType;
import tw.mobileauth.carrier.spi.KycMatchResult;
import tw.mobileauth.carrier.spi.MatchOutcome;
import tw.mobileauth.carrier.spi.MvnoStatus;
import tw.mobileauth.carrier.spi.SimSwapInfo;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;

/**
 * {@link CarrierConformanceKit}'s checks of the look-ups after a verification: KYC match,
 * subscription attributes and SIM swap.
 */
abstract class LookupChecks extends VerificationChecks {
    // =================================================================== KYC match

    /**
     * The holder's own claims match on every field, and the request forwards them as typed.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void theHoldersOwnClaimsMatchOnEveryField() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        KycMatchResult r = adapter.matchSubscriber(context(), s.msisdn(), claimsOf(s));
        assertTrue(r.isFullMatch(), r.toString());
        assertEquals(OptionalInt.empty(), r.nameScore());
        JsonNode body = lastKycBody();
        assertEquals(s.msisdn().e164(), body.path("phoneNumber").asText());
        assertEquals(s.holderId(), body.path("idDocument").asText());
        assertEquals("national_id_card", body.path("idDocumentType").asText());
        assertEquals(s.name(), body.path("name").asText());
        assertEquals(s.birthDate().toString(), body.path("birthdate").asText());
    }

    /**
     * A wrong ID is a NO_MATCH result; FET gates on the ID, so its other fields are NOT_AVAILABLE.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aWrongIdDocumentIsANoMatchResultNotAnError() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        String otherId = subscriber(Scenario.PREPAID).holderId();
        KycMatchResult r = adapter.matchSubscriber(context(), s.msisdn(),
                new SubscriberClaims(otherId, s.holderIdType(), s.name(), s.birthDate()));
        assertEquals(MatchOutcome.NO_MATCH, r.idDocument());
        MatchOutcome others = isFet() ? MatchOutcome.NOT_AVAILABLE : MatchOutcome.MATCH;
        assertEquals(others, r.name());
        assertEquals(others, r.birthDate());
        assertEquals(OptionalInt.empty(), r.nameScore());
    }

    /**
     * A wrong name is NO_MATCH with the carrier's score passed through; the other fields still match.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aWrongNameIsANoMatchWithTheCarriersScore() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        String wrong = replaceLast(s.name(), s.name().endsWith("同") ? "異" : "同");
        KycMatchResult r = adapter.matchSubscriber(context(), s.msisdn(),
                new SubscriberClaims(s.holderId(), s.holderIdType(), wrong, s.birthDate()));
        assertEquals(MatchOutcome.NO_MATCH, r.name());
        assertEquals(OptionalInt.of(NameKey.score(s.name(), wrong)), r.nameScore());
        assertEquals(MatchOutcome.MATCH, r.idDocument());
        assertEquals(MatchOutcome.MATCH, r.birthDate());
    }

    /**
     * A wrong birth date is NO_MATCH; the other fields still match.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aWrongBirthDateIsANoMatch() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        KycMatchResult r = adapter.matchSubscriber(context(), s.msisdn(),
                new SubscriberClaims(s.holderId(), s.holderIdType(), s.name(), s.birthDate().plusDays(1)));
        assertEquals(MatchOutcome.NO_MATCH, r.birthDate());
        assertEquals(MatchOutcome.MATCH, r.idDocument());
        assertEquals(MatchOutcome.MATCH, r.name());
    }

    /**
     * Names match by the comparison key: spaces, full-width spaces and every middle-dot variant are equal.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void namesMatchByTheComparisonKey() throws CarrierException {
        for (Scenario sc : List.of(Scenario.ELIGIBLE, Scenario.NAME_EXT_B, Scenario.NAME_COMPATIBILITY_IDEOGRAPH,
                Scenario.NAME_VARIANT_CHARACTER, Scenario.NAME_MIDDLE_DOT)) {
            Subscriber s = subscriber(sc);
            assertEquals(MatchOutcome.MATCH, nameOutcome(s, s.name()), sc + " as registered");
            assertEquals(MatchOutcome.MATCH, nameOutcome(s, " " + s.name() + "\u3000"), sc + " with spaces");
        }
        Subscriber dotted = subscriber(Scenario.NAME_MIDDLE_DOT);
        for (String dot : List.of("\u00b7", "\u2027", "\u30fb", "\uff65", "\uff0e", ".")) {
            String variant = dotted.name().replaceAll("[\u00b7\u2027\u30fb\uff65\uff0e.]", dot);
            assertEquals(MatchOutcome.MATCH, nameOutcome(dotted, variant), "middle dot U+"
                    + Integer.toHexString(dot.codePointAt(0)));
        }
    }

    /**
     * Variant characters, compatibility ideographs and Ext-B characters are never folded or normalised.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void variantsCompatibilityIdeographsAndExtBAreNeverFolded() throws CarrierException {
        Subscriber variant = subscriber(Scenario.NAME_VARIANT_CHARACTER);
        String folded = variant.name().replace('峯', '峰').replace('羣', '群');
        assertNotEquals(variant.name(), folded, "the fixture's variant name has 峯 or 羣");
        assertEquals(MatchOutcome.NO_MATCH, nameOutcome(variant, folded), "峯/羣 must not be folded to 峰/群");

        Subscriber compat = subscriber(Scenario.NAME_COMPATIBILITY_IDEOGRAPH);
        assertEquals(MatchOutcome.MATCH, nameOutcome(compat, compat.name()));
        assertEquals(compat.name(), lastKycBody().path("name").asText(), "U+FA0C must be forwarded, not normalised");
        String nfkc = java.text.Normalizer.normalize(compat.name(), java.text.Normalizer.Form.NFKC);
        assertNotEquals(compat.name(), nfkc);
        assertEquals(MatchOutcome.NO_MATCH, nameOutcome(compat, nfkc), "U+5140 is not the registered U+FA0C");

        Subscriber extB = subscriber(Scenario.NAME_EXT_B);
        assertEquals(MatchOutcome.MATCH, nameOutcome(extB, extB.name()));
        assertEquals(extB.name(), lastKycBody().path("name").asText(), "a surrogate pair must survive the wire");
        assertEquals(MatchOutcome.NO_MATCH, nameOutcome(extB, extB.name().replace("\uD840\uDC0B", "丁")),
                "a substitute for 𠀋 must not match");
    }

    /** A number another carrier serves raises SubscriberNotFound (404 IDENTIFIER_NOT_FOUND), never retried. */
    @Test
    public final void aNumberAtAnotherCarrierRaisesSubscriberNotFound() {
        Subscriber foreign = network.subscribers().find(otherCarrier(), Scenario.ELIGIBLE);
        CallContext ctx = context();
        CarrierException e = expectFailure(CarrierException.SubscriberNotFound.class, ctx,
                () -> adapter.matchSubscriber(ctx, foreign.msisdn(), claimsOf(foreign)));
        assertHttp(e, 404, "IDENTIFIER_NOT_FOUND");
        assertEquals(CarrierException.Retry.NEVER, e.retry());
        CallContext ctx2 = context();
        expectFailure(CarrierException.SubscriberNotFound.class, ctx2,
                () -> adapter.subscriptionAttributes(ctx2, foreign.msisdn(), claimsOf(foreign)));
        CallContext ctx3 = context();
        expectFailure(CarrierException.SubscriberNotFound.class, ctx3, () -> adapter.simSwapInfo(ctx3, foreign.msisdn()));
    }

    /**
     * A suspended line raises ServiceNotApplicable with the carrier's 422 code (CHT.SUBSCRIBER_SUSPENDED at CHT).
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aSuspendedLineRaisesServiceNotApplicable() throws CarrierException {
        Subscriber s = subscriber(Scenario.SUSPENDED);
        CallContext ctx = context();
        CarrierException e = expectFailure(CarrierException.ServiceNotApplicable.class, ctx,
                () -> adapter.matchSubscriber(ctx, s.msisdn(), claimsOf(s)));
        assertHttp(e, 422, Profiles.suspendedCode(profile()));
        assertEquals(CarrierException.Retry.NEVER, e.retry());
        CallContext ctx2 = context();
        expectFailure(CarrierException.ServiceNotApplicable.class, ctx2,
                () -> adapter.subscriptionAttributes(ctx2, s.msisdn(), claimsOf(s)));
        Subscriber fine = subscriber(Scenario.ELIGIBLE);
        assertTrue(adapter.matchSubscriber(context(), fine.msisdn(), claimsOf(fine)).isFullMatch());
    }

    // =================================================================== subscription attributes

    /**
     * An eligible line is postpaid, personal (or unknown where the wire is silent), primary and not MVNO.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void anEligibleLineIsPostpaidPersonalPrimaryAndNotMvno() throws CarrierException {
        assertAttributes(Scenario.ELIGIBLE);
    }

    /**
     * A prepaid line is reported PREPAID.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aPrepaidLineIsReportedPrepaid() throws CarrierException {
        assertEquals(ContractType.PREPAID, assertAttributes(Scenario.PREPAID).contractType());
    }

    /**
     * A business contract is reported as an enterprise line, never as personal.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aBusinessContractIsReportedAsEnterprise() throws CarrierException {
        assertEnterprise(assertAttributes(Scenario.BUSINESS));
    }

    /**
     * An enterprise holder is reported as an enterprise line, never as personal.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void anEnterpriseHolderIsReportedAsEnterprise() throws CarrierException {
        assertEnterprise(assertAttributes(Scenario.ENTERPRISE_HOLDER));
    }

    /**
     * A parent-child line is reported PARENT_CHILD.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aParentChildLineIsReportedParentChild() throws CarrierException {
        assertEquals(tw.mobileauth.carrier.spi.LineRole.PARENT_CHILD, assertAttributes(Scenario.PARENT_CHILD).lineRole());
    }

    /**
     * A family plan's member line is reported FAMILY_SUB_LINE.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aFamilySubLineIsReportedFamilySubLine() throws CarrierException {
        assertEquals(tw.mobileauth.carrier.spi.LineRole.FAMILY_SUB_LINE,
                assertAttributes(Scenario.FAMILY_SUB_LINE).lineRole());
    }

    /**
     * An MVNO line is reported MVNO YES, with its brand where the wire carries one (CHT, FET).
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void anMvnoLineIsReportedWithItsBrand() throws CarrierException {
        assertEquals(MvnoStatus.YES, assertAttributes(Scenario.MVNO).mvno());
    }

    /**
     * Every call goes to a path the profile defines, and a carrier extension to exactly the
     * carrier's base URI plus its documented path, e.g. {@code {base}/cht/line-profile/v1/retrieve}.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void extensionsAreCalledAtTheBaseUriPlusTheirDocumentedPath() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        adapter.subscriptionAttributes(context(), s.msisdn(), claimsOf(s));
        String base = network.baseUri(profile()).getPath();
        for (LoggedRequest r : network.requests().all()) {
            assertNotEquals(Endpoint.OTHER, r.endpoint(), "a path the profile does not define: " + r.path());
        }
        for (Endpoint extension : List.of(Endpoint.CHT_LINE_PROFILE, Endpoint.TWM_SUBSCRIPTION)) {
            if (extension.servedBy(profile())) {
                List<LoggedRequest> calls = network.requests().of(profile(), extension);
                assertFalse(calls.isEmpty(), extension + " carries attributes at " + profile());
                calls.forEach(r -> assertEquals(base + extension.path(), r.path()));
            }
        }
    }

    // =================================================================== SIM swap

    /**
     * A SIM change 20 hours ago is reported as a change within 72 hours (TWM: at least within 720 hours).
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aRecentSimSwapIsReportedAsRecent() throws CarrierException {
        Subscriber s = subscriber(Scenario.RECENT_SIM_SWAP);
        SimSwapInfo info = adapter.simSwapInfo(context(), s.msisdn());
        Instant now = clock.instant();
        assertConsistent(info, s, now);
        if (isTwm()) {
            assertEquals(Optional.of(true), info.changedWithin(Duration.ofHours(720), now), info.toString());
        } else {
            assertEquals(Optional.of(true), info.changedWithin(Duration.ofHours(72), now), info.toString());
            assertEquals(s.lastSimChange().map(t -> t.truncatedTo(ChronoUnit.SECONDS)), info.latestSimChange());
        }
    }

    /**
     * A SIM change 400 days ago is reported as no change within 72 hours.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void anOldSimChangeIsNotReportedAsRecent() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        SimSwapInfo info = adapter.simSwapInfo(context(), s.msisdn());
        Instant now = clock.instant();
        assertConsistent(info, s, now);
        assertEquals(Optional.of(false), info.changedWithin(Duration.ofHours(72), now), info.toString());
    }

    // =================================================================== helpers of these checks

    /**
     * Asserts the attributes the profile's wire carries for {@code scenario}'s subscriber, per the
     * mappings of docs/carrier-contract.md §3. CHT and FET carry no holder field; their profile rule is
     * that every business line is reported as Business/BIZ (holder ENTERPRISE) and every other line
     * is a personal contract (holder PERSONAL).
     */
    private SubscriptionAttributes assertAttributes(Scenario scenario) throws CarrierException {
        Subscriber s = subscriber(scenario);
        SubscriptionAttributes a = adapter.subscriptionAttributes(context(), s.msisdn(), claimsOf(s));
        ContractType contract;
        Set<HolderType> holders;
        String wire;
        switch (profile()) {
            case "cht":
                wire = Profiles.chtContractType(s);
                contract = wire.equals("Business") ? ContractType.BUSINESS
                        : wire.equals("PAYG") ? ContractType.PREPAID : ContractType.POSTPAID;
                holders = wire.equals("Business") ? EnumSet.of(HolderType.ENTERPRISE)
                        : EnumSet.of(HolderType.PERSONAL);
                wire = "contractType " + wire;
                break;
            case "twm":
                contract = Profiles.twmBillingType(s).equals("PREPAID") ? ContractType.PREPAID : ContractType.POSTPAID;
                holders = Profiles.twmCustomerType(s).equals("CORPORATE") ? EnumSet.of(HolderType.ENTERPRISE)
                        : EnumSet.of(HolderType.PERSONAL);
                wire = "billingType " + Profiles.twmBillingType(s) + ", customerType " + Profiles.twmCustomerType(s);
                break;
            default:
                wire = Profiles.fetSegment(s);
                contract = wire.equals("BIZ") ? ContractType.BUSINESS
                        : wire.equals("PAYG") ? ContractType.PREPAID : ContractType.POSTPAID;
                holders = wire.equals("BIZ") ? EnumSet.of(HolderType.ENTERPRISE)
                        : EnumSet.of(HolderType.PERSONAL);
                wire = "segment " + wire;
                break;
        }
        String why = scenario + " at " + profile() + " (wire: " + wire + "): " + a;
        assertEquals(contract, a.contractType(), why);
        assertTrue(holders.contains(a.holderType()), "holderType must be one of " + holders + " for " + why);
        assertEquals(s.lineRole(), a.lineRole(), why);
        assertEquals(s.isMvno() ? MvnoStatus.YES : MvnoStatus.NO, a.mvno(), why);
        assertEquals(isTwm() ? Optional.empty() : s.mvnoBrand(), a.mvnoBrand(),
                "the brand, where the wire carries one: " + why);
        return a;
    }

    /** Whatever the answer's precision, every certain answer it gives about a window is true. */
    private static void assertConsistent(SimSwapInfo info, Subscriber s, Instant now) {
        for (long hours : new long[] {1, 24, 72, 168, 720, 2160}) {
            Duration window = Duration.ofHours(hours);
            boolean truth = s.lastSimChange().map(t -> !t.isBefore(now.minus(window))).orElse(false);
            Optional<Boolean> said = info.changedWithin(window, now);
            said.ifPresent(v -> assertEquals(truth, v, "changed within " + hours + " h? " + info));
        }
    }

    private static void assertEnterprise(SubscriptionAttributes a) {
        assertTrue(a.contractType() == ContractType.BUSINESS || a.holderType() == HolderType.ENTERPRISE,
                "an enterprise line must show BUSINESS or ENTERPRISE: " + a);
        assertNotEquals(HolderType.PERSONAL, a.holderType());
    }

    private boolean isFet() {
        return profile().equals("fet");
    }

    private JsonNode lastKycBody() {
        List<LoggedRequest> kyc = kycCalls();
        assertFalse(kyc.isEmpty(), "no KYC match request was made");
        return Json.parseObject(kyc.get(kyc.size() - 1).body())
                .orElseThrow(() -> new AssertionError("the KYC match body is not a JSON object"));
    }

    private MatchOutcome nameOutcome(Subscriber s, String name) throws CarrierException {
        return adapter.matchSubscriber(context(), s.msisdn(),
                new SubscriberClaims(s.holderId(), s.holderIdType(), name, s.birthDate())).name();
    }

    private static String replaceLast(String name, String replacement) {
        int last = name.offsetByCodePoints(name.length(), -1);
        return name.substring(0, last) + replacement;
    }
}
