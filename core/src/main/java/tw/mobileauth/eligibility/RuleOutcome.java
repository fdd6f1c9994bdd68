package tw.mobileauth.eligibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link EligibilityRule} says about some facts: {@link Satisfied}, {@link Violated}
 * (with one or more reasons) or {@link Unknown} (with the facts it still needs).
 *
 * <p>Make outcomes with the factories. The single-argument factories return shared instances, so
 * a rule that uses them allocates nothing. Reasons and missing facts are kept de-duplicated, in
 * {@link ReasonCode} and {@link FactName} declaration order.
 */
@SuppressWarnings("EnumOrdinal") // lookup tables indexed by ordinal, built from values() in the same JVM
public sealed interface RuleOutcome permits RuleOutcome.Satisfied, RuleOutcome.Violated, RuleOutcome.Unknown {

    /** {@return the rule holds} */
    static RuleOutcome satisfied() {
        return Satisfied.INSTANCE;
    }

    /**
     * {@return the rule is broken for {@code reason}}
     *
     * @param reason why, never null
     */
    static RuleOutcome violated(ReasonCode reason) {
        return Violated.SINGLE[Objects.requireNonNull(reason, "reason").ordinal()];
    }

    /**
     * {@return the rule is broken for several reasons}
     *
     * @param first the first reason, never null
     * @param more  further reasons; none may be null
     */
    static RuleOutcome violated(ReasonCode first, ReasonCode... more) {
        long mask = Objects.requireNonNull(first, "first").bit();
        for (ReasonCode reason : more) {
            mask |= Objects.requireNonNull(reason, "reason").bit();
        }
        return Long.bitCount(mask) == 1 ? violated(first) : new Violated(mask);
    }

    /**
     * {@return the rule cannot tell yet because {@code missing} is UNKNOWN}
     *
     * @param missing the fact the rule needs, never null
     */
    static RuleOutcome unknown(FactName missing) {
        return Unknown.SINGLE[Objects.requireNonNull(missing, "missing").ordinal()];
    }

    /**
     * {@return the rule cannot tell yet because several facts are UNKNOWN}
     *
     * @param first the first missing fact, never null
     * @param more  further missing facts; none may be null
     */
    static RuleOutcome unknown(FactName first, FactName... more) {
        int mask = Objects.requireNonNull(first, "first").bit();
        for (FactName fact : more) {
            mask |= Objects.requireNonNull(fact, "fact").bit();
        }
        return Integer.bitCount(mask) == 1 ? unknown(first) : new Unknown(mask);
    }

    /** The rule holds. One shared instance. */
    final class Satisfied implements RuleOutcome {

        private static final Satisfied INSTANCE = new Satisfied();

        private Satisfied() {
        }

        /** {@code "SATISFIED"}. */
        @Override
        public String toString() {
            return "SATISFIED";
        }
    }

    /** The rule is broken; {@link #reasons()} says why. */
    final class Violated implements RuleOutcome {

        private static final ReasonCode[] CODES = ReasonCode.values();
        private static final Violated[] SINGLE = new Violated[CODES.length];

        static {
            if (CODES.length > Long.SIZE) {
                throw new IllegalStateException("ReasonCode has more than 64 codes; widen the reason mask");
            }
            for (ReasonCode code : CODES) {
                SINGLE[code.ordinal()] = new Violated(code.bit());
            }
        }

        final long mask;
        private final List<ReasonCode> reasons;

        private Violated(long mask) {
            this.mask = mask;
            this.reasons = codes(mask);
        }

        static List<ReasonCode> codes(long mask) {
            List<ReasonCode> list = new ArrayList<>(Long.bitCount(mask));
            for (long rest = mask; rest != 0; rest &= rest - 1) {
                list.add(CODES[Long.numberOfTrailingZeros(rest)]);
            }
            return List.copyOf(list);
        }

        /** {@return the reasons, at least one, de-duplicated, in {@link ReasonCode} order; unmodifiable} */
        public List<ReasonCode> reasons() {
            return reasons;
        }

        /** Equal when the reasons are equal. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Violated that && mask == that.mask;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(mask);
        }

        /** {@code "VIOLATED[CONTRACT_PREPAID]"}. */
        @Override
        public String toString() {
            return "VIOLATED" + reasons;
        }
    }

    /** The rule cannot tell yet; {@link #missingFacts()} says what it needs. */
    final class Unknown implements RuleOutcome {

        private static final FactName[] NAMES = FactName.values();
        private static final Unknown[] SINGLE = new Unknown[NAMES.length];

        static {
            if (NAMES.length > Integer.SIZE) {
                throw new IllegalStateException("FactName has more than 32 facts; widen the fact mask");
            }
            for (FactName name : NAMES) {
                SINGLE[name.ordinal()] = new Unknown(name.bit());
            }
        }

        final int mask;
        private final List<FactName> missingFacts;

        private Unknown(int mask) {
            this.mask = mask;
            this.missingFacts = names(mask);
        }

        static List<FactName> names(int mask) {
            List<FactName> list = new ArrayList<>(Integer.bitCount(mask));
            for (int rest = mask; rest != 0; rest &= rest - 1) {
                list.add(NAMES[Integer.numberOfTrailingZeros(rest)]);
            }
            return List.copyOf(list);
        }

        /** {@return the facts the rule needs, at least one, de-duplicated, in {@link FactName} order; unmodifiable} */
        public List<FactName> missingFacts() {
            return missingFacts;
        }

        /** Equal when the missing facts are equal. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Unknown that && mask == that.mask;
        }

        @Override
        public int hashCode() {
            return mask;
        }

        /** {@code "UNKNOWN[ACCESS_NETWORK]"}. */
        @Override
        public String toString() {
            return "UNKNOWN" + missingFacts;
        }
    }
}
