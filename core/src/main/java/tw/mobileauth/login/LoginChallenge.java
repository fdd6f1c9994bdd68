package tw.mobileauth.login;

import java.time.Instant;
import java.util.Base64;
import tw.mobileauth.crypto.SignedMessages;

/**
 * A login challenge from {@link LoginService#beginLogin}: send {@link #id()} and
 * {@link #nonceBase64Url()} to the browser, which signs
 * {@link SignedMessages#login(byte[], String, String) SignedMessages.login(nonce, credentialId, origin)}
 * with its device key and sends the signature back with the four fields.
 *
 * <p>Single use: {@link LoginService#finishLogin} consumes it whatever the outcome. It dies at
 * {@link #expiresAt()} (by default 2 minutes after it was issued). The id has 128 random bits,
 * the nonce 256. Immutable; the nonce is copied on the way out.
 */
public final class LoginChallenge {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final String id;
    private final byte[] nonce;
    private final Instant expiresAt;

    LoginChallenge(String id, byte[] nonce, Instant expiresAt) {
        this.id = id;
        this.nonce = nonce.clone();
        this.expiresAt = expiresAt;
    }

    /**
     * {@return the challenge id, 22 characters of base64url; send it back in {@link LoginAttempt.Builder#challengeId}}
     */
    public String id() {
        return id;
    }

    /** {@return a copy of the 32-byte nonce the device signs} */
    public byte[] nonce() {
        return nonce.clone();
    }

    /** {@return the nonce as unpadded base64url (43 characters), for the browser} */
    public String nonceBase64Url() {
        return B64URL.encodeToString(nonce);
    }

    /** {@return from this instant on the challenge is dead} */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** {@code LoginChallenge[id=…, expiresAt=…]}; the nonce is not shown. */
    @Override
    public String toString() {
        return "LoginChallenge[id=" + id + ", expiresAt=" + expiresAt + "]";
    }
}
