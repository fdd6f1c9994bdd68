package tw.mobileauth.eligibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Turns {@link EligibilityFacts} into an {@link EligibilityDecision} by evaluating every rule in
 * force, and generates the help text from the same rules.
 *
 * <p>{@link #standard()} encodes who may use mobile phone authentication on the BLI portal
 * (docs/journey.md, "Who is eligible"; docs/eligibility.md). Owners of other portals build their
 * own policy from the same rule values, without copying code:
 *
 * <pre>{@code
 * EligibilityPolicy policy = EligibilityPolicy.standard().toBuilder()
 *         .allowResidents()                                             // residents' numbers too
 *         .add(EligibilityRules.noSimChangeWithin(Duration.ofHours(72))) // hold back new SIMs
 *         .remove("not-roaming")                                         // by id, or by rule value
 *         .build();
 * }</pre>
 *
 * <p>Run it twice per enrolment: a pre-check on what the form declares, then a final check on the
 * declared facts {@linkplain EligibilityFacts#refinedBy refined by} what the carrier verified.
 *
 * <p>Immutable and thread-safe. Evaluation allocates nothing for the built-in rules: it runs each
 * rule once, unions their reasons and missing facts as bit sets, and returns a shared decision.
 */
public final class EligibilityPolicy {

    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final EligibilityPolicy STANDARD = new EligibilityPolicy(EligibilityRules.standardRules());

    private final EligibilityRule[] rules;
    private final List<EligibilityRule> ruleList;
    private final EligibilityHelp help;

    private EligibilityPolicy(List<EligibilityRule> rules) {
        this.ruleList = List.copyOf(rules);
        this.rules = ruleList.toArray(new EligibilityRule[0]);
        this.help = EligibilityHelp.of(ruleList);
    }

    /**
     * {@return the BLI policy, in this rule order: citizen-only, supported-carrier (CHT, TWM, FET),
     * postpaid, personal-holder, primary-line, not-mvno, on-4g-5g, not-wifi, not-roaming,
     * smartphone} It has no SIM-change rule: add {@link EligibilityRules#noSimChangeWithin} for one.
     */
    public static EligibilityPolicy standard() {
        return STANDARD;
    }

    /**
     * {@return an empty builder; add at least one rule} To start from the standard rules, use {@code standard().toBuilder()}.
     */
    public static Builder builder() {
        return new Builder(List.of());
    }

    /** {@return a builder holding this policy's rules, in order} */
    public Builder toBuilder() {
        return new Builder(ruleList);
    }

    /**
     * Evaluates every rule on {@code facts}: INELIGIBLE if any rule is violated (listing every
     * violated rule's reasons), otherwise UNDETERMINED if any rule is unknown (listing the missing
     * facts), otherwise ELIGIBLE.
     *
     * @param facts what is known, never null
     * @return the eligibility decision
     * @throws NullPointerException  if {@code facts} is null
     * @throws IllegalStateException if a custom rule returns null
     */
    public EligibilityDecision evaluate(EligibilityFacts facts) {
        Objects.requireNonNull(facts, "facts");
        long violated = 0L;
        int missing = 0;
        for (EligibilityRule rule : rules) {
            RuleOutcome outcome = rule.evaluate(facts);
            if (outcome instanceof RuleOutcome.Violated v) {
                violated |= v.mask;
            } else if (outcome instanceof RuleOutcome.Unknown u) {
                missing |= u.mask;
            } else if (outcome == null) {
                throw new IllegalStateException("eligibility rule '" + rule.id()
                        + "' returned null; a rule must return RuleOutcome.satisfied(), violated(…) or unknown(…)");
            }
        }
        return EligibilityDecision.of(violated, missing);
    }

    /** {@return the rules in force, in order; unmodifiable} */
    public List<EligibilityRule> rules() {
        return ruleList;
    }

    /**
     * {@return the rule with this id, if the policy has one}
     *
     * @param id the id
     */
    public Optional<EligibilityRule> rule(String id) {
        for (EligibilityRule rule : rules) {
            if (rule.id().equals(id)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** {@return the help text generated from the rules in force ("哪些人適合使用 / 不適合使用")} */
    public EligibilityHelp help() {
        return help;
    }

    /** The rule ids, e.g. {@code EligibilityPolicy[citizen-only, supported-carrier, …]}. */
    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "EligibilityPolicy[", "]");
        for (EligibilityRule rule : rules) {
            joiner.add(rule.id());
        }
        return joiner.toString();
    }

    /**
     * Builds an {@link EligibilityPolicy} by adding, removing and replacing rules. Rule order is
     * kept: {@link #add} appends, {@link #replace} keeps the replaced rule's place. Rule ids are
     * unique. Misconfiguration fails at once with {@link IllegalArgumentException} naming the ids
     * involved, rather than producing a policy that silently differs from what was meant. Not
     * thread-safe.
     */
    public static final class Builder {

        private final List<EligibilityRule> rules;

        private Builder(List<EligibilityRule> rules) {
            this.rules = new ArrayList<>(rules);
        }

        /**
         * Appends {@code rule}: a built-in one from {@link EligibilityRules}, or your own.
         *
         * @param rule the rule value
         * @return this builder
         * @throws IllegalArgumentException if its id is malformed or already in the builder
         */
        public Builder add(EligibilityRule rule) {
            String id = checkedId(rule);
            if (indexOf(id) >= 0) {
                throw new IllegalArgumentException("the policy already has a rule with id '" + id
                        + "'; use replace(\"" + id + "\", rule) to swap it. Rules: " + ids());
            }
            rules.add(rule);
            return this;
        }

        /**
         * Removes the rule with this id, e.g. {@code "not-roaming"}.
         *
         * @param ruleId the rule id
         * @return this builder
         * @throws IllegalArgumentException if there is no such rule
         */
        public Builder remove(String ruleId) {
            rules.remove(requireIndex(ruleId));
            return this;
        }

        /**
         * Removes the rule equal to {@code rule}, e.g. {@code EligibilityRules.notRoaming()}.
         *
         * @param rule the rule value
         * @return this builder
         * @throws IllegalArgumentException if there is no equal rule
         */
        public Builder remove(EligibilityRule rule) {
            rules.remove(requireEqual(rule));
            return this;
        }

        /**
         * Puts {@code replacement} in place of the rule with id {@code ruleId}, keeping its position.
         *
         * @param ruleId the rule id
         * @param replacement the replacement value
         * @return this builder
         * @throws IllegalArgumentException if there is no such rule, or the replacement's id is
         *                                  malformed or belongs to another rule
         */
        public Builder replace(String ruleId, EligibilityRule replacement) {
            return replaceAt(requireIndex(ruleId), replacement);
        }

        /**
         * Puts {@code replacement} in place of the rule equal to {@code existing}, keeping its
         * position. Example: {@code replace(EligibilityRules.supportedCarriers(),
         * EligibilityRules.supportedCarriers(List.of("cht")))}.
         *
         * @param existing the existing value
         * @param replacement the replacement value
         * @return this builder
         * @throws IllegalArgumentException if there is no equal rule, or the replacement's id is
         *                                  malformed or belongs to another rule
         */
        public Builder replace(EligibilityRule existing, EligibilityRule replacement) {
            return replaceAt(requireEqual(existing), replacement);
        }

        /**
         * Accepts ID numbers of every class: replaces {@link EligibilityRules#citizenOnly()} with
         * {@link EligibilityRules#residentsAllowed()} in its place. Without a citizen-only rule it
         * appends residents-allowed, unless that is already present. This is a relaxation: resident
         * numbers (新式 {@code A800000014}, 舊式 {@code AC03095424}) then pass, and the help page no
         * longer lists "外國人(含大陸人)".
         *
         * @return this builder
         */
        public Builder allowResidents() {
            int citizenOnly = indexOf(EligibilityRules.citizenOnly().id());
            if (citizenOnly >= 0) {
                rules.set(citizenOnly, EligibilityRules.residentsAllowed());
            } else if (indexOf(EligibilityRules.residentsAllowed().id()) < 0) {
                rules.add(EligibilityRules.residentsAllowed());
            }
            return this;
        }

        /**
         * {@return the policy}
         *
         * @throws IllegalStateException if there is no rule, or a rule has no description
         */
        public EligibilityPolicy build() {
            if (rules.isEmpty()) {
                throw new IllegalStateException("an eligibility policy needs at least one rule; "
                        + "start from EligibilityPolicy.standard().toBuilder()");
            }
            for (EligibilityRule rule : rules) {
                if (rule.description() == null) {
                    throw new IllegalStateException("eligibility rule '" + rule.id()
                            + "' has no description; every rule must describe itself for the help page");
                }
            }
            return new EligibilityPolicy(rules);
        }

        private Builder replaceAt(int index, EligibilityRule replacement) {
            String id = checkedId(replacement);
            int existing = indexOf(id);
            if (existing >= 0 && existing != index) {
                throw new IllegalArgumentException("cannot replace '" + rules.get(index).id() + "' with a rule whose id '"
                        + id + "' another rule already has. Rules: " + ids());
            }
            rules.set(index, replacement);
            return this;
        }

        private static String checkedId(EligibilityRule rule) {
            Objects.requireNonNull(rule, "rule");
            String id = rule.id();
            if (id == null || !RULE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("rule id " + (id == null ? "null" : "'" + id + "'")
                        + " of " + rule.getClass().getName()
                        + " must match [a-z0-9][a-z0-9._-]{0,63}, e.g. \"portal.no-prepaid\"");
            }
            return id;
        }

        private int indexOf(String id) {
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).id().equals(id)) {
                    return i;
                }
            }
            return -1;
        }

        private int requireIndex(String ruleId) {
            Objects.requireNonNull(ruleId, "ruleId");
            int index = indexOf(ruleId);
            if (index < 0) {
                throw new IllegalArgumentException("the policy has no rule with id '" + ruleId + "'. Rules: " + ids());
            }
            return index;
        }

        private int requireEqual(EligibilityRule rule) {
            Objects.requireNonNull(rule, "rule");
            int index = rules.indexOf(rule);
            if (index < 0) {
                throw new IllegalArgumentException("the policy has no rule equal to " + rule + ". Rules: " + ids());
            }
            return index;
        }

        private List<String> ids() {
            List<String> ids = new ArrayList<>(rules.size());
            for (EligibilityRule rule : rules) {
                ids.add(rule.id());
            }
            return ids;
        }
    }
}
