/**
 * The Taiwan Mobile (台灣大哥大) adapter: {@link tw.mobileauth.carrier.twm.TwmAdapterFactory}.
 * Only TWM's differences live here: hashed NV, the subscription-query extension and SIM swap
 * bounds from repeated checks.
 */
package tw.mobileauth.carrier.twm;
