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
 * </ul>
 *
 * <p>This module depends on nothing but the JDK.
 */
package tw.mobileauth.carrier.spi;
