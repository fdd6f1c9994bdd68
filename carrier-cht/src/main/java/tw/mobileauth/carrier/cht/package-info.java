/**
 * The Chunghwa Telecom (中華電信) adapter: {@link tw.mobileauth.carrier.cht.ChtAdapterFactory}.
 * Everything CAMARA-generic lives in {@code tw.mobileauth.carrier.camara}; this package holds
 * only CHT's differences (KYC Tenure contract type, the line-profile extension, {@code CHT.} codes).
 *
 * <p><b>login_hint: not sent.</b> The CHT reference profile does not require
 * {@code login_hint=tel:+886…} on the authorize leg (the network identifies the device), so the
 * number never appears in the carrier link. Its endpoints, issuer and ID-token keys come from its
 * OpenID Connect discovery document, like every CAMARA adapter's.
 */
package tw.mobileauth.carrier.cht;
