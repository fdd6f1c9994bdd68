package tw.mobileauth.crypto;

/**
 * A cryptographic operation in this package refused its input or could not run. The taxonomy is
 * closed: switch over the permitted subclasses, never parse a message. Messages name what was
 * wrong and what to do, and never contain secret material, a password hash or PII.
 *
 * <table>
 *   <caption>Taxonomy</caption>
 *   <tr><th>type</th><th>thrown by</th><th>whose fault</th><th>what the caller does</th></tr>
 *   <tr><td>{@link HasherBusy}</td><td>{@link PasswordHasher}</td><td>load</td>
 *       <td>answer "busy, try again shortly" (HTTP 503); do not count it as a failed login</td></tr>
 *   <tr><td>{@link MalformedPasswordHash}</td><td>{@link PasswordHasher}</td><td>ours (corrupt store)</td>
 *       <td>fail the login generically, alert the operator</td></tr>
 *   <tr><td>{@link InvalidDeviceKey}</td><td>{@link DevicePublicKey#fromSpki(byte[])}</td><td>the caller's</td>
 *       <td>reject the enrolment as invalid input</td></tr>
 *   <tr><td>{@link DecryptionFailed}</td><td>{@link AeadKey#decrypt(String, String)}</td><td>tampering, wrong key or record</td>
 *       <td>treat the record as lost; alert</td></tr>
 * </table>
 *
 * <p>A custom {@link PasswordHasher} raises {@link HasherBusy} and {@link MalformedPasswordHash}
 * itself: their constructors are public. The other two are the SDK's own.
 */
public abstract sealed class CryptoException extends Exception
        permits CryptoException.HasherBusy, CryptoException.MalformedPasswordHash,
        CryptoException.InvalidDeviceKey, CryptoException.DecryptionFailed {

    private static final long serialVersionUID = 1L;

    CryptoException(String message) {
        super(message);
    }

    CryptoException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Every password-hashing permit stayed taken for the whole configured wait. The hash was not
     * computed. This is load, not a wrong password.
     */
    public static final class HasherBusy extends CryptoException {
        private static final long serialVersionUID = 1L;

        /**
         * A busy hasher, for a custom {@link PasswordHasher}.
         *
         * @param message what was busy and for how long, never a password or hash
         */
        public HasherBusy(String message) {
            super(message);
        }
    }

    /**
     * A stored password hash is not a PHC string this hasher accepts: wrong algorithm or version,
     * parameters out of range, or bad Base64. The string itself is never put in the message.
     */
    public static final class MalformedPasswordHash extends CryptoException {
        private static final long serialVersionUID = 1L;

        /**
         * A stored hash this hasher cannot read, for a custom {@link PasswordHasher}.
         *
         * @param message what is wrong with it (algorithm, version, a parameter), never the string itself
         */
        public MalformedPasswordHash(String message) {
            super(message);
        }
    }

    /**
     * Bytes offered as a device public key are not a DER SubjectPublicKeyInfo for an ECDSA key on
     * the named curve P-256 (secp256r1) with an uncompressed point on the curve.
     */
    public static final class InvalidDeviceKey extends CryptoException {
        private static final long serialVersionUID = 1L;

        InvalidDeviceKey(String message) {
            super(message);
        }

        InvalidDeviceKey(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Sealed data could not be opened: it is not in the {@code v1.<nonce>.<ciphertext>} format, or
     * its authentication tag does not match (tampered, wrong key, or a different record id).
     */
    public static final class DecryptionFailed extends CryptoException {
        private static final long serialVersionUID = 1L;

        DecryptionFailed(String message) {
            super(message);
        }
    }
}
