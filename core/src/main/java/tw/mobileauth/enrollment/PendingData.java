package tw.mobileauth.enrollment;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.NvChallenge;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.CryptoException;

/**
 * The personal data a pending enrolment needs later (ID, name, birth date, NHI number, phone)
 * and the carrier's number-verification challenge (its PKCE verifier is a secret). Exists in
 * plaintext only inside one request; at rest it is AES-GCM sealed with the pending-data key and
 * bound to the enrolment id.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
final class PendingData {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @JsonProperty("v") int version = 1;
    @JsonProperty("id") String nationalId;
    @JsonProperty("nm") String name;
    @JsonProperty("bd") String birthDate;
    @JsonProperty("nhi") String nhiCardNumber;
    @JsonProperty("ph") String phoneE164;
    @JsonProperty("nvu") String nvAuthorizeUri;
    @JsonProperty("nvs") String nvState;
    @JsonProperty("nvn") String nvNonce;
    @JsonProperty("nvv") String nvVerifier;
    @JsonProperty("nvr") String nvRedirectUri;
    @JsonProperty("nvx") String nvExpiresAt;

    String seal(AeadKey key, String enrollmentId) {
        byte[] plain;
        try {
            plain = JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return key.encrypt(plain, enrollmentId);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    static PendingData open(AeadKey key, String sealed, String enrollmentId) {
        byte[] plain;
        try {
            plain = key.decrypt(sealed, enrollmentId);
        } catch (CryptoException.DecryptionFailed e) {
            throw new IllegalStateException("the pending data of enrolment " + enrollmentId
                    + " does not decrypt: wrong pending-data key or tampered store", e);
        }
        try {
            return JSON.readValue(plain, PendingData.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable pending data", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    void challenge(NvChallenge c) {
        nvAuthorizeUri = c.authorizeUri().toString();
        nvState = c.state();
        nvNonce = c.nonce();
        nvVerifier = c.codeVerifierSecret();
        nvRedirectUri = c.redirectUri().toString();
        nvExpiresAt = c.expiresAt().toString();
    }

    NvChallenge challenge() {
        return new NvChallenge(URI.create(nvAuthorizeUri), nvState, nvNonce, nvVerifier, Msisdn.of(phoneE164),
                URI.create(nvRedirectUri), Instant.parse(nvExpiresAt));
    }

    boolean hasChallenge() {
        return nvState != null;
    }

    void forgetChallenge() {
        nvAuthorizeUri = null;
        nvState = null;
        nvNonce = null;
        nvVerifier = null;
        nvRedirectUri = null;
        nvExpiresAt = null;
    }
}
