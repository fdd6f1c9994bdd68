package tw.mobileauth.carrier.camara;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import tw.mobileauth.carrier.camara.internal.ClientAssertion;
import tw.mobileauth.carrier.camara.internal.FormEncoding;
import tw.mobileauth.carrier.camara.internal.Json;
import tw.mobileauth.carrier.camara.internal.RandomTokens;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.CarrierException;

/**
 * The discovered {@code token_endpoint} with {@code private_key_jwt}: client-credentials tokens
 * (2-legged) and the authorization-code exchange (3-legged, with the PKCE verifier). The client
 * assertion's {@code aud} is that URL. One attempt each; the caller decides about retries (never
 * for the code exchange).
 */
final class TokenEndpoint {

    private static final String FORM = "application/x-www-form-urlencoded";
    /** Refresh a cached token this long before it expires, at most; less for short-lived tokens. */
    private static final Duration REFRESH_MARGIN = Duration.ofSeconds(30);

    /** What a code exchange returned. {@link #toString()} hides the tokens. */
    record Grant(AccessToken accessToken, Optional<String> idToken) {
        @Override
        public String toString() {
            return "Grant[tokens hidden]";
        }
    }

    private final CarrierConfig config;
    private final Transport transport;
    private final ErrorMapping errors;
    private final RandomTokens random;
    private final Discovery discovery;
    /** The configured client key, converted once for the BouncyCastle signer. */
    private final PrivateKey signingKey;

    TokenEndpoint(CarrierConfig config, Transport transport, ErrorMapping errors, RandomTokens random,
            Discovery discovery) {
        this.config = config;
        this.transport = transport;
        this.errors = errors;
        this.random = random;
        this.discovery = discovery;
        this.signingKey = ClientAssertion.forSigning(config.clientSigningKey().orElseThrow());
    }

    /** A client-credentials token for {@code scope}. */
    AccessToken clientCredentials(CallContext ctx, String scope) throws CarrierException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("scope", scope);
        return post(ctx, form).accessToken();
    }

    /** Exchanges an authorization code. Not idempotent: never retried. */
    Grant exchangeCode(CallContext ctx, String code, URI redirectUri, String codeVerifier) throws CarrierException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("code_verifier", codeVerifier);
        return post(ctx, form);
    }

    private Grant post(CallContext ctx, Map<String, String> form) throws CarrierException {
        URI tokenUrl = discovery.current(ctx).tokenEndpoint();
        Instant now = transport.clock().instant();
        form.put("client_id", config.clientId());
        form.put("client_assertion_type", ClientAssertion.TYPE);
        form.put("client_assertion", ClientAssertion.sign(signingKey,
                config.signingKeyId(), config.clientId(), tokenUrl, now, random.next()));
        Transport.Response r = transport.send(ctx, Transport.Outgoing.post(tokenUrl, "token_endpoint "
                + tokenUrl.getRawPath(), FORM, FormEncoding.encode(form).getBytes(StandardCharsets.US_ASCII),
                Optional.empty()));
        if (!r.isSuccess()) {
            throw errors.tokenError(r);
        }
        JsonReply reply = Json.parse(r.body()).filter(n -> n.isObject())
                .map(n -> new JsonReply(transport.carrierId(), r.status(), r.correlator(), n, Optional.empty()))
                .orElseThrow(() -> errors.protocol(r, "MALFORMED_RESPONSE", "the token answer is not a JSON object"));
        String accessToken = reply.text("access_token");
        String type = reply.text("token_type");
        if (!type.equalsIgnoreCase("Bearer") || accessToken.isBlank()) {
            throw reply.violation("expected a non-empty Bearer access_token, got token_type " + type);
        }
        OptionalInt expiresIn = reply.optionalInt("expires_in");
        Duration lifetime = Duration.ofSeconds(Math.max(0, expiresIn.orElse(300)));
        Duration margin = lifetime.dividedBy(10).compareTo(REFRESH_MARGIN) < 0 ? lifetime.dividedBy(10) : REFRESH_MARGIN;
        return new Grant(new AccessToken(accessToken, now.plus(lifetime).minus(margin)), reply.optionalText("id_token"));
    }
}
