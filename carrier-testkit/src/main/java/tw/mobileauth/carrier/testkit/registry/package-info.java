/**
 * A fake identity registry and the conformance kit for registry adapters.
 *
 * <p>{@link tw.mobileauth.carrier.testkit.registry.FakeRegistry} is an embeddable loopback HTTP
 * server that speaks the NHI reference profile ({@code POST /nhi/v1/card-checks}), verifies
 * signed requests (refusing unsigned, badly signed, expired and replayed ones with 401), answers
 * from synthetic {@link tw.mobileauth.carrier.testkit.registry.RegistryCards} (one fixture per
 * answer), injects the same faults as the fake carrier networks
 * ({@link tw.mobileauth.carrier.testkit.registry.RegistryFault}) and records every request.
 *
 * <p>{@link tw.mobileauth.carrier.testkit.registry.RegistryConformanceKit} is the abstract JUnit 5
 * class a registry adapter's test extends; it drives the adapter through every answer, every error
 * row and every fault on every endpoint, using the SPI only.
 *
 * <p>Test infrastructure: synthetic data, plain HTTP, nothing here is meant for production.
 */
package tw.mobileauth.carrier.testkit.registry;
