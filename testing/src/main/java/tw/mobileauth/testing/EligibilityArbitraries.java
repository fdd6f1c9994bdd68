package tw.mobileauth.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import tw.mobileauth.eligibility.AccessNetwork;
import tw.mobileauth.eligibility.ContractType;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.eligibility.EligibilityPolicy;
import tw.mobileauth.eligibility.EligibilityRules;
import tw.mobileauth.eligibility.Fact;
import tw.mobileauth.eligibility.FactName;
import tw.mobileauth.eligibility.HolderType;
import tw.mobileauth.eligibility.LineRole;
import tw.mobileauth.eligibility.NhiCardStatus;
import tw.mobileauth.eligibility.ReasonCode;
import tw.mobileauth.eligibility.Roaming;
import tw.mobileauth.eligibility.SimChangeAge;
import tw.mobileauth.identity.IdClass;

/**
 * jqwik generators of {@link EligibilityFacts}, for policy owners who property-test their
 * {@link EligibilityPolicy}. Use them from a {@code @Provide} method:
 *
 * <pre>{@code
 * @Provide Arbitrary<EligibilityFacts> facts() { return EligibilityArbitraries.facts(); }
 *
 * @Property(tries = 1000)
 * void myPolicyAcceptsEveryStandardApplicant(@ForAll("standardApplicants") EligibilityFacts facts) { … }
 * @Provide Arbitrary<EligibilityFacts> standardApplicants() { return EligibilityArbitraries.satisfyingStandard(); }
 * }</pre>
 *
 * <p>What the generators draw from: every {@link IdClass}; carriers {@code cht}, {@code twm},
 * {@code fet}, a few other real or made-up ids and random lower-case ids; every value of the
 * other enums; home, roaming, and roaming in a named country; and SIM-change ages as ranges
 * ({@link SimChangeAge}: exact, at least, at most, between, no change reported) whose bounds run
 * from zero to a year, with extra weight on the common window edges (24 h, 72 h, 7 and 30 days,
 * ± 1 second), so bounds fall on both sides of any window a policy is likely to use.
 * Every generator here is stateless; call it as often as you like.
 */
public final class EligibilityArbitraries {

    /** The carrier ids {@link EligibilityRules#supportedCarriers()} accepts. */
    private static final List<String> STANDARD_CARRIERS = List.of("cht", "twm", "fet");

    /** The reasons the standard policy can report. */
    private static final Set<ReasonCode> STANDARD_REASONS =
            Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(ReasonCode.RECENT_SIM_SWAP, ReasonCode.PORTAL_POLICY,
                    ReasonCode.NHI_CARD_MISMATCH, ReasonCode.NHI_CARD_REPORTED_LOST, ReasonCode.NHI_CARD_REPLACED)));

    /** A year and a day, in seconds: the span of generated SIM-change bounds. */
    private static final long YEAR_SECONDS = 366L * 86_400L;

    /** Built once: {@link #narrowerThan} is often called inside {@code flatMap}. */
    private static final Arbitrary<UnaryOperator<SimChangeAge>> NARROWINGS = simChangeNarrowings();

    private EligibilityArbitraries() {
    }

    /**
     * Facts in which each fact is independently UNKNOWN about one time in four, and otherwise any
     * value. Use it for properties that must hold whatever is known: determinism, completeness,
     * monotonicity.
     *
     * @return the arbitrary
     */
    public static Arbitrary<EligibilityFacts> facts() {
        return combine(
                possiblyUnknown(Arbitraries.of(IdClass.class)),
                possiblyUnknown(carrierIds()),
                possiblyUnknown(Arbitraries.of(ContractType.class)),
                possiblyUnknown(Arbitraries.of(HolderType.class)),
                possiblyUnknown(Arbitraries.of(LineRole.class)),
                possiblyUnknown(Arbitraries.of(true, false)),
                possiblyUnknown(Arbitraries.of(AccessNetwork.class)),
                possiblyUnknown(roamingStatuses()),
                possiblyUnknown(Arbitraries.of(DeviceClass.class)),
                possiblyUnknown(simChangeAges()),
                possiblyUnknown(Arbitraries.of(NhiCardStatus.class)));
    }

    /**
     * Facts in which every fact is known, with any value.
     *
     * @return the arbitrary
     */
    public static Arbitrary<EligibilityFacts> knownFacts() {
        return combine(
                known(Arbitraries.of(IdClass.class)),
                known(carrierIds()),
                known(Arbitraries.of(ContractType.class)),
                known(Arbitraries.of(HolderType.class)),
                known(Arbitraries.of(LineRole.class)),
                known(Arbitraries.of(true, false)),
                known(Arbitraries.of(AccessNetwork.class)),
                known(roamingStatuses()),
                known(Arbitraries.of(DeviceClass.class)),
                known(simChangeAges()),
                known(Arbitraries.of(NhiCardStatus.class)));
    }

    /**
     * Facts that satisfy every condition of {@link EligibilityPolicy#standard()}: a citizen on
     * CHT, TWM or FET, postpaid, personal, primary line, not MVNO, on 4G or 5G, not roaming, on a
     * smartphone or a tablet with a SIM. Every fact the standard rules read is known; the time
     * since the last SIM change, which they do not read, is any value or UNKNOWN.
     *
     * @return the arbitrary
     */
    public static Arbitrary<EligibilityFacts> satisfyingStandard() {
        return combine(
                known(Arbitraries.just(IdClass.CITIZEN)),
                known(Arbitraries.of(STANDARD_CARRIERS)),
                known(Arbitraries.just(ContractType.POSTPAID)),
                known(Arbitraries.just(HolderType.PERSONAL)),
                known(Arbitraries.just(LineRole.PRIMARY)),
                known(Arbitraries.just(false)),
                known(Arbitraries.of(AccessNetwork.G4, AccessNetwork.G5)),
                known(Arbitraries.just(Roaming.notRoaming())),
                known(Arbitraries.of(DeviceClass.SMARTPHONE, DeviceClass.TABLET_WITH_SIM)),
                possiblyUnknown(simChangeAges()),
                possiblyUnknown(Arbitraries.of(NhiCardStatus.class)));
    }

    /**
     * Facts that satisfy every standard condition but one: {@link EligibilityPolicy#standard()}
     * finds them INELIGIBLE for exactly {@code reason}. For example {@code violating(NETWORK_WIFI)}
     * puts an otherwise eligible applicant on Wi-Fi; {@code violating(CONTRACT_PREPAID)} makes the
     * line prepaid.
     *
     * @param reason one of {@link #standardReasonCodes()}
     * @return the arbitrary
     * @throws IllegalArgumentException for {@link ReasonCode#RECENT_SIM_SWAP} (use
     *                                  {@link #simChangedWithin(Duration)}) and
     *                                  {@link ReasonCode#PORTAL_POLICY}, which no fact violates, and the
     *                                  {@code NHI_CARD_*} codes, which no standard rule reports
     */
    public static Arbitrary<EligibilityFacts> violating(ReasonCode reason) {
        Objects.requireNonNull(reason, "reason");
        return switch (reason) {
            case ID_NOT_CITIZEN -> standardWith(
                    Arbitraries.of(IdClass.RESIDENT_NEW_FORMAT, IdClass.RESIDENT_OLD_FORMAT), EligibilityFacts::withIdClass);
            case CARRIER_NOT_SUPPORTED -> standardWith(unsupportedCarrierIds(), EligibilityFacts::withCarrier);
            case CONTRACT_PREPAID -> standardWith(Arbitraries.just(ContractType.PREPAID), EligibilityFacts::withContractType);
            case CONTRACT_BUSINESS -> standardWith(Arbitraries.just(ContractType.BUSINESS), EligibilityFacts::withContractType);
            case HOLDER_ENTERPRISE -> standardWith(Arbitraries.just(HolderType.ENTERPRISE), EligibilityFacts::withHolderType);
            case LINE_PARENT_CHILD -> standardWith(Arbitraries.just(LineRole.PARENT_CHILD), EligibilityFacts::withLineRole);
            case LINE_FAMILY_SUB_LINE -> standardWith(Arbitraries.just(LineRole.FAMILY_SUB_LINE), EligibilityFacts::withLineRole);
            case LINE_SECONDARY -> standardWith(Arbitraries.just(LineRole.SECONDARY_MULTI_SIM), EligibilityFacts::withLineRole);
            case MVNO_LINE -> standardWith(Arbitraries.just(true), EligibilityFacts::withMvno);
            case NETWORK_WIFI -> standardWith(Arbitraries.just(AccessNetwork.WIFI), EligibilityFacts::withAccessNetwork);
            case NETWORK_LEGACY_GENERATION -> standardWith(
                    Arbitraries.of(AccessNetwork.G2, AccessNetwork.G3), EligibilityFacts::withAccessNetwork);
            case ROAMING -> standardWith(roamingStatuses().filter(Roaming::isRoaming), EligibilityFacts::withRoaming);
            case DEVICE_NOT_SMARTPHONE -> standardWith(
                    Arbitraries.of(DeviceClass.FEATURE_PHONE, DeviceClass.TABLET_WITHOUT_SIM, DeviceClass.DESKTOP),
                    EligibilityFacts::withDeviceClass);
            case RECENT_SIM_SWAP -> throw new IllegalArgumentException(
                    "RECENT_SIM_SWAP depends on the window; use simChangedWithin(window)");
            case PORTAL_POLICY -> throw new IllegalArgumentException(
                    "PORTAL_POLICY belongs to custom rules; no standard fact violates it");
            case NHI_CARD_MISMATCH, NHI_CARD_REPORTED_LOST, NHI_CARD_REPLACED -> throw new IllegalArgumentException(
                    reason + " belongs to the nhi-card-confirmed rule, which the standard policy does not hold; "
                            + "the enrolment service adds it when an identity registry is configured");
        };
    }

    /**
     * Facts that satisfy every standard condition but one, the broken condition drawn from
     * {@link #standardReasonCodes()}.
     *
     * @return the arbitrary
     */
    public static Arbitrary<EligibilityFacts> violatingStandard() {
        List<Arbitrary<EligibilityFacts>> each = new ArrayList<>();
        for (ReasonCode code : STANDARD_REASONS) {
            each.add(violating(code));
        }
        return Arbitraries.oneOf(each);
    }

    /**
     * {@return the reason codes {@link EligibilityPolicy#standard()} can report: all but RECENT_SIM_SWAP and PORTAL_POLICY}
     */
    public static Arbitrary<ReasonCode> standardReasonCodes() {
        return Arbitraries.of(STANDARD_REASONS);
    }

    /**
     * Facts that satisfy every standard condition and whose SIM is known to have last changed at
     * least {@code window} ago, so that {@link EligibilityRules#noSimChangeWithin(Duration)
     * noSimChangeWithin(window)} holds too. The range's lower bound runs from exactly
     * {@code window} to a year more; the range is exact, open-ended, bounded above, or
     * {@link SimChangeAge#noChangeReported()}.
     *
     * @param window the rule's window, at least one second
     * @return the arbitrary
     */
    public static Arbitrary<EligibilityFacts> noSimChangeWithin(Duration window) {
        long seconds = positiveSeconds(window);
        Arbitrary<Duration> lows = Arbitraries.oneOf(Arbitraries.just(window),
                Arbitraries.longs().between(seconds + 1, seconds + YEAR_SECONDS).map(Duration::ofSeconds));
        Arbitrary<SimChangeAge> ranges = Arbitraries.frequencyOf(List.of(
                Tuple.of(2, lows.map(SimChangeAge::exact)),
                Tuple.of(2, lows.map(SimChangeAge::atLeast)),
                Tuple.of(3, Combinators.combine(lows, spans()).as((low, span) -> SimChangeAge.between(low, low.plus(span)))),
                Tuple.of(1, Arbitraries.just(SimChangeAge.noChangeReported()))));
        return standardWith(ranges, EligibilityFacts::withTimeSinceSimChange);
    }

    /**
     * Facts that satisfy every standard condition but whose SIM is known to have changed less than
     * {@code window} ago: the range's upper bound runs from zero to one second short of
     * {@code window}, and the range is exact, from zero, or between two such bounds. So
     * {@link EligibilityRules#noSimChangeWithin(Duration) noSimChangeWithin(window)} reports
     * {@link ReasonCode#RECENT_SIM_SWAP}.
     *
     * @param window the rule's window, at least one second
     * @return the arbitrary
     */
    public static Arbitrary<EligibilityFacts> simChangedWithin(Duration window) {
        long seconds = positiveSeconds(window);
        Arbitrary<Duration> highs = Arbitraries.longs().between(0, seconds - 1).map(Duration::ofSeconds);
        Arbitrary<SimChangeAge> ranges = Arbitraries.frequencyOf(List.of(
                Tuple.of(2, highs.map(SimChangeAge::exact)),
                Tuple.of(2, highs.map(SimChangeAge::atMost)),
                Tuple.of(3, Combinators.combine(highs, spans()).as((high, span) ->
                        SimChangeAge.between(span.compareTo(high) >= 0 ? Duration.ZERO : high.minus(span), high)))));
        return standardWith(ranges, EligibilityFacts::withTimeSinceSimChange);
    }

    /**
     * Facts that satisfy every standard condition but whose SIM-change range straddles
     * {@code window}: its lower bound is short of {@code window} and its upper bound, if any, is at
     * least {@code window}. For example "no change in the monitored day" under a 72-hour window. So
     * {@link EligibilityRules#noSimChangeWithin(Duration) noSimChangeWithin(window)} can neither
     * accept nor reject them: the decision is UNDETERMINED, missing the time since the SIM change.
     *
     * @param window the rule's window, at least one second
     * @return the arbitrary
     */
    public static Arbitrary<EligibilityFacts> simChangeUndecided(Duration window) {
        long seconds = positiveSeconds(window);
        Arbitrary<Duration> lows = Arbitraries.longs().between(0, seconds - 1).map(Duration::ofSeconds);
        Arbitrary<Duration> highs = Arbitraries.oneOf(Arbitraries.just(window),
                Arbitraries.longs().between(seconds + 1, seconds + YEAR_SECONDS).map(Duration::ofSeconds));
        Arbitrary<SimChangeAge> ranges = Arbitraries.oneOf(
                lows.map(SimChangeAge::atLeast),
                Combinators.combine(lows, highs).as(SimChangeAge::between));
        return standardWith(ranges, EligibilityFacts::withTimeSinceSimChange);
    }

    /**
     * {@return what can be learned from {@code facts}: copies in which any subset of its UNKNOWN facts has
     * become known (with any value) while every known fact stays as it is, except that a known
     * SIM-change range may narrow to a sub-range (as when a later carrier answer refines "no change
     * in the last day" to an exact date)} Use it to check that learning a fact never turns
     * INELIGIBLE into ELIGIBLE or UNDETERMINED.
     *
     * @param facts the starting facts, never null
     */
    public static Arbitrary<EligibilityFacts> refinementsOf(EligibilityFacts facts) {
        Objects.requireNonNull(facts, "facts");
        return Combinators.combine(knownFacts(), Arbitraries.subsetOf(FactName.values()), simChangeNarrowings())
                .as((filler, stillUnknown, narrowing) -> learn(facts, filler, stillUnknown, narrowing));
    }

    /**
     * {@return the facts of {@code facts} with a random subset of them (possibly none, possibly all) made
     * UNKNOWN} Use it to reach UNDETERMINED decisions often: for example
     * {@code withSomeForgotten(satisfyingStandard())} is ELIGIBLE or UNDETERMINED, never
     * INELIGIBLE, under the standard policy.
     *
     * @param facts where to start, never null
     */
    public static Arbitrary<EligibilityFacts> withSomeForgotten(Arbitrary<EligibilityFacts> facts) {
        Objects.requireNonNull(facts, "facts");
        return Combinators.combine(facts, Arbitraries.subsetOf(FactName.values())).as((known, forgotten) -> {
            EligibilityFacts result = known;
            for (FactName name : forgotten) {
                result = result.without(name);
            }
            return result;
        });
    }

    /**
     * {@return SIM-change ranges inside {@code range}: every age they admit, {@code range} admits too} Some
     * are {@code range} itself; an exact age has no other. Use it to check that narrowing what is
     * known about the SIM never undoes a decision.
     *
     * @param range the range to narrow, never null
     */
    public static Arbitrary<SimChangeAge> narrowerThan(SimChangeAge range) {
        Objects.requireNonNull(range, "range");
        return NARROWINGS.map(narrowing -> narrowing.apply(range));
    }

    /**
     * Pairs of facts and what can be learned from them: the first is drawn as by {@link #facts()},
     * the second is a refinement of it as by {@link #refinementsOf(EligibilityFacts)}. Generated in
     * one combination, without {@code flatMap}, so it is cheap to generate and to shrink; prefer it
     * to {@code facts().flatMap(EligibilityArbitraries::refinementsOf)} in monotonicity properties.
     *
     * @return the eligibility facts>>
     */
    public static Arbitrary<Tuple.Tuple2<EligibilityFacts, EligibilityFacts>> factsWithRefinements() {
        return Combinators.combine(facts(), knownFacts(), Arbitraries.subsetOf(FactName.values()), simChangeNarrowings())
                .as((facts, filler, stillUnknown, narrowing) ->
                        Tuple.of(facts, learn(facts, filler, stillUnknown, narrowing)));
    }

    /** {@return carrier ids: mostly {@code cht}, {@code twm} and {@code fet}, sometimes others} */
    public static Arbitrary<String> carrierIds() {
        return Arbitraries.frequencyOf(List.of(
                Tuple.of(3, Arbitraries.of(STANDARD_CARRIERS)),
                Tuple.of(1, unsupportedCarrierIds())));
    }

    /** {@return carrier ids the standard policy does not support, e.g. {@code "gt"}, {@code "apt"} or random ones} */
    public static Arbitrary<String> unsupportedCarrierIds() {
        return Arbitraries.oneOf(
                Arbitraries.of("gt", "apt", "tstar", "chunghwa", "mvno-brand", ""),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8))
                .filter(id -> !STANDARD_CARRIERS.contains(id));
    }

    /** {@return roaming statuses: home, roaming without a country, or roaming in a named country} */
    public static Arbitrary<Roaming> roamingStatuses() {
        return Arbitraries.oneOf(
                Arbitraries.of(Roaming.notRoaming(), Roaming.roaming()),
                Arbitraries.of("JP", "US", "HK", "KR", "CN", "440").map(Roaming::roamingIn));
    }

    /**
     * {@return SIM-change ranges of every shape: exact, at least, at most, between, and
     * {@link SimChangeAge#noChangeReported()}, with bounds drawn as by {@link #timesSinceSimChange()},
     * so that they fall below, on and above the common windows}
     */
    public static Arbitrary<SimChangeAge> simChangeAges() {
        Arbitrary<Duration> ages = timesSinceSimChange();
        return Arbitraries.frequencyOf(List.of(
                Tuple.of(3, ages.map(SimChangeAge::exact)),
                Tuple.of(2, ages.map(SimChangeAge::atLeast)),
                Tuple.of(2, ages.map(SimChangeAge::atMost)),
                Tuple.of(2, Combinators.combine(ages, ages).as((a, b) ->
                        a.compareTo(b) <= 0 ? SimChangeAge.between(a, b) : SimChangeAge.between(b, a))),
                Tuple.of(1, Arbitraries.just(SimChangeAge.noChangeReported()))));
    }

    /**
     * Times since the last SIM change, zero to a year, often near 24 h, 72 h, 7 days or 30 days.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Duration> timesSinceSimChange() {
        Arbitrary<Duration> any = Arbitraries.longs().between(0, YEAR_SECONDS).map(Duration::ofSeconds);
        Arbitrary<Duration> edges = Arbitraries.of(Duration.ofHours(24), Duration.ofHours(72), Duration.ofDays(7),
                        Duration.ofDays(30))
                .flatMap(edge -> Arbitraries.of(edge.minusSeconds(1), edge, edge.plusSeconds(1)));
        return Arbitraries.frequencyOf(List.of(Tuple.of(3, any), Tuple.of(1, edges)));
    }

    private static EligibilityFacts learn(EligibilityFacts facts, EligibilityFacts filler, Set<FactName> stillUnknown,
            UnaryOperator<SimChangeAge> narrowing) {
        EligibilityFacts learned = filler.refinedBy(facts.without(FactName.TIME_SINCE_SIM_CHANGE));
        if (facts.timeSinceSimChange() instanceof Fact.Known<SimChangeAge> range) {
            learned = learned.withTimeSinceSimChange(narrowing.apply(range.value()));
        }
        for (FactName name : stillUnknown) {
            if (!facts.isKnown(name)) {
                learned = learned.without(name);
            }
        }
        return learned;
    }

    /**
     * Ways to narrow a SIM-change range, each mapping a range to a sub-range of it (sometimes the
     * range itself): a bounded range keeps the slice between two fractions of its span; an
     * open-ended one raises its lower bound and may gain an upper bound.
     */
    private static Arbitrary<UnaryOperator<SimChangeAge>> simChangeNarrowings() {
        Arbitrary<Double> fractions = Arbitraries.oneOf(Arbitraries.of(0.0, 1.0), Arbitraries.doubles().between(0.0, 1.0));
        return Combinators.combine(fractions, fractions, spans(), spans(), Arbitraries.of(true, false))
                .as((from, to, raise, span, close) ->
                        (UnaryOperator<SimChangeAge>) range -> narrow(range, from, to, raise, span, close));
    }

    private static SimChangeAge narrow(SimChangeAge range, double from, double to, Duration raise, Duration span,
            boolean close) {
        Duration low = range.atLeast();
        if (range.atMost().isPresent()) {
            Duration high = range.atMost().get();
            Duration newLow = low.plus(fraction(high.minus(low), from));
            return SimChangeAge.between(newLow, newLow.plus(fraction(high.minus(newLow), to)));
        }
        Duration newLow = low.plus(raise);
        return close ? SimChangeAge.between(newLow, newLow.plus(span)) : SimChangeAge.atLeast(newLow);
    }

    /** {@code f} of {@code d}, rounded down to whole seconds, so never more than {@code d}. */
    private static Duration fraction(Duration d, double f) {
        return Duration.ofSeconds((long) Math.floor(d.toSeconds() * f));
    }

    /** How far apart the two bounds of a range lie: zero, a few edges, or up to a year. */
    private static Arbitrary<Duration> spans() {
        return Arbitraries.oneOf(
                Arbitraries.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofHours(24), Duration.ofDays(30)),
                Arbitraries.longs().between(0, YEAR_SECONDS).withDistribution(RandomDistribution.uniform())
                        .map(Duration::ofSeconds));
    }

    private static long positiveSeconds(Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.toSeconds() < 1) {
            throw new IllegalArgumentException("the window must be at least one second; got " + window);
        }
        return window.toSeconds();
    }

    private static <T> Arbitrary<EligibilityFacts> standardWith(
            Arbitrary<T> values, BiFunction<EligibilityFacts, T, EligibilityFacts> with) {
        return Combinators.combine(satisfyingStandard(), values).as(with::apply);
    }

    private static <T> Arbitrary<Fact<T>> known(Arbitrary<T> values) {
        return values.map(Fact::known);
    }

    private static <T> Arbitrary<Fact<T>> possiblyUnknown(Arbitrary<T> values) {
        return Arbitraries.frequencyOf(List.of(
                Tuple.of(1, Arbitraries.just(Fact.<T>unknown())),
                Tuple.of(3, known(values))));
    }

    private static Arbitrary<EligibilityFacts> combine(
            Arbitrary<Fact<IdClass>> idClass,
            Arbitrary<Fact<String>> carrier,
            Arbitrary<Fact<ContractType>> contractType,
            Arbitrary<Fact<HolderType>> holderType,
            Arbitrary<Fact<LineRole>> lineRole,
            Arbitrary<Fact<Boolean>> mvno,
            Arbitrary<Fact<AccessNetwork>> accessNetwork,
            Arbitrary<Fact<Roaming>> roaming,
            Arbitrary<Fact<DeviceClass>> deviceClass,
            Arbitrary<Fact<SimChangeAge>> timeSinceSimChange,
            Arbitrary<Fact<NhiCardStatus>> nhiCard) {
        return Builders.withBuilder(EligibilityFacts::builder)
                .use(idClass).in((b, f) -> b.idClass(f))
                .use(carrier).in((b, f) -> b.carrier(f))
                .use(contractType).in((b, f) -> b.contractType(f))
                .use(holderType).in((b, f) -> b.holderType(f))
                .use(lineRole).in((b, f) -> b.lineRole(f))
                .use(mvno).in((b, f) -> b.mvno(f))
                .use(accessNetwork).in((b, f) -> b.accessNetwork(f))
                .use(roaming).in((b, f) -> b.roaming(f))
                .use(deviceClass).in((b, f) -> b.deviceClass(f))
                .use(timeSinceSimChange).in((b, f) -> b.timeSinceSimChange(f))
                .use(nhiCard).in((b, f) -> b.nhiCard(f))
                .build(EligibilityFacts.Builder::build);
    }
}
