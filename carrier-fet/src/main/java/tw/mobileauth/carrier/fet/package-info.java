/**
 * The FarEasTone (遠傳電信) adapter: {@link tw.mobileauth.carrier.fet.FetAdapterFactory}. Only
 * FET's differences live here: the ID-gated KYC match and the {@code x-fet-subscriber} attributes.
 *
 * <p><b>login_hint: not sent.</b> The FET reference profile does not require
 * {@code login_hint=tel:+886…} on the authorize leg (the network identifies the device), so the
 * number never appears in the carrier link.
 */
package tw.mobileauth.carrier.fet;
