/**
 * The store SPI: where enrolments, one-time tokens, credentials and failure counters live between
 * requests, plus in-memory implementations for tests and single-node use.
 *
 * <h2>Atomicity contract</h2>
 * Every operation is atomic on its own and needs no Java lock, so that a SQL implementation can
 * map each one to a single statement (or one short transaction):
 * <table>
 *   <caption>Operations and their SQL shape</caption>
 *   <tr><th>operation</th><th>meaning</th><th>SQL shape</th></tr>
 *   <tr><td>{@link tw.mobileauth.store.EnrollmentStore#compareAndSet}</td>
 *       <td>replace the record only if its version is still the expected one</td>
 *       <td>{@code UPDATE … SET …, version = ? WHERE id = ? AND version = ?}</td></tr>
 *   <tr><td>{@link tw.mobileauth.store.OneTimeTokenStore#claim}</td>
 *       <td>claim-if-unclaimed; any later claimer gets {@code ALREADY_CLAIMED}</td>
 *       <td>{@code UPDATE … SET claimant = ? WHERE key = ? AND claimant IS NULL AND expires_at > ?}</td></tr>
 *   <tr><td>{@link tw.mobileauth.store.OneTimeTokenStore#consume}</td>
 *       <td>consume-once: exactly one caller gets the token</td>
 *       <td>{@code DELETE … WHERE key = ? RETURNING …}</td></tr>
 *   <tr><td>{@link tw.mobileauth.store.CounterStore#increment}</td>
 *       <td>increment-and-read, with a reset window and a lock-out that stops counting</td>
 *       <td>{@code INSERT … ON CONFLICT DO UPDATE … RETURNING …}</td></tr>
 *   <tr><td>{@link tw.mobileauth.store.CredentialStore#activate}</td>
 *       <td>PENDING → ACTIVE once, after the issuing enrolment won its step to COMPLETED</td>
 *       <td>{@code UPDATE … SET status = 'ACTIVE' WHERE id = ? AND status = 'PENDING'}</td></tr>
 *   <tr><td>{@link tw.mobileauth.store.CredentialStore#revoke}</td>
 *       <td>ACTIVE → REVOKED once</td>
 *       <td>{@code UPDATE … WHERE id = ? AND status = 'ACTIVE'}</td></tr>
 * </table>
 *
 * <p>Nothing here returns {@code null}: absent values are {@link java.util.Optional}. Records are
 * plain immutable data; nothing is Java-serialised. Records hold no plaintext personal data: the
 * caller stores keyed HMAC verifiers and AES-GCM ciphertext only.
 *
 * <p>Backend failures (a lost database connection, say) are {@link tw.mobileauth.store.StoreException}s,
 * never a caller's fault. The in-memory enrolment and token stores throw it only when they are
 * full ({@link tw.mobileauth.store.StoreException.Reason#FULL}): they are bounded, because
 * anonymous callers create entries. At the cap, {@code begin} answers
 * {@code EnrollmentUnavailableException} with source {@code STORE} ("busy, try later").
 *
 * <p>Sizing the cap: a pending enrolment retains about 1.3 KB across the in-memory stores
 * (measured with JOL, benchmarks {@code PendingEnrolmentFootprint}), so the default
 * 100,000 pending enrolments take about 130 MB of heap. Give the enrolment store a cap of
 * (heap you can spare) / 1.3 KB, and no more pending enrolments than arrive in one enrolment
 * lifetime at your busiest; a deployment needing more should use a database store.
 */
package tw.mobileauth.store;
