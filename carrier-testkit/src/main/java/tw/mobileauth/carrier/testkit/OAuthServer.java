package tw.mobileauth.carrier.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tw.mobileauth.carrier.spi.Msisdn;

/**
 * The OAuth 2.0 / OIDC side of a fake carrier: the authorize leg (network-based: the device's
 * attachment decides), the token endpoint ({@code private_key_jwt} only; authorization code with
 * PKCE S256, and client credentials), and the bearer-token check of every API call.
 *
 * <p>Rules: codes live {@value #CODE_LIFETIME_SECONDS} s and are single use (a second redemption
 * revokes the tokens issued from the first); tokens live {@value #TOKEN_LIFETIME_SECONDS} s; a
 * 3-legged token may call each of verify, roaming status and network type once.
 *
 * <p>A code exchange whose scope has {@code openid} also answers an {@code id_token}: an ES256
 * JWS signed with the carrier's current ID-token key (its {@code kid} in the header), with
 * {@code iss} = the carrier's issuer (its base URI, or its authorization server's when that runs
 * on a port of its own),
 * {@code sub} (pairwise, opaque), {@code aud} = the client id, the authorize request's
 * {@code nonce}, {@code iat}, {@code exp} (= the access token's) and {@code amr} = {@code ["network"]}.
 *
 * <p>Each carrier also serves its OpenID Connect discovery document
 * ({@code /.well-known/openid-configuration}: {@code issuer}, {@code authorization_endpoint},
 * {@code token_endpoint}, {@code jwks_uri}) and its JWK set ({@code /oauth2/jwks?generation=N}).
 * {@link #rotate(String, boolean)} adds a new key with a new {@code kid}, either to the same JWK
 * set or to a new one at a new {@code jwks_uri} (the old one then answers 404).
 */
final class OAuthServer {

    static final long CODE_LIFETIME_SECONDS = 60;
    static final long TOKEN_LIFETIME_SECONDS = 300;
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final Set<String> THREE_LEGGED_SCOPES = Set.of("openid", Endpoint.NUMBER_VERIFY.scope(),
            Endpoint.ROAMING_STATUS.scope(), Endpoint.NETWORK_TYPE.scope());
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final Pattern LOGIN_HINT = Pattern.compile("tel:\\+[1-9][0-9]{4,14}");

    private final Clock clock;
    private final NetworkAttachments attachments;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ClientAssertions.Client> clients = new ConcurrentHashMap<>();
    private final ClientAssertions assertions;
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

    /** An authorization code and everything it is bound to. */
    private static final class IssuedCode {
        final String carrierId;
        final String clientId;
        final String redirectUri;
        final String challenge;
        final String nonce;
        final Set<String> scopes;
        final String handle;
        final Msisdn number;
        final Access access;
        final Instant expiresAt;
        final AtomicBoolean redeemed = new AtomicBoolean();
        final List<String> issuedTokens = Collections.synchronizedList(new ArrayList<>());

        IssuedCode(String carrierId, String clientId, String redirectUri, String challenge, String nonce,
                Set<String> scopes, String handle, Msisdn number, Access access, Instant expiresAt) {
            this.carrierId = carrierId;
            this.clientId = clientId;
            this.redirectUri = redirectUri;
            this.challenge = challenge;
            this.nonce = nonce;
            this.scopes = scopes;
            this.handle = handle;
            this.number = number;
            this.access = access;
            this.expiresAt = expiresAt;
        }
    }

    /** An issued access token. */
    static final class AccessToken {
        final String carrierId;
        final String clientId;
        final boolean threeLegged;
        final Set<String> scopes;
        final Instant expiresAt;
        final String handle;
        final Msisdn number;
        final Access accessAtAuthorize;
        private final Set<Endpoint> used = EnumSet.noneOf(Endpoint.class);
        volatile boolean revoked;

        AccessToken(String carrierId, String clientId, boolean threeLegged, Set<String> scopes, Instant expiresAt,
                String handle, Msisdn number, Access accessAtAuthorize) {
            this.carrierId = carrierId;
            this.clientId = clientId;
            this.threeLegged = threeLegged;
            this.scopes = scopes;
            this.expiresAt = expiresAt;
            this.handle = handle;
            this.number = number;
            this.accessAtAuthorize = accessAtAuthorize;
        }

        synchronized boolean markUsed(Endpoint endpoint) {
            return used.add(endpoint);
        }
    }

    private final Function<String, URI> issuers;
    private final Map<String, IdTokenKeyRing> keyRings = new ConcurrentHashMap<>();

    /** @param issuers each carrier's issuer, the {@code iss} of its ID tokens and the base of its OAuth endpoints */
    OAuthServer(Clock clock, NetworkAttachments attachments, Function<String, URI> issuers) {
        this.clock = clock;
        this.attachments = attachments;
        this.issuers = issuers;
        for (String id : Profiles.IDS) {
            keyRings.put(id, new IdTokenKeyRing(id));
        }
        this.assertions = new ClientAssertions(clock,
                (carrier, clientId) -> Optional.ofNullable(clients.get(carrier + "/" + clientId)));
    }

    void register(String carrierId, String clientId, PublicKey key, Optional<String> kid) {
        clients.put(carrierId + "/" + clientId, new ClientAssertions.Client(carrierId, clientId, key, kid));
    }

    boolean isRegistered(String carrierId, String clientId) {
        return clients.containsKey(carrierId + "/" + clientId);
    }

    /** Forgets every code and token (clients and seen jtis stay). */
    void forgetGrants() {
        codes.clear();
        tokens.clear();
    }

    // ---------------------------------------------------------------- discovery and keys

    /** The public key {@code carrierId} signs ID tokens with now. */
    PublicKey currentIdTokenKey(String carrierId) {
        return keyRings.get(carrierId).current().getValue().getPublic();
    }

    /** A new ID-token key for {@code carrierId}; returns its kid. */
    String rotate(String carrierId, boolean newJwksUri) {
        return keyRings.get(carrierId).rotate(newJwksUri);
    }

    /** The OpenID Connect discovery document (OpenID Connect Discovery 1.0 §3). */
    Reply discovery(String carrierId) {
        String issuer = issuers.apply(carrierId).toString();
        ObjectNode n = Json.object();
        n.put("issuer", issuer);
        n.put("authorization_endpoint", issuer + Endpoint.AUTHORIZE.path());
        n.put("token_endpoint", issuer + Endpoint.TOKEN.path());
        n.put("jwks_uri", issuer + Endpoint.JWKS.path() + "?generation=" + keyRings.get(carrierId).generation());
        n.putArray("response_types_supported").add("code");
        n.putArray("subject_types_supported").add("pairwise");
        n.putArray("id_token_signing_alg_values_supported").add("ES256");
        n.putArray("token_endpoint_auth_methods_supported").add("private_key_jwt");
        n.putArray("token_endpoint_auth_signing_alg_values_supported").add("ES256");
        n.putArray("code_challenge_methods_supported").add("S256");
        return Reply.json(200, n).with("Cache-Control", "max-age=3600");
    }

    /** The JWK set (RFC 7517) of the generation the query names; an older generation's URI answers 404. */
    Reply jwks(String carrierId, String rawQuery) {
        IdTokenKeyRing ring = keyRings.get(carrierId);
        if (!rawQuery.equals("generation=" + ring.generation())) {
            return Reply.error(404, "NOT_FOUND", "No JWK set here; read jwks_uri from the discovery document");
        }
        return Reply.json(200, ring.jwks());
    }

    // ---------------------------------------------------------------- authorize

    /**
     * The authorize leg. Errors about the client or redirect URI are shown to the person (never
     * redirected); every other error redirects back with {@code error}. Without a device handle the
     * simulated-network page is shown.
     */
    Reply authorize(String carrierId, String rawQuery, Optional<String> handle, Optional<Fault> fault,
            SimulatorPage page) {
        Map<String, List<String>> params;
        try {
            params = Forms.parse(rawQuery);
        } catch (IllegalArgumentException e) {
            return SimulatorPage.refusal(400, "invalid_request", "the query string is not URL-encoded");
        }
        Optional<String> clientId = Forms.single(params, "client_id");
        if (clientId.isEmpty()) {
            return SimulatorPage.refusal(400, "invalid_request", "client_id is required");
        }
        if (!isRegistered(carrierId, clientId.get())) {
            return SimulatorPage.refusal(400, "invalid_client", "client_id is not registered at " + carrierId);
        }
        Optional<String> redirect = Forms.single(params, "redirect_uri").filter(OAuthServer::acceptableRedirect);
        if (redirect.isEmpty()) {
            return SimulatorPage.refusal(400, "invalid_request",
                    "redirect_uri must be an absolute http(s) URI without a fragment");
        }
        boolean tamper = fault.map(f -> f.kind() == Fault.Kind.INVALID_STATE).orElse(false);
        Optional<String> state = Forms.single(params, "state").map(s -> tamper ? randomToken(16) : s);
        Optional<String> problem = authorizeProblem(params);
        if (problem.isPresent()) {
            String error = problem.get().startsWith("scope") ? "invalid_scope" : problem.get().startsWith(
                    "response_type") ? "unsupported_response_type" : "invalid_request";
            return errorRedirect(redirect.get(), error, problem.get(), state);
        }
        if (fault.isPresent() && fault.get().kind() == Fault.Kind.OAUTH_ERROR) {
            return errorRedirect(redirect.get(), fault.get().code(), "simulated_fault", state);
        }
        if (handle.isEmpty()) {
            return page.render(carrierId, rawQuery, Forms.single(params, "login_hint"));
        }
        Optional<NetworkAttachments.Attachment> attachment = attachments.of(handle.get());
        if (attachment.isEmpty()
                || !attachments.carrierNetwork(attachment.get()).map(carrierId::equals).orElse(false)) {
            return errorRedirect(redirect.get(), "access_denied", "not_on_mobile_network", state);
        }
        String code = randomToken(32);
        Set<String> scopes = scopes(Forms.single(params, "scope").orElse(""));
        codes.put(code, new IssuedCode(carrierId, clientId.get(), redirect.get(),
                Forms.single(params, "code_challenge").orElse(""), Forms.single(params, "nonce").orElse(""), scopes,
                handle.get(),
                attachment.get().number(), attachment.get().access(),
                clock.instant().plusSeconds(CODE_LIFETIME_SECONDS)));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("code", code);
        q.put("state", state.orElse(""));
        return Reply.redirect(302, Forms.withQuery(redirect.get(), q));
    }

    private static Optional<String> authorizeProblem(Map<String, List<String>> params) {
        Optional<String> repeated = Forms.repeated(params);
        if (repeated.isPresent()) {
            return Optional.of("parameter " + repeated.get() + " is repeated");
        }
        if (!Forms.single(params, "response_type").orElse("").equals("code")) {
            return Optional.of("response_type must be code");
        }
        if (Forms.single(params, "state").isEmpty()) {
            return Optional.of("state is required");
        }
        if (Forms.single(params, "nonce").isEmpty()) {
            return Optional.of("nonce is required");
        }
        Set<String> scopes = scopes(Forms.single(params, "scope").orElse(""));
        if (!scopes.contains("openid") || !scopes.contains(Endpoint.NUMBER_VERIFY.scope())) {
            return Optional.of("scope must contain openid and number-verification:verify");
        }
        for (String s : scopes) {
            if (!THREE_LEGGED_SCOPES.contains(s) && !s.startsWith("dpv:")) {
                return Optional.of("scope " + s + " is not offered on the authorize leg");
            }
        }
        if (!CHALLENGE.matcher(Forms.single(params, "code_challenge").orElse("")).matches()) {
            return Optional.of("code_challenge must be the 43-character base64url S256 challenge");
        }
        if (!Forms.single(params, "code_challenge_method").orElse("").equals("S256")) {
            return Optional.of("code_challenge_method must be S256");
        }
        if (!Forms.single(params, "prompt").orElse("").equals("none")) {
            return Optional.of("prompt must be none (network-based authentication has no login page)");
        }
        Optional<String> hint = Forms.single(params, "login_hint");
        if (hint.isPresent() && !LOGIN_HINT.matcher(hint.get()).matches()) {
            return Optional.of("login_hint must be tel:+<E.164>");
        }
        return Optional.empty();
    }

    private static Reply errorRedirect(String redirectUri, String error, String description, Optional<String> state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("error", error);
        q.put("error_description", description);
        state.ifPresent(s -> q.put("state", s));
        return Reply.redirect(302, Forms.withQuery(redirectUri, q));
    }

    private static boolean acceptableRedirect(String uri) {
        try {
            URI u = new URI(uri);
            return u.isAbsolute() && u.getRawFragment() == null
                    && ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- token

    /**
     * The token endpoint. {@code audiences} are the URLs a client assertion may name as
     * {@code aud}; {@code idTokenFault} mints a bad ID token: another nonce, another issuer, no
     * signature ({@code alg: none}) or a key the carrier does not publish.
     */
    Reply token(String carrierId, String body, Set<String> audiences, Optional<Fault.Kind> idTokenFault) {
        try {
            Map<String, List<String>> form;
            try {
                form = Forms.parse(body);
            } catch (IllegalArgumentException e) {
                throw OAuthError.invalidRequest("the body must be application/x-www-form-urlencoded");
            }
            Optional<String> repeated = Forms.repeated(form);
            if (repeated.isPresent()) {
                throw OAuthError.invalidRequest("parameter " + repeated.get() + " is repeated");
            }
            if (!Forms.single(form, "client_assertion_type").orElse("").equals(ASSERTION_TYPE)) {
                throw OAuthError.invalidClient("client_assertion_type must be " + ASSERTION_TYPE);
            }
            String assertion = Forms.single(form, "client_assertion")
                    .orElseThrow(() -> OAuthError.invalidClient("client_assertion is required (private_key_jwt)"));
            ClientAssertions.Client client = assertions.verify(carrierId, assertion,
                    Forms.single(form, "client_id"), audiences);
            String grant = Forms.single(form, "grant_type")
                    .orElseThrow(() -> OAuthError.invalidRequest("grant_type is required"));
            switch (grant) {
                case "authorization_code":
                    return exchangeCode(carrierId, client, form, idTokenFault);
                case "client_credentials":
                    return clientCredentials(carrierId, client, form);
                default:
                    throw new OAuthError(400, "unsupported_grant_type", "grant_type " + grant + " is not supported");
            }
        } catch (OAuthError e) {
            return e.reply();
        }
    }

    private Reply exchangeCode(String carrierId, ClientAssertions.Client client, Map<String, List<String>> form,
            Optional<Fault.Kind> idTokenFault) {
        String codeValue = Forms.single(form, "code").orElseThrow(() -> OAuthError.invalidRequest("code is required"));
        String redirect = Forms.single(form, "redirect_uri")
                .orElseThrow(() -> OAuthError.invalidRequest("redirect_uri is required"));
        IssuedCode code = codes.get(codeValue);
        if (code == null || !code.carrierId.equals(carrierId)) {
            throw OAuthError.invalidGrant("unknown authorization code");
        }
        if (!code.redeemed.compareAndSet(false, true)) {
            code.issuedTokens.forEach(t -> Optional.ofNullable(tokens.get(t)).ifPresent(a -> a.revoked = true));
            throw OAuthError.invalidGrant("authorization code already used; tokens issued from it are revoked");
        }
        if (!clock.instant().isBefore(code.expiresAt)) {
            throw OAuthError.invalidGrant("authorization code expired (it lives " + CODE_LIFETIME_SECONDS + " s)");
        }
        if (!code.clientId.equals(client.clientId())) {
            throw OAuthError.invalidGrant("authorization code was issued to another client");
        }
        if (!code.redirectUri.equals(redirect)) {
            throw OAuthError.invalidGrant("redirect_uri differs from the authorize request's");
        }
        String verifier = Forms.single(form, "code_verifier").orElse("");
        if (!VERIFIER.matcher(verifier).matches()
                || !MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                        code.challenge.getBytes(StandardCharsets.US_ASCII))) {
            throw OAuthError.invalidGrant("PKCE verification failed: code_verifier does not match code_challenge");
        }
        Instant now = clock.instant();
        String token = issue(new AccessToken(carrierId, client.clientId(), true, code.scopes,
                now.plusSeconds(TOKEN_LIFETIME_SECONDS), code.handle, code.number, code.access));
        code.issuedTokens.add(token);
        Optional<String> idToken = code.scopes.contains("openid")
                ? Optional.of(idToken(code, idTokenFault, now)) : Optional.empty();
        return tokenReply(token, code.scopes, idToken);
    }

    /** The signed ID token of a code exchange, or the bad one a fault asks for. */
    private String idToken(IssuedCode code, Optional<Fault.Kind> fault, Instant now) {
        Fault.Kind bad = fault.orElse(Fault.Kind.STATUS);
        Map.Entry<String, KeyPair> key = bad == Fault.Kind.ID_TOKEN_UNKNOWN_KID
                ? Map.entry(code.carrierId + "-unpublished-" + randomToken(4), IdTokenKeyRing.newKey())
                : keyRings.get(code.carrierId).current();
        ObjectNode header = Json.object();
        header.put("alg", bad == Fault.Kind.ID_TOKEN_UNSIGNED ? "none" : "ES256");
        header.put("typ", "JWT");
        if (bad != Fault.Kind.ID_TOKEN_UNSIGNED) {
            header.put("kid", key.getKey());
        }
        ObjectNode claims = Json.object();
        claims.put("iss", bad == Fault.Kind.ID_TOKEN_WRONG_ISSUER ? "https://impostor.example.test"
                : issuers.apply(code.carrierId).toString());
        claims.put("sub", pairwiseSubject(code));
        claims.put("aud", code.clientId);
        claims.put("nonce", bad == Fault.Kind.WRONG_NONCE ? randomToken(16) : code.nonce);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(TOKEN_LIFETIME_SECONDS).getEpochSecond());
        claims.putArray("amr").add("network");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(Json.bytes(header)) + "." + b64.encodeToString(Json.bytes(claims));
        if (bad == Fault.Kind.ID_TOKEN_UNSIGNED) {
            return input + ".";
        }
        return input + "." + b64.encodeToString(IdTokenKeyRing.sign(key.getValue().getPrivate(), input));
    }

    /** An opaque subject per carrier, client and number: a client cannot learn the number from it. */
    private static String pairwiseSubject(IssuedCode code) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((code.carrierId + "\n" + code.clientId + "\n"
                    + code.number.e164()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private Reply clientCredentials(String carrierId, ClientAssertions.Client client, Map<String, List<String>> form) {
        Set<String> allowed = twoLeggedScopes(carrierId);
        Optional<String> requested = Forms.single(form, "scope");
        Set<String> granted = requested.isEmpty() ? allowed : scopes(requested.get());
        for (String s : granted) {
            if (!allowed.contains(s) && !s.startsWith("dpv:")) {
                throw new OAuthError(400, "invalid_scope", "scope " + s + " is not offered to client credentials at "
                        + carrierId + "; offered: " + String.join(" ", allowed));
            }
        }
        String token = issue(new AccessToken(carrierId, client.clientId(), false, granted,
                clock.instant().plusSeconds(TOKEN_LIFETIME_SECONDS), "", null, null));
        return tokenReply(token, granted);
    }

    /** The 2-legged scopes a carrier offers: one per API of its profile. */
    static Set<String> twoLeggedScopes(String carrierId) {
        return Arrays.stream(Endpoint.values())
                .filter(e -> e.servedBy(carrierId) && !e.scope().isEmpty() && !e.isThreeLegged())
                .map(Endpoint::scope).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private String issue(AccessToken token) {
        String value = randomToken(32);
        tokens.put(value, token);
        return value;
    }

    private static Reply tokenReply(String token, Set<String> scopes) {
        return tokenReply(token, scopes, Optional.empty());
    }

    private static Reply tokenReply(String token, Set<String> scopes, Optional<String> idToken) {
        ObjectNode n = Json.object();
        n.put("access_token", token);
        n.put("token_type", "Bearer");
        n.put("expires_in", TOKEN_LIFETIME_SECONDS);
        n.put("scope", String.join(" ", scopes));
        idToken.ifPresent(t -> n.put("id_token", t));
        return Reply.json(200, n).with("Cache-Control", "no-store").with("Pragma", "no-cache");
    }

    // ---------------------------------------------------------------- bearer check

    /**
     * Checks the bearer token of an API call: 401 {@code UNAUTHENTICATED} when missing, unknown,
     * revoked, expired or (3-legged) already used for this API; 403 {@code PERMISSION_DENIED}
     * when its scope does not cover the endpoint.
     */
    AccessToken authenticate(String carrierId, Endpoint endpoint, Optional<String> authorization) {
        String header = authorization.orElse("");
        if (header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(401, "UNAUTHENTICATED", "An access token is required: Authorization: Bearer <token>");
        }
        AccessToken token = tokens.get(header.substring(7).trim());
        if (token == null || token.revoked || !token.carrierId.equals(carrierId)) {
            throw new ApiError(401, "UNAUTHENTICATED", "The access token is unknown or revoked");
        }
        if (!clock.instant().isBefore(token.expiresAt)) {
            throw new ApiError(401, "UNAUTHENTICATED", "The access token expired");
        }
        if (!token.scopes.contains(endpoint.scope())) {
            throw new ApiError(403, "PERMISSION_DENIED", "The access token lacks scope " + endpoint.scope());
        }
        if (endpoint.isThreeLegged() && !token.markUsed(endpoint)) {
            throw new ApiError(401, "UNAUTHENTICATED",
                    "The single-use access token was already used for this API; start a new verification");
        }
        return token;
    }

    // ---------------------------------------------------------------- helpers

    static Set<String> scopes(String scope) {
        return Arrays.stream(scope.trim().split(" +")).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static Duration tokenLifetime() {
        return Duration.ofSeconds(TOKEN_LIFETIME_SECONDS);
    }
}
