package tw.mobileauth.carrier.testkit;

import org.junit.jupiter.api.TestInstance;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.spi.CarrierException;

/**
 * The conformance kit every carrier adapter's tests extend. It starts one
 * {@link FakeCarrierNetworks} per test class, builds a fresh adapter for every test from
 * {@code network.configFor(profile())}, and drives it through every outcome of
 * docs/carrier-contract.md using the SPI only: matches and non-matches, every subscription attribute,
 * every network condition, every error row of §1 and every injected fault.
 *
 * <pre>{@code
 * class ChtAdapterConformanceTest extends CarrierConformanceKit {
 *     @Override protected CarrierAdapterFactory factory() { return new ChtAdapterFactory(); }
 * }
 * }</pre>
 *
 * <p>What the kit holds adapters to, beyond the SPI Javadoc (see the README's table):
 * <ul>
 *   <li>Idempotent calls (KYC match, attributes, SIM swap, client-credentials tokens) are
 *       retried on 5xx, time-outs and connection resets with bounded backoff inside the
 *       {@link CallContext} deadline; a fault that happens once is therefore invisible to the
 *       caller.</li>
 *   <li>Number verification is never repeated: the code exchange and each call with the
 *       single-use token are made once, and a transient failure there (time-out, reset, 5xx, 429,
 *       an answer lost after the carrier acted) advises
 *       {@link CarrierException.Retry#RESTART_VERIFICATION}; a new verification then succeeds.</li>
 *   <li>429 with {@code Retry-After}: when the wait fits before the deadline the adapter waits and
 *       succeeds; when it does not, the adapter raises {@link CarrierException.RateLimited} at once,
 *       retryable, with the carrier's {@code retryAfter}. {@code QUOTA_EXCEEDED} is never retried.</li>
 *   <li>401 {@code UNAUTHENTICATED} on an idempotent call is retried exactly once with a new token.</li>
 *   <li>Every exception carries the adapter's carrier id and the context's correlator; HTTP
 *       errors carry the status and the carrier's raw code.</li>
 * </ul>
 *
 * <p>Runs in about 20-25 s per adapter: the fault matrix
 * ({@link #everyFaultOnEveryEndpointTheAdapterUses()}) waits out deadlines of 250-500 ms, and one
 * test waits for a 1 s {@code Retry-After}; nothing else sleeps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CarrierConformanceKit extends FaultMatrixChecks {
}
