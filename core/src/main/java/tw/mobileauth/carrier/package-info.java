/**
 * Core's side of the carrier SPI: {@link tw.mobileauth.carrier.Carriers} finds the
 * {@link tw.mobileauth.carrier.spi.CarrierAdapterFactory} services with
 * {@link java.util.ServiceLoader} (two factories with one id fail at start-up, naming both jars),
 * binds {@code mobileauth.carrier.<id>.*} settings ({@link tw.mobileauth.carrier.CarrierSettings})
 * and connects the live adapters ({@link tw.mobileauth.carrier.CarrierAdapters}). It also lists the
 * application form's 電信業者 drop-down ({@link tw.mobileauth.carrier.CarrierOption}).
 *
 * <p>Core depends on {@code carrier-spi} only, never on an adapter module: which carriers exist is
 * decided by what is on the class path. A set-up mistake is a
 * {@link tw.mobileauth.carrier.CarrierConfigurationException} at start-up, never a per-request
 * error. The SPI itself, its errors and the reference profiles are described in
 * {@code docs/carrier-contract.md}.
 */
package tw.mobileauth.carrier;
