package tw.mobileauth.eligibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tw.mobileauth.i18n.LocalizedText;

/**
 * The outcome of {@link EligibilityPolicy#evaluate(EligibilityFacts)}.
 *
 * <ul>
 *   <li>{@link Verdict#INELIGIBLE} iff at least one rule is violated, even if others are unknown.
 *       {@link #reasons()} lists the reasons of <em>every</em> violated rule, de-duplicated, in
 *       {@link ReasonCode} declaration order (so the order never depends on rule order).</li>
 *   <li>{@link Verdict#UNDETERMINED} iff no rule is violated and at least one is unknown.
 *       {@link #missingFacts()} lists the facts those rules need, in {@link FactName} order.</li>
 *   <li>{@link Verdict#ELIGIBLE} iff every rule is satisfied.</li>
 * </ul>
 * Reasons are empty unless INELIGIBLE; missing facts are empty unless UNDETERMINED.
 *
 * <p>Immutable and shared: decisions are cached by content, so evaluating allocates nothing once a
 * combination of reasons has been seen. Compare them with {@code equals}.
 */
@SuppressWarnings("EnumOrdinal") // the REASONS table is indexed by ordinal, built from values() in the same JVM
public final class EligibilityDecision {

    /** The three possible verdicts. */
    public enum Verdict {
        /** Every rule is satisfied. */
        ELIGIBLE,
        /** At least one rule is violated. */
        INELIGIBLE,
        /** No rule is violated, but at least one needs a fact that is UNKNOWN. */
        UNDETERMINED
    }

    /**
     * One reason a line is not eligible, with its texts.
     *
     * @param code    the closed reason code to switch on
     * @param message what happened, zh-TW and English
     * @param remedy  what to do next, zh-TW and English
     */
    public record Reason(ReasonCode code, LocalizedText message, LocalizedText remedy) {

        /**
         * @param code the raw code, as the other side sent it
         * @param message the detail message (never holds personal data)
         * @param remedy the remedy value
         * @throws NullPointerException if any part is null
         */
        public Reason {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(remedy, "remedy");
        }

        /**
         * {@return the reason for {@code code}, with the code's own message and remedy}
         *
         * @param code the raw code, as the other side sent it
         */
        public static Reason of(ReasonCode code) {
            return REASONS[code.ordinal()];
        }
    }

    private static final ReasonCode[] CODES = ReasonCode.values();
    private static final Reason[] REASONS = new Reason[CODES.length];

    static {
        for (ReasonCode code : CODES) {
            REASONS[code.ordinal()] = new Reason(code, code.message(), code.remedy());
        }
    }

    private static final EligibilityDecision ELIGIBLE = new EligibilityDecision(Verdict.ELIGIBLE, 0L, 0);

    /** Every combination of reasons or missing facts fits a small table while the enums stay small. */
    private static final int MAX_CACHED_BITS = 18;
    private static final EligibilityDecision[] INELIGIBLE_CACHE =
            new EligibilityDecision[CODES.length <= MAX_CACHED_BITS ? 1 << CODES.length : 0];
    private static final EligibilityDecision[] UNDETERMINED_CACHE =
            new EligibilityDecision[FactName.values().length <= MAX_CACHED_BITS ? 1 << FactName.values().length : 0];

    private final Verdict verdict;
    private final long reasonMask;
    private final int missingMask;
    private final List<ReasonCode> reasonCodes;
    private final List<Reason> reasons;
    private final List<FactName> missingFacts;

    private EligibilityDecision(Verdict verdict, long reasonMask, int missingMask) {
        this.verdict = verdict;
        this.reasonMask = reasonMask;
        this.missingMask = missingMask;
        this.reasonCodes = RuleOutcome.Violated.codes(reasonMask);
        List<Reason> list = new ArrayList<>(reasonCodes.size());
        for (ReasonCode code : reasonCodes) {
            list.add(REASONS[code.ordinal()]);
        }
        this.reasons = List.copyOf(list);
        this.missingFacts = RuleOutcome.Unknown.names(missingMask);
    }

    /**
     * The decision for the union of violated reasons and missing facts over all rules. Racing
     * threads may both create a cache entry; the entries are equal and immutable, so either wins.
     */
    static EligibilityDecision of(long violated, int missing) {
        if (violated != 0L) {
            return cached(INELIGIBLE_CACHE, Verdict.INELIGIBLE, violated, 0);
        }
        if (missing != 0) {
            return cached(UNDETERMINED_CACHE, Verdict.UNDETERMINED, 0L, missing);
        }
        return ELIGIBLE;
    }

    private static EligibilityDecision cached(EligibilityDecision[] cache, Verdict verdict, long reasons, int missing) {
        long key = verdict == Verdict.INELIGIBLE ? reasons : missing;
        if (key >= cache.length) {
            return new EligibilityDecision(verdict, reasons, missing);
        }
        int index = (int) key;
        EligibilityDecision decision = cache[index];
        if (decision == null) {
            decision = new EligibilityDecision(verdict, reasons, missing);
            cache[index] = decision;
        }
        return decision;
    }

    /** {@return ELIGIBLE, INELIGIBLE or UNDETERMINED} */
    public Verdict verdict() {
        return verdict;
    }

    /** {@return whether the verdict is {@link Verdict#ELIGIBLE}} */
    public boolean isEligible() {
        return verdict == Verdict.ELIGIBLE;
    }

    /**
     * {@return every reason of every violated rule, with message and remedy; de-duplicated, in
     * {@link ReasonCode} order} Empty unless INELIGIBLE. Unmodifiable.
     */
    public List<Reason> reasons() {
        return reasons;
    }

    /** {@return the codes of {@link #reasons()}, in the same order} Unmodifiable. */
    public List<ReasonCode> reasonCodes() {
        return reasonCodes;
    }

    /**
     * {@return the facts still needed to decide, in {@link FactName} order} Empty unless UNDETERMINED (an
     * INELIGIBLE decision stays INELIGIBLE whatever else is learned). Unmodifiable.
     */
    public List<FactName> missingFacts() {
        return missingFacts;
    }

    /** Equal when verdict, reasons and missing facts are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof EligibilityDecision that
                && verdict == that.verdict
                && reasonMask == that.reasonMask
                && missingMask == that.missingMask;
    }

    @Override
    public int hashCode() {
        return (verdict.hashCode() * 31 + Long.hashCode(reasonMask)) * 31 + missingMask;
    }

    /** e.g. {@code INELIGIBLE[CONTRACT_PREPAID, NETWORK_WIFI]} or {@code UNDETERMINED(missing [ACCESS_NETWORK])}. */
    @Override
    public String toString() {
        return switch (verdict) {
            case ELIGIBLE -> "ELIGIBLE";
            case INELIGIBLE -> "INELIGIBLE" + reasonCodes;
            case UNDETERMINED -> "UNDETERMINED(missing " + missingFacts + ")";
        };
    }
}
