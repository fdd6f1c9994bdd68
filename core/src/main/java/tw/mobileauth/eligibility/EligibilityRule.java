package tw.mobileauth.eligibility;

/**
 * One eligibility condition, as a value: it has a stable {@link #id()}, judges facts on its own
 * ({@link #evaluate(EligibilityFacts)}) and describes itself for the help page
 * ({@link #description()}).
 *
 * <p>The standard rules come from {@link EligibilityRules}. A policy owner adds a rule of their own
 * by implementing this interface and passing it to {@link EligibilityPolicy.Builder#add}:
 *
 * <pre>{@code
 * EligibilityRule chtOnly = new EligibilityRule() {
 *     public String id() { return "portal.cht-only"; }
 *     public RuleOutcome evaluate(EligibilityFacts facts) {
 *         if (!(facts.carrier() instanceof Fact.Known<String> carrier)) {
 *             return RuleOutcome.unknown(FactName.CARRIER);
 *         }
 *         return carrier.value().equals("cht") ? RuleOutcome.satisfied()
 *                 : RuleOutcome.violated(ReasonCode.CARRIER_NOT_SUPPORTED);
 *     }
 *     public RuleDescription description() {
 *         return RuleDescription.whoCan(new LocalizedText("限中華電信門號", "Chunghwa Telecom numbers only"));
 *     }
 * };
 * }</pre>
 *
 * <p><b>Contract for implementations</b> (the policy's guarantees rest on it):
 * <ul>
 *   <li>{@code evaluate} is pure, deterministic, thread-safe and fast (it runs on every
 *       decision), and never returns null;</li>
 *   <li>it returns {@link RuleOutcome#unknown(FactName)} only when a fact it reads is UNKNOWN, and
 *       once it is satisfied or violated, learning more facts (replacing an UNKNOWN by a value)
 *       does not change its outcome;</li>
 *   <li>{@code id()} is constant, lower-case, matches {@code [a-z0-9][a-z0-9._-]{0,63}} and is
 *       unique within a policy;</li>
 *   <li>{@code description()} is constant and never null.</li>
 * </ul>
 * Equal rules should have equal ids; {@link EligibilityPolicy.Builder#remove(EligibilityRule)}
 * finds rules by {@code equals}.
 */
public interface EligibilityRule {

    /** {@return a stable id, such as {@code "citizen-only"}; see the class contract for its form} */
    String id();

    /**
     * Judges {@code facts}: satisfied, violated with one or more reasons, or unknown with the facts
     * still missing.
     *
     * @param facts the facts, never null
     * @return the outcome, never null
     */
    RuleOutcome evaluate(EligibilityFacts facts);

    /** {@return the rule's lines on the help page, in zh-TW and English, matching the BLI manual's wording} */
    RuleDescription description();
}
