/**
 * The FarEasTone (遠傳電信) adapter: {@link tw.mobileauth.carrier.fet.FetAdapterFactory}. Only
 * FET's differences live here: the ID-gated KYC match and the {@code x-fet-subscriber} attributes.
 */
package tw.mobileauth.carrier.fet;
