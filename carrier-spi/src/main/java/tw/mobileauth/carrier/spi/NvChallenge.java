package tw.mobileauth.carrier.spi;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A started number verification. Core keeps it server-side (in its enrolment store) between
 * {@link CarrierAdapter#startNumberVerification} and {@link CarrierAdapter#completeNumberVerification};
 * only {@link #authorizeUri()} ever reaches the phone.
 *
 * @param authorizeUri  the carrier URL the phone opens over mobile data
 * @param state         the OAuth {@code state}, at least 128 random bits
 * @param nonce         the OIDC {@code nonce}
 * @param codeVerifierSecret the PKCE code verifier: a secret that proves to the token endpoint that
 *                      this server started the verification; kept server-side only, never sent to
 *                      the phone or logged, hidden from {@link #toString()}
 * @param msisdn        the number being verified
 * @param redirectUri   the redirect URI the exchange must repeat
 * @param expiresAt     after this the challenge is dead
 */
public record NvChallenge(URI authorizeUri, String state, String nonce, String codeVerifierSecret, Msisdn msisdn,
        URI redirectUri, Instant expiresAt) {

    /**
     * Checks the components; none may be null.
     *
     * @param authorizeUri the authorize uri
     * @param state the state value
     * @param nonce the nonce value
     * @param codeVerifierSecret the code verifier secret
     * @param msisdn the subscriber's number, E.164
     * @param redirectUri the redirect uri
     * @param expiresAt when it expires
     */
    public NvChallenge {
        Objects.requireNonNull(authorizeUri, "authorizeUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(codeVerifierSecret, "codeVerifierSecret");
        Objects.requireNonNull(msisdn, "msisdn");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "NvChallenge[msisdn=" + msisdn + ", expiresAt=" + expiresAt + ", secrets hidden]";
    }
}
