package tw.mobileauth.registry.nhi;

import java.time.Duration;
import java.util.Map;
import tw.mobileauth.registry.spi.CardCheck;

/** The constants of the reference wire profile (docs/registry-nhi-profile.md). */
final class NhiProfile {

    static final String REGISTRY_ID = "nhi";
    /** The one endpoint, below the base URI. */
    static final String CARD_CHECKS_PATH = "/nhi/v1/card-checks";
    static final String CORRELATOR_HEADER = "x-correlator";
    /** {@code Authorization: NHI-Signature <compact JWS>}. */
    static final String AUTH_SCHEME = "NHI-Signature";
    /** The JWS {@code typ} header of a request signature. */
    static final String SIGNATURE_TYPE = "nhi-request+jws";
    /** A signature is valid from {@code iat} to {@code exp = iat + 60 s}. */
    static final Duration SIGNATURE_LIFETIME = Duration.ofSeconds(60);
    /** The longest answer read into memory: 16 KiB, far above any answer of the profile. */
    static final int MAX_ANSWER_BYTES = 16 * 1024;
    static final String JSON = "application/json";

    /** The {@code result} values of a 200 answer. */
    static final Map<String, CardCheck> RESULTS = Map.of(
            "MATCH", CardCheck.MATCH,
            "NO_MATCH", CardCheck.NO_MATCH,
            "CARD_REPORTED_LOST", CardCheck.CARD_REPORTED_LOST,
            "CARD_REPLACED", CardCheck.CARD_REPLACED);

    private NhiProfile() {
    }
}
