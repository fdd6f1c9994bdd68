package tw.mobileauth.crypto;

import java.util.Objects;

/**
 * The exact bytes a device key signs. This class is the one definition; the browser's JavaScript
 * must build the same bytes.
 *
 * <h2>Layout</h2>
 * <pre>
 * message = tag ‖ 0x00 ‖ field ‖ field ‖ field
 * field   = length ‖ bytes       length: 4 bytes, unsigned, big-endian
 * tag     = ASCII, no NUL
 * </pre>
 * Every variable part carries its length, so no two different inputs give the same message, and
 * the tag keeps an enrolment signature from ever passing as a login signature or the reverse.
 * Strings are UTF-8 (what {@code TextEncoder} produces); the values used in practice are ASCII.
 *
 * <table>
 *   <caption>Messages</caption>
 *   <tr><th>message</th><th>tag</th><th>field 1</th><th>field 2</th><th>field 3</th></tr>
 *   <tr><td>{@link #enrollment enrolment} proof of possession</td><td>{@value #ENROLLMENT_TAG}</td>
 *       <td>the enrolment challenge (16–64 bytes from the server)</td>
 *       <td>the device key's SPKI (the bytes sent as the public key)</td>
 *       <td>the origin, e.g. {@code https://portal.example.tw}</td></tr>
 *   <tr><td>{@link #login login}</td><td>{@value #LOGIN_TAG}</td>
 *       <td>the login nonce (exactly 32 bytes)</td>
 *       <td>the credential id, e.g. {@code mat_…}</td>
 *       <td>the origin</td></tr>
 * </table>
 *
 * <p>The origin is {@code window.location.origin}: scheme, host and the port only when it is not
 * the default, no trailing slash. The server uses its configured origin, never one sent by the
 * client, so a signature made on a look-alike site does not verify.
 *
 * <h2>Example</h2>
 * Login with nonce {@code 00 01 02 … 1f}, credential id {@code mat_AAAAAAAAAAAAAAAAAAAAAA} and
 * origin {@code https://portal.example.tw} is these 118 bytes (hex):
 * <pre>
 * 6d6f62696c65617574682d74772f6c6f67696e2f7631 00      "mobileauth-tw/login/v1" ‖ 0x00
 * 00000020 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
 * 0000001a 6d61745f41414141414141414141414141414141414141414141     "mat_AAAA…"
 * 00000019 68747470733a2f2f706f7274616c2e6578616d706c652e7477       "https://portal.example.tw"
 * </pre>
 *
 * <h2>JavaScript</h2>
 * <pre>{@code
 * const utf8 = new TextEncoder();
 * function message(tag, ...fields) {
 *   const parts = [utf8.encode(tag), new Uint8Array([0])];
 *   for (const f of fields) {
 *     const len = new Uint8Array(4);
 *     new DataView(len.buffer).setUint32(0, f.length);   // big-endian
 *     parts.push(len, f);
 *   }
 *   const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
 *   let at = 0;
 *   for (const p of parts) { out.set(p, at); at += p.length; }
 *   return out;
 * }
 * // enrolment: spki = new Uint8Array(await crypto.subtle.exportKey("spki", keyPair.publicKey))
 * const enrol = message("mobileauth-tw/enrol/v1", challenge, spki, utf8.encode(location.origin));
 * // login: nonce is the 32 bytes from beginLogin
 * const login = message("mobileauth-tw/login/v1", nonce, utf8.encode(credentialId), utf8.encode(location.origin));
 * const signature = new Uint8Array(await crypto.subtle.sign(
 *     {name: "ECDSA", hash: "SHA-256"}, keyPair.privateKey, login));   // 64 bytes, P1363
 * }</pre>
 * {@link DevicePublicKey#verify(byte[], byte[])} accepts that 64-byte signature as it is.
 *
 * <p>Arguments are never {@code null} ({@code NullPointerException}); parse the credential id
 * from the request before building the message. Wrong nonce or challenge lengths are server bugs
 * and raise {@code IllegalArgumentException}.
 */
public final class SignedMessages {

    /** Domain tag of the enrolment proof of possession: {@value}. */
    public static final String ENROLLMENT_TAG = "mobileauth-tw/enrol/v1";
    /** Domain tag of the login signature: {@value}. */
    public static final String LOGIN_TAG = "mobileauth-tw/login/v1";
    /** Length of a login nonce: {@value} bytes. */
    public static final int LOGIN_NONCE_BYTES = 32;
    /** Shortest enrolment challenge: {@value} bytes (128 bits). */
    public static final int MIN_ENROLLMENT_CHALLENGE_BYTES = 16;
    /** Longest enrolment challenge: {@value} bytes. */
    public static final int MAX_ENROLLMENT_CHALLENGE_BYTES = 64;

    static {
        Framing.checkTag(ENROLLMENT_TAG);
        Framing.checkTag(LOGIN_TAG);
    }

    private SignedMessages() {
    }

    /**
     * {@return the bytes the applying browser signs to prove it holds the device key it submits:
     * {@code "mobileauth-tw/enrol/v1" ‖ 0x00 ‖ field(challenge) ‖ field(spki) ‖ field(UTF-8(origin))}}
     *
     * @param challenge  the server's single-use enrolment challenge, 16–64 bytes
     * @param deviceSpki the submitted device public key, DER SPKI ({@link DevicePublicKey#spki()})
     * @param origin     the portal's configured origin, e.g. {@code https://portal.example.tw}
     * @throws IllegalArgumentException if the challenge length is outside 16–64 bytes (a server bug)
     */
    public static byte[] enrollment(byte[] challenge, byte[] deviceSpki, String origin) {
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(deviceSpki, "deviceSpki");
        Objects.requireNonNull(origin, "origin");
        if (challenge.length < MIN_ENROLLMENT_CHALLENGE_BYTES || challenge.length > MAX_ENROLLMENT_CHALLENGE_BYTES) {
            throw new IllegalArgumentException("enrolment challenge must be " + MIN_ENROLLMENT_CHALLENGE_BYTES + "–"
                    + MAX_ENROLLMENT_CHALLENGE_BYTES + " bytes, was " + challenge.length);
        }
        return Framing.frame(ENROLLMENT_TAG, challenge, deviceSpki, Framing.utf8(origin));
    }

    /**
     * {@return the bytes the enrolled browser signs to log in:
     * {@code "mobileauth-tw/login/v1" ‖ 0x00 ‖ field(nonce) ‖ field(UTF-8(credentialId)) ‖ field(UTF-8(origin))}}
     *
     * @param nonce        the 32-byte nonce of the login challenge
     * @param credentialId the credential id the attempt names, as sent
     * @param origin       the portal's configured origin
     * @throws IllegalArgumentException if the nonce is not 32 bytes (a server bug)
     */
    public static byte[] login(byte[] nonce, String credentialId, String origin) {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(origin, "origin");
        if (nonce.length != LOGIN_NONCE_BYTES) {
            throw new IllegalArgumentException("login nonce must be " + LOGIN_NONCE_BYTES + " bytes, was " + nonce.length);
        }
        return Framing.frame(LOGIN_TAG, nonce, Framing.utf8(credentialId), Framing.utf8(origin));
    }
}
