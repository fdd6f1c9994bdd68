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
 * <p>Test infrastructure only: nothing here belongs on a production classpath.
 */
package tw.mobileauth.carrier.testkit.schema;
