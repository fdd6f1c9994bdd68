package tw.mobileauth.carrier.camara;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tw.mobileauth.carrier.camara.internal.BouncyCastle;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.CarrierException.Origin;

/**
 * Checks the ID token of a code exchange, as OpenID Connect Core 1.0 §3.1.3.7 lists, with Nimbus
 * JOSE+JWT. Each step refuses with its own {@link CarrierException.ProtocolViolation} code:
 *
 * <ol>
 *   <li>present ({@code MISSING_ID_TOKEN}) and a JWT ({@code MALFORMED_ID_TOKEN});</li>
 *   <li>signed: an unsecured token ({@code alg: none}) is refused ({@code UNSIGNED_ID_TOKEN}),
 *       whatever the configuration; there is no "signature optional" mode;</li>
 *   <li>{@code alg} is {@code ES256} or {@code RS256} ({@code ID_TOKEN_ALGORITHM});</li>
 *   <li>a key of the carrier's matches the header ({@code kid}, type, algorithm): from
 *       {@link IdTokenKeys}, which refreshes once on an unknown {@code kid}
 *       ({@code ID_TOKEN_KEY_UNKNOWN});</li>
 *   <li>the signature verifies under it ({@code ID_TOKEN_SIGNATURE});</li>
 *   <li>{@code iss} is the discovered issuer ({@code ISSUER_MISMATCH});</li>
 *   <li>{@code aud} contains our client id, and {@code azp}, when present, is it
 *       ({@code AUDIENCE_MISMATCH});</li>
 *   <li>{@code exp} is present and not past, with {@value #LEEWAY_SECONDS} s leeway
 *       ({@code ID_TOKEN_EXPIRED});</li>
 *   <li>{@code nonce} is this verification's, compared in constant time ({@code NONCE_MISMATCH}).</li>
 * </ol>
 * Signatures are checked on the explicit, never registered {@link BouncyCastle} provider
 * instance (Nimbus's JCA context), about ten times faster than SunEC for ES256, under each key
 * translated once to BouncyCastle's own ({@link IdTokenVerifierFactory}), about three times
 * faster again.
 * Returns the token's {@code amr}. Fetching keys can fail like any carrier call; that
 * {@link CarrierException} is thrown as it is.
 */
final class IdTokenVerifier {

    static final long LEEWAY_SECONDS = 60;
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);

    private final String carrierId;
    private final String clientId;
    private final IdTokenKeys keys;
    private final Clock clock;
    private final IdTokenVerifierFactory verifiers = new IdTokenVerifierFactory();

    IdTokenVerifier(String carrierId, String clientId, IdTokenKeys keys, Clock clock) {
        this.carrierId = carrierId;
        this.clientId = clientId;
        this.keys = keys;
        this.clock = clock;
    }

    /** A refusal inside the Nimbus claims check, with our code. */
    private static final class Refused extends BadJWTException {
        private static final long serialVersionUID = 1L;
        final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    List<String> verify(CallContext ctx, Optional<String> idToken, String issuer, String nonce)
            throws CarrierException {
        // 1. Present and a JWT.
        if (idToken.isEmpty()) {
            throw violation(ctx, "MISSING_ID_TOKEN", "the token answer has no id_token although the scope has"
                    + " openid; without it the answer is not bound to this verification's nonce");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(idToken.get());
        } catch (ParseException e) {
            throw violation(ctx, "MALFORMED_ID_TOKEN", "the id_token is not a JWT");
        }
        // 2. Signed: never an unsecured JWT.
        if (jwt instanceof PlainJWT) {
            throw violation(ctx, "UNSIGNED_ID_TOKEN", "the id_token is unsigned (alg none); a carrier's ID token is"
                    + " always signed, so this one is forged or the carrier is misconfigured");
        }
        if (!(jwt instanceof SignedJWT)) {
            throw violation(ctx, "MALFORMED_ID_TOKEN", "the id_token is encrypted, which the profile does not use");
        }
        SignedJWT signed = (SignedJWT) jwt;
        JWSHeader header = signed.getHeader();
        // 3. An algorithm we accept.
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw violation(ctx, "ID_TOKEN_ALGORITHM", "the id_token is signed " + header.getAlgorithm()
                    + ", not ES256 or RS256");
        }
        IdTokenKeys.Call call = new IdTokenKeys.Call(ctx);
        // 4. A key of the carrier's for this header (kid), refreshing once on a miss.
        try {
            if (keys.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), call).isEmpty()) {
                throw violation(ctx, "ID_TOKEN_KEY_UNKNOWN", "the id_token names key '" + header.getKeyID()
                        + "', which the carrier does not publish even after a refresh; a forged token, or the"
                        + " carrier's JWK set is not yet updated");
            }
        } catch (KeySourceException e) {
            throw carrierFailure(ctx, e);
        }
        // 5-9. Signature, then the claims, with Nimbus's processor over the same keys.
        DefaultJWTProcessor<IdTokenKeys.Call> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWSVerifierFactory(verifiers);
        processor.setJWTClaimsSetVerifier(claimsVerifier(issuer, nonce));
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, call);
        } catch (Refused e) {
            throw violation(ctx, e.code, e.getMessage());
        } catch (BadJWSException e) {
            throw violation(ctx, "ID_TOKEN_SIGNATURE", "the id_token's signature does not verify under the carrier's"
                    + " key '" + header.getKeyID() + "'; a forged or altered token");
        } catch (BadJOSEException e) {
            throw violation(ctx, "MALFORMED_ID_TOKEN", "the id_token was refused: " + e.getMessage());
        } catch (KeySourceException e) {
            throw carrierFailure(ctx, e);
        } catch (JOSEException e) {
            throw violation(ctx, "ID_TOKEN_SIGNATURE", "the id_token's signature cannot be checked with the carrier's"
                    + " key (" + e.getClass().getSimpleName() + ")");
        }
        try {
            List<String> amr = claims.getStringListClaim("amr");
            return amr == null ? List.of() : List.copyOf(amr);
        } catch (ParseException e) {
            throw violation(ctx, "MALFORMED_ID_TOKEN", "the id_token's amr is not a list of strings");
        }
    }

    /** Steps 6-9, in that order. */
    private JWTClaimsSetVerifier<IdTokenKeys.Call> claimsVerifier(String issuer, String nonce) {
        return (claims, call) -> {
            if (!issuer.equals(claims.getIssuer())) {
                throw new Refused("ISSUER_MISMATCH", "the id_token's iss is not the carrier's issuer " + issuer
                        + " (OpenID Connect Core §3.1.3.7); a token from another issuer");
            }
            List<String> aud = claims.getAudience();
            Object azp = claims.getClaim("azp");
            if (aud == null || !aud.contains(clientId) || (azp != null && !clientId.equals(azp))) {
                throw new Refused("AUDIENCE_MISMATCH", "the id_token was issued to another client");
            }
            Date exp = claims.getExpirationTime();
            if (exp == null) {
                throw new Refused("MALFORMED_ID_TOKEN", "the id_token has no exp");
            }
            Instant now = clock.instant();
            if (exp.toInstant().isBefore(now.minus(Duration.ofSeconds(LEEWAY_SECONDS)))) {
                throw new Refused("ID_TOKEN_EXPIRED", "the id_token expired");
            }
            Object got = claims.getClaim("nonce");
            if (!(got instanceof String) || !MessageDigest.isEqual(((String) got).getBytes(StandardCharsets.UTF_8),
                    nonce.getBytes(StandardCharsets.UTF_8))) {
                throw new Refused("NONCE_MISMATCH", "the id_token's nonce is not this verification's");
            }
        };
    }

    private CarrierException carrierFailure(CallContext ctx, KeySourceException e) {
        if (e.getCause() instanceof CarrierException) {
            return (CarrierException) e.getCause();
        }
        return violation(ctx, "ID_TOKEN_KEY_UNKNOWN", "the carrier's ID-token keys could not be read");
    }

    private CarrierException.ProtocolViolation violation(CallContext ctx, String code, String message) {
        return new CarrierException.ProtocolViolation(Origin.transport(carrierId, code, ctx.correlator()),
                message + "; do not use the token, alert the operator", null);
    }
}
