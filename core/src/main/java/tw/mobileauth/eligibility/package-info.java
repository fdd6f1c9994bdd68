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
 * <p>This package speaks only its own fact vocabulary: it does not depend on the carrier SPI, nor on
 * enrolment or login.
 *
 * <p><b>Why {@link tw.mobileauth.eligibility.AccessNetwork}, {@link tw.mobileauth.eligibility.ContractType},
 * {@link tw.mobileauth.eligibility.HolderType} and {@link tw.mobileauth.eligibility.LineRole} exist here
 * and in {@code tw.mobileauth.carrier.spi}.</b> They are two vocabularies, kept apart on purpose. The
 * SPI's enums are the carrier's wire vocabulary, which adapter authors implement without core; each
 * has an {@code UNKNOWN} constant because a carrier answer may not say. These are the policy's
 * vocabulary: a fact must be expressible without any carrier (the pre-check on what the form
 * declares, a policy owner's property tests with the {@code testing} generators), an unknown fact is
 * {@link tw.mobileauth.eligibility.Fact#unknown()} rather than a constant, so the enums have none,
 * and {@code AccessNetwork.WIFI} is a value no carrier reports. Merging them would make the policy
 * depend on the carrier SPI, or the SPI on the policy. Core maps the one onto the other in one
 * place, {@code CarrierFacts} in {@code tw.mobileauth.enrollment}, where a carrier's
 * {@code UNKNOWN} stays an unknown fact. See {@code docs/architecture.md} and {@code docs/eligibility.md}.
 */
package tw.mobileauth.eligibility;
