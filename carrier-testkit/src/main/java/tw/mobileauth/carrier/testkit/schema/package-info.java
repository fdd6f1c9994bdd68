/**
 * Schema validation of carrier exchanges against the official CAMARA OpenAPI definitions plus each
 * carrier profile's declared extensions (issue 9).
 *
 * <ul>
 *   <li>{@link tw.mobileauth.carrier.testkit.schema.CamaraDefinitions}: the six official definitions,
 *       found and verified by SHA-256 against {@code camara/PROVENANCE.md};</li>
 *   <li>{@link tw.mobileauth.carrier.testkit.schema.ProfileExtensions}: what a profile may add
 *       ({@code profiles/cht.json}, {@code twm.json}, {@code fet.json}), declared once, as data;</li>
 *   <li>{@link tw.mobileauth.carrier.testkit.schema.ExchangeValidator}: checks one
 *       {@link tw.mobileauth.carrier.testkit.schema.Exchange} and returns
 *       {@link tw.mobileauth.carrier.testkit.schema.Violation}s;</li>
 *   <li>{@link tw.mobileauth.carrier.testkit.schema.ExchangeRecorder}: tallies validated exchanges per
 *       operation.</li>
 * </ul>
 *
 * <h2>How the fake networks use it</h2>
 *
 * <p>{@link tw.mobileauth.carrier.testkit.FakeCarrierNetworks} records every exchange it serves on a
 * CAMARA resource endpoint (not the OAuth authorize, token, discovery or JWK-set endpoints, which the
 * six definitions do not cover) in its {@link tw.mobileauth.carrier.testkit.ConformanceLog};
 * {@link tw.mobileauth.carrier.testkit.CamaraConformance} validates them with one validator per JVM
 * (the official definitions plus the cht, twm and fet profiles) and writes the per-operation counts
 * to {@code target/camara-conformance.txt}. The {@link tw.mobileauth.carrier.testkit.CarrierConformanceKit}
 * fails a test whose request or answer breaks the definitions; the JUnit extension
 * {@link tw.mobileauth.carrier.testkit.FakeNetworkConformance} fails a test whose answer does.
 * Answers shaped by a fault outside the definitions by design (malformed JSON, raw bodies, wrong or
 * missing correlator, resets, faults marked {@code Fault#offSpec()}) are counted as fault-injected.
 *
 * <h2>Running with the official definitions</h2>
 *
 * <p>The six YAML files are not committed ({@code camara/PROVENANCE.md} says why and records each
 * file's tag, commit and SHA-256). Run with {@code -Dmobileauth.camara.definitions=<dir>} (Maven passes
 * {@code -D} user properties on to surefire's test JVM), or set {@code MOBILEAUTH_CAMARA_DEFINITIONS},
 * or keep them in {@code shared/camara/} beside the repository. When they are absent, exchanges are
 * recorded and counted as skipped, one warning names where to put them, and the tests that exist to
 * show validation ran are reported as skipped, never as passed.
 *
 * <p>Test infrastructure only: nothing here belongs on a production classpath.
 */
package tw.mobileauth.carrier.testkit.schema;
