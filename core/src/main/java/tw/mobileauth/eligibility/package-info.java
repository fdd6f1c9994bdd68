/**
 * Who may use mobile phone authentication (docs/eligibility.md).
 *
 * <p>{@link tw.mobileauth.eligibility.EligibilityFacts} says what is known (each fact may be
 * UNKNOWN, as an explicit {@link tw.mobileauth.eligibility.Fact}); an
 * {@link tw.mobileauth.eligibility.EligibilityPolicy} made of
 * {@link tw.mobileauth.eligibility.EligibilityRule} values turns them into an
 * {@link tw.mobileauth.eligibility.EligibilityDecision}: ELIGIBLE, INELIGIBLE with every
 * {@link tw.mobileauth.eligibility.ReasonCode} (each with a zh-TW/English message and remedy), or
 * UNDETERMINED with the missing facts. The policy also generates its help page,
 * {@link tw.mobileauth.eligibility.EligibilityHelp}.
 *
 * <p>This package speaks only its own fact vocabulary: it does not depend on the carrier SPI. The
 * enrolment layer maps carrier answers onto facts.
 */
package tw.mobileauth.eligibility;
