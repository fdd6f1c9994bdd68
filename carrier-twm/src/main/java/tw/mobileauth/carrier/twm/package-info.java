/**
 * The Taiwan Mobile (台灣大哥大) adapter: {@link tw.mobileauth.carrier.twm.TwmAdapterFactory}.
 * Only TWM's differences live here: hashed NV, the subscription-query extension and SIM swap
 * bounds from repeated checks.
 *
 * <p><b>login_hint: not sent.</b> The TWM reference profile does not require
 * {@code login_hint=tel:+886…} on the authorize leg (the network identifies the device; NV itself
 * takes only the hashed number), so the number never appears in the carrier link.
 */
package tw.mobileauth.carrier.twm;
