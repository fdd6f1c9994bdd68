/**
 * CAMARA client support shared by the carrier adapters: a {@link tw.mobileauth.carrier.camara.CamaraAdapter}
 * implements the whole {@link tw.mobileauth.carrier.spi.CarrierAdapter} for any carrier whose
 * APIs follow CAMARA, and a {@link tw.mobileauth.carrier.camara.CamaraProfile} supplies what one
 * carrier does differently. An adapter module is then a {@link tw.mobileauth.carrier.camara.CamaraAdapterFactory}
 * and a profile.
 *
 * <p>{@link tw.mobileauth.carrier.camara.CamaraClient}, {@link tw.mobileauth.carrier.camara.JsonReply},
 * {@link tw.mobileauth.carrier.camara.KycMatchApi} and {@link tw.mobileauth.carrier.camara.SimSwapApi}
 * are what profiles call. The {@code internal} sub-package is not API.
 */
package tw.mobileauth.carrier.camara;
