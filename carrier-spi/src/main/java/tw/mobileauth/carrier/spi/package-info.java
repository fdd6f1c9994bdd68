/**
 * The carrier SPI: what a mobile operator adapter implements so that MobileAuth TW core can
 * verify a phone number over the operator's network and read the subscriber facts that decide
 * eligibility.
 *
 * <p>Shape, derived from the CAMARA APIs (Number Verification, KYC Match, KYC Tenure, SIM Swap,
 * Device Roaming Status, Connected Network Type):
 * <ul>
 *   <li>{@link tw.mobileauth.carrier.spi.CarrierAdapterFactory} is found with
 *       {@link java.util.ServiceLoader}; it is stateless and creates
 *       {@link tw.mobileauth.carrier.spi.CarrierAdapter}s from a
 *       {@link tw.mobileauth.carrier.spi.CarrierConfig}.</li>
 *   <li>Adapters <em>report facts</em>; core decides. A non-match is a result
 *       ({@link tw.mobileauth.carrier.spi.KycMatchResult}), never an exception.</li>
 *   <li>Failures form the closed, sealed {@link tw.mobileauth.carrier.spi.CarrierException}
 *       taxonomy, each saying whether and when the call may be retried.</li>
 *   <li>Nothing here returns {@code null}; absent values are {@link java.util.Optional}.</li>
 *   <li>A {@link tw.mobileauth.carrier.spi.CarrierConfig} only accepts https URIs (plain http only
 *       to loopback, for tests); its optional issuer says where the OpenID Connect discovery
 *       document is when the authorization server is not at the base URI.</li>
 *   <li>A {@link tw.mobileauth.carrier.spi.CallContext} correlator follows CAMARA's
 *       {@code x-correlator} pattern {@code ^[a-zA-Z0-9-]{0,55}$} (non-empty).</li>
 *   <li>{@link tw.mobileauth.carrier.spi.ConcurrentCalls} runs independent calls of one operation
 *       side by side, reporting failures in a fixed order.</li>
 * </ul>
 *
 * <p>This module depends on nothing but the JDK.
 *
 * <p><b>Why {@link tw.mobileauth.carrier.spi.AccessNetwork}, {@link tw.mobileauth.carrier.spi.ContractType},
 * {@link tw.mobileauth.carrier.spi.HolderType} and {@link tw.mobileauth.carrier.spi.LineRole} exist here
 * and in core's {@code tw.mobileauth.eligibility}.</b> These are the carrier's wire vocabulary: what
 * an adapter reads off the carrier's answers, written by adapter authors who never see core. Each
 * has an {@code UNKNOWN} constant, because a carrier answer may not say (and
 * {@code AccessNetwork} is CAMARA Connected Network Type's {@code G2}…{@code G5}). Core's
 * eligibility enums are the policy's vocabulary, which must work without any carrier and represents
 * an unknown fact differently. Core maps these onto those in one place ({@code CarrierFacts} in
 * {@code tw.mobileauth.enrollment}); adding a constant here means adding its mapping there. See
 * {@code docs/carrier-contract.md} and {@code docs/architecture.md}.
 */
package tw.mobileauth.carrier.spi;
