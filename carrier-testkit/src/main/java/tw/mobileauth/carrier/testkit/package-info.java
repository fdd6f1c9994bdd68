/**
 * Fake carrier networks and the conformance kit for carrier adapters.
 *
 * <p>{@link tw.mobileauth.carrier.testkit.FakeCarrierNetworks} is one embeddable loopback HTTP
 * server that speaks the three reference wire profiles of {@code docs/carrier-contract.md} (CHT under
 * {@code /cht}, TWM under {@code /twm}, FET under {@code /fet}) byte for byte, enforces the rules a
 * real carrier enforces (client assertions, PKCE, single-use codes and tokens, scopes, the
 * {@code x-correlator} echo), simulates which device is attached to which network, injects faults
 * and records every request.
 *
 * <p>{@link tw.mobileauth.carrier.testkit.CarrierConformanceKit} is the abstract JUnit 5 class an
 * adapter's test extends; it drives the adapter through every outcome using the SPI only.
 *
 * <p>Everything here is test infrastructure: the subscriber fixture is synthetic, and nothing in
 * this package is meant to run in production.
 */
package tw.mobileauth.carrier.testkit;
