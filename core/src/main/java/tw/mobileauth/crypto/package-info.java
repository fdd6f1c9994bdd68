/**
 * The cryptographic building blocks of MobileAuth TW, small enough to audit one file at a time.
 *
 * <table>
 *   <caption>What is here and who uses it</caption>
 *   <tr><th>type</th><th>does</th><th>used by</th></tr>
 *   <tr><td>{@link tw.mobileauth.crypto.PasswordHasher}, {@link tw.mobileauth.crypto.Argon2idPasswordHasher}</td>
 *       <td>Argon2id PHC hashes of the 憑證密碼, with pepper and a bounded limiter</td>
 *       <td>enrolment (hash at once), login (verify, dummy, rehash)</td></tr>
 *   <tr><td>{@link tw.mobileauth.crypto.HmacKey}</td>
 *       <td>keyed verifiers: subject key, per-credential birth date and name verifiers</td>
 *       <td>credential records, login step 6</td></tr>
 *   <tr><td>{@link tw.mobileauth.crypto.AeadKey}</td>
 *       <td>AES-256-GCM sealing of pending-enrolment PII, bound to the record id</td>
 *       <td>enrolment store records</td></tr>
 *   <tr><td>{@link tw.mobileauth.crypto.DevicePublicKey}, {@link tw.mobileauth.crypto.DeviceKey}</td>
 *       <td>the browser's P-256 key: strict SPKI parsing, P1363/DER signature checks; a Java
 *           stand-in for WebCrypto</td>
 *       <td>enrolment proof of possession, login step 5, tests</td></tr>
 *   <tr><td>{@link tw.mobileauth.crypto.SignedMessages}</td>
 *       <td>the one definition of the bytes a device signs</td>
 *       <td>server and browser JavaScript alike</td></tr>
 *   <tr><td>{@link tw.mobileauth.crypto.CryptoException}</td>
 *       <td>the closed, checked failure taxonomy</td><td>everything above</td></tr>
 * </table>
 *
 * <p>BouncyCastle is used through one unregistered provider instance passed explicitly to each
 * call; nothing here registers it in the global JCA provider list. All types are immutable and thread-safe.
 */
package tw.mobileauth.crypto;
