package tw.mobileauth.carrier.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import tw.mobileauth.carrier.spi.AccessNetwork;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierAdapterFactory;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.CarrierException.Origin;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.HolderType;
import tw.mobileauth.carrier.spi.KycMatchResult;
import tw.mobileauth.carrier.spi.LineRole;
import tw.mobileauth.carrier.spi.MatchOutcome;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.MvnoStatus;
import tw.mobileauth.carrier.spi.NetworkStatus;
import tw.mobileauth.carrier.spi.NvChallenge;
import tw.mobileauth.carrier.spi.NvResult;
import tw.mobileauth.carrier.spi.NvVerification;
import tw.mobileauth.carrier.spi.SimSwapInfo;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;

/**
 * A deliberately plain adapter for all three profiles, written only from docs/carrier-contract.md and
 * the SPI Javadoc, to prove the conformance kit can be passed. Test code: not a product adapter.
 */
final class ReferenceAdapter implements CarrierAdapter {

    /** The factory, one per profile. */
    static final class Factory implements CarrierAdapterFactory {
        private final String id;

        Factory(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String displayName(Locale locale) {
            return Profiles.displayName(id);
        }

        @Override
        public int order() {
            return 0;
        }

        @Override
        public boolean isSupported(CarrierConfig config) {
            return config.clientSigningKey().isPresent();
        }

        @Override
        public CarrierAdapter create(CarrierConfig config) {
            if (!isSupported(config)) {
                throw new IllegalArgumentException("a client signing key is required");
            }
            return new ReferenceAdapter(id, config);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCOPE = "openid number-verification:verify device-roaming-status:read"
            + " connected-network-type:read";
    private final String id;
    private final CarrierConfig config;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();
    private volatile String token;
    private volatile Instant tokenExpiry = Instant.MIN;

    private ReferenceAdapter(String id, CarrierConfig config) {
        this.id = id;
        this.config = config;
        this.http = config.httpClient().orElseGet(() -> HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout()).build());
    }

    @Override
    public String carrierId() {
        return id;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.NUMBER_VERIFICATION, Capability.NETWORK_STATUS, Capability.KYC_MATCH,
                Capability.SUBSCRIPTION_ATTRIBUTES, id.equals("twm") ? Capability.SIM_SWAP_CHECK : Capability.SIM_SWAP_DATE);
    }

    @Override
    public void close() {
    }

    // ------------------------------------------------------------------ number verification

    @Override
    public NvChallenge startNumberVerification(CallContext ctx, Msisdn msisdn, URI redirectUri)
            throws CarrierException {
        String state = randomB64(32);
        String nonce = randomB64(16);
        String verifier = randomB64(32);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", config.clientId());
        q.put("redirect_uri", redirectUri.toString());
        q.put("scope", SCOPE + " " + config.purpose());
        q.put("state", state);
        q.put("nonce", nonce);
        q.put("code_challenge", s256(verifier));
        q.put("code_challenge_method", "S256");
        q.put("prompt", "none");
        URI uri = URI.create(discovery(ctx).path("authorization_endpoint").asText() + "?" + form(q));
        return new NvChallenge(uri, state, nonce, verifier, msisdn, redirectUri,
                config.clock().instant().plus(Duration.ofMinutes(5)));
    }

    @Override
    public NvVerification completeNumberVerification(CallContext ctx, NvChallenge ch, Map<String, String> cb)
            throws CarrierException {
        String state = cb.getOrDefault("state", "");
        if (!MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), ch.state().getBytes(StandardCharsets.UTF_8))) {
            throw new CarrierException.ProtocolViolation(Origin.transport(id, "STATE_MISMATCH", ctx.correlator()),
                    "the callback's state is not the challenge's", null);
        }
        if (cb.containsKey("error")) {
            throw oauthFailure(ctx, OptionalInt.empty(), cb.get("error"), cb.getOrDefault("error_description", ""));
        }
        String code = cb.get("code");
        if (code == null || code.isEmpty()) {
            throw new CarrierException.ProtocolViolation(Origin.transport(id, "NO_CODE", ctx.correlator()),
                    "the callback has neither code nor error", null);
        }
        JsonNode discovered = discovery(ctx);
        Map<String, String> f = clientAuth(discovered);
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("redirect_uri", ch.redirectUri().toString());
        f.put("code_verifier", ch.codeVerifierSecret());
        JsonNode answer;
        try {
            answer = tokenAnswer(ctx, discovered, f);
        } catch (CarrierException e) {
            throw afterCodeSent(e, true);
        }
        checkIdToken(ctx, discovered, answer.path("id_token").asText(""), ch.nonce());
        String threeLegged = answer.get("access_token").asText();
        ObjectNode verifyBody = JSON.createObjectNode();
        if (id.equals("twm")) {
            verifyBody.put("hashedPhoneNumber", sha256Hex(ch.msisdn().e164()));
        } else {
            verifyBody.put("phoneNumber", ch.msisdn().e164());
        }
        JsonNode v = singleUse(ctx, "/number-verification/v2/verify", verifyBody.toString(), threeLegged);
        JsonNode verified = v.get("devicePhoneNumberVerified");
        JsonNode roaming = singleUse(ctx, "/device-roaming-status/v1/retrieve", "{}", threeLegged);
        JsonNode type = singleUse(ctx, "/connected-network-type/v0.1/retrieve", "{}", threeLegged);
        if (verified == null || !verified.isBoolean() || !roaming.path("roaming").isBoolean()
                || !type.path("connectedNetworkType").isTextual()) {
            throw violation(ctx, "a verification answer lacks its fields");
        }
        boolean isRoaming = roaming.get("roaming").asBoolean();
        OptionalInt country = isRoaming && roaming.path("countryCode").isInt()
                ? OptionalInt.of(roaming.get("countryCode").asInt()) : OptionalInt.empty();
        AccessNetwork access;
        switch (type.get("connectedNetworkType").asText()) {
            case "2G": access = AccessNetwork.G2; break;
            case "3G": access = AccessNetwork.G3; break;
            case "4G": access = AccessNetwork.G4; break;
            case "5G": access = AccessNetwork.G5; break;
            default: access = AccessNetwork.UNKNOWN;
        }
        Instant now = config.clock().instant();
        return new NvVerification(new NvResult(verified.asBoolean(), NvResult.Method.NETWORK_BASED, List.of(), now),
                new NetworkStatus(access, isRoaming, country, Optional.of(now)));
    }

    // ------------------------------------------------------------------ subscriber look-ups

    @Override
    public KycMatchResult matchSubscriber(CallContext ctx, Msisdn msisdn, SubscriberClaims claims)
            throws CarrierException {
        ObjectNode body = JSON.createObjectNode();
        body.put("phoneNumber", msisdn.e164());
        body.put("idDocument", claims.idDocument());
        body.put("idDocumentType", claims.idDocumentType().wireName());
        body.put("name", claims.fullName());
        body.put("birthdate", claims.birthDate().toString());
        JsonNode r;
        try {
            r = idempotent(ctx, "/kyc-match/v0.4/match", body.toString());
        } catch (CarrierException.PermissionDenied e) {
            if (id.equals("fet") && e.code().equals("KNOW_YOUR_CUSTOMER.ID_DOCUMENT_MISMATCH")) {
                return new KycMatchResult(MatchOutcome.NO_MATCH, MatchOutcome.NOT_AVAILABLE, OptionalInt.empty(),
                        MatchOutcome.NOT_AVAILABLE);
            }
            throw e;
        }
        MatchOutcome name = outcome(r.get("nameMatch"));
        OptionalInt score = name == MatchOutcome.NO_MATCH && r.path("nameMatchScore").isInt()
                ? OptionalInt.of(r.get("nameMatchScore").asInt()) : OptionalInt.empty();
        return new KycMatchResult(outcome(r.get("idDocumentMatch")), name, score, outcome(r.get("birthdateMatch")));
    }

    @Override
    public SubscriptionAttributes subscriptionAttributes(CallContext ctx, Msisdn msisdn, SubscriberClaims claims)
            throws CarrierException {
        String phone = "{\"phoneNumber\":\"" + msisdn.e164() + "\"";
        Instant now = config.clock().instant();
        switch (id) {
            case "cht": {
                JsonNode t = idempotent(ctx, "/kyc-tenure/v0.2/check-tenure", phone + ",\"tenureDate\":\""
                        + LocalDate.ofInstant(now, ZoneOffset.UTC) + "\"}");
                JsonNode p = idempotent(ctx, "/cht/line-profile/v1/retrieve", phone + "}");
                String c = t.path("contractType").asText();
                ContractType contract = c.equals("PAYG") ? ContractType.PREPAID : c.equals("PAYM") ? ContractType.POSTPAID
                        : c.equals("Business") ? ContractType.BUSINESS : ContractType.UNKNOWN;
                HolderType holder = contract == ContractType.BUSINESS ? HolderType.ENTERPRISE
                        : contract == ContractType.UNKNOWN ? HolderType.UNKNOWN : HolderType.PERSONAL;
                String lt = p.path("lineType").asText();
                LineRole role = lt.equals("MAIN") ? LineRole.PRIMARY : lt.equals("PARENT_CHILD") ? LineRole.PARENT_CHILD
                        : lt.equals("FAMILY") ? LineRole.FAMILY_SUB_LINE : LineRole.UNKNOWN;
                Optional<String> brand = p.path("resellerBrand").isTextual()
                        ? Optional.of(p.get("resellerBrand").asText()) : Optional.empty();
                return new SubscriptionAttributes(contract, holder, role, brand.isPresent() ? MvnoStatus.YES
                        : MvnoStatus.NO, brand, now);
            }
            case "twm": {
                JsonNode s = idempotent(ctx, "/twm/subscription/v1/query", phone + "}");
                String b = s.path("billingType").asText();
                ContractType contract = b.equals("PREPAID") ? ContractType.PREPAID : b.equals("POSTPAID")
                        ? ContractType.POSTPAID : ContractType.UNKNOWN;
                String ct = s.path("customerType").asText();
                HolderType holder = ct.equals("CORPORATE") ? HolderType.ENTERPRISE : ct.equals("PERSONAL")
                        ? HolderType.PERSONAL : HolderType.UNKNOWN;
                String fr = s.path("familyPlanRole").asText();
                LineRole role = fr.equals("CHILD") ? LineRole.PARENT_CHILD : fr.equals("MEMBER")
                        ? LineRole.FAMILY_SUB_LINE : fr.equals("OWNER") || fr.equals("NONE") ? LineRole.PRIMARY
                        : LineRole.UNKNOWN;
                MvnoStatus mvno = s.path("mvno").isBoolean() ? (s.get("mvno").asBoolean() ? MvnoStatus.YES : MvnoStatus.NO)
                        : MvnoStatus.UNKNOWN;
                return new SubscriptionAttributes(contract, holder, role, mvno, Optional.empty(), now);
            }
            default: {
                JsonNode k = idempotent(ctx, "/kyc-match/v0.4/match", phone + ",\"idDocument\":\""
                        + claims.idDocument() + "\"}");
                JsonNode x = k.path("x-fet-subscriber");
                String seg = x.path("segment").asText();
                ContractType contract = seg.equals("PAYG") ? ContractType.PREPAID : seg.equals("PAYM")
                        ? ContractType.POSTPAID : seg.equals("BIZ") ? ContractType.BUSINESS : ContractType.UNKNOWN;
                HolderType holder = contract == ContractType.BUSINESS ? HolderType.ENTERPRISE
                        : contract == ContractType.UNKNOWN ? HolderType.UNKNOWN : HolderType.PERSONAL;
                String lr = x.path("lineRole").asText();
                LineRole role = lr.equals("PRIMARY") ? LineRole.PRIMARY : lr.equals("CHILD") ? LineRole.PARENT_CHILD
                        : lr.equals("MEMBER") ? LineRole.FAMILY_SUB_LINE : LineRole.UNKNOWN;
                Optional<String> brand = x.path("wholesalePartner").isTextual()
                        ? Optional.of(x.get("wholesalePartner").asText()) : Optional.empty();
                return new SubscriptionAttributes(contract, holder, role, brand.isPresent() ? MvnoStatus.YES
                        : MvnoStatus.NO, brand, now);
            }
        }
    }

    @Override
    public SimSwapInfo simSwapInfo(CallContext ctx, Msisdn msisdn) throws CarrierException {
        if (id.equals("twm")) {
            if (!swapped(ctx, msisdn, 720)) {
                return SimSwapInfo.noChangeWithin(Duration.ofHours(720));
            }
            return SimSwapInfo.changedWithin(Duration.ofHours(swapped(ctx, msisdn, 72) ? 72 : 720));
        }
        JsonNode r = idempotent(ctx, "/sim-swap/v2/retrieve-date", "{\"phoneNumber\":\"" + msisdn.e164() + "\"}");
        try {
            Optional<Instant> latest = r.path("latestSimChange").isTextual()
                    ? Optional.of(Instant.parse(r.get("latestSimChange").asText())) : Optional.empty();
            Optional<Duration> period = r.path("monitoredPeriod").isInt()
                    ? Optional.of(Duration.ofDays(r.get("monitoredPeriod").asInt())) : Optional.empty();
            return SimSwapInfo.dated(latest, period);
        } catch (DateTimeParseException e) {
            throw violation(ctx, "latestSimChange is not RFC 3339");
        }
    }

    private boolean swapped(CallContext ctx, Msisdn msisdn, int hours) throws CarrierException {
        JsonNode r = idempotent(ctx, "/sim-swap/v2/check", "{\"phoneNumber\":\"" + msisdn.e164() + "\",\"maxAge\":"
                + hours + "}");
        if (!r.path("swapped").isBoolean()) {
            throw violation(ctx, "swapped is missing");
        }
        return r.get("swapped").asBoolean();
    }

    // ------------------------------------------------------------------ HTTP with retries

    /** An idempotent 2-legged call: retried with backoff on 5xx, time-outs and resets, once on 401, after 429's wait. */
    private JsonNode idempotent(CallContext ctx, String path, String body) throws CarrierException {
        boolean renewed = false;
        long backoffMs = 100;
        for (int attempt = 1; ; attempt++) {
            try {
                return once(ctx, path, body, twoLeggedToken(ctx));
            } catch (CarrierException.AuthenticationFailed e) {
                if (renewed || !e.code().equals("UNAUTHENTICATED")) {
                    throw e;
                }
                renewed = true;
                token = null;
            } catch (CarrierException.RateLimited e) {
                Duration wait = e.retryAfter().orElse(Duration.ZERO);
                if (!e.isRetryable() || wait.compareTo(ctx.remaining(config.clock())) >= 0) {
                    throw e;
                }
                pause(wait);
            } catch (CarrierException.CarrierUnavailable e) {
                if (attempt >= 5 || Duration.ofMillis(backoffMs).compareTo(ctx.remaining(config.clock())) >= 0) {
                    throw e;
                }
                pause(Duration.ofMillis(backoffMs));
                backoffMs = Math.min(backoffMs * 2, 1000);
            }
        }
    }

    private String twoLeggedToken(CallContext ctx) throws CarrierException {
        String t = token;
        if (t != null && config.clock().instant().isBefore(tokenExpiry)) {
            return t;
        }
        JsonNode discovered = discovery(ctx);
        Map<String, String> f = clientAuth(discovered);
        f.put("grant_type", "client_credentials");
        t = tokenRequest(ctx, discovered, f);
        token = t;
        return t;
    }

    /** The discovery document, read every time it is needed: simple, and it follows every rotation. */
    private JsonNode discovery(CallContext ctx) throws CarrierException {
        String issuer = config.effectiveIssuer().toString();
        HttpResponse<String> r = send(ctx, HttpRequest.newBuilder(URI.create(issuer
                + "/.well-known/openid-configuration")).GET());
        if (r.statusCode() >= 500) {
            throw new CarrierException.CarrierUnavailable(Origin.http(id, r.statusCode(), "DISCOVERY", ctx.correlator()),
                    Optional.empty(), "discovery failed", null);
        }
        JsonNode d = r.statusCode() == 200 ? parse(ctx, r.body()) : null;
        if (d == null || !d.path("issuer").asText("").equals(issuer)) {
            throw violation(ctx, "no discovery document of issuer " + issuer);
        }
        return d;
    }

    /**
     * The scope has openid: an id_token must come, ES256-signed by the key its kid names in the
     * carrier's JWK set (read afresh), from the discovered issuer, with our nonce and client id.
     */
    private void checkIdToken(CallContext ctx, JsonNode discovered, String idToken, String nonce)
            throws CarrierException {
        String[] parts = idToken.split("\\.", -1);
        JsonNode header;
        JsonNode claims;
        try {
            header = parts.length == 3 ? parseOrNull(new String(Base64.getUrlDecoder().decode(parts[0]),
                    StandardCharsets.UTF_8)) : null;
            claims = parts.length == 3 ? parseOrNull(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8)) : null;
        } catch (IllegalArgumentException e) {
            header = null;
            claims = null;
        }
        if (header == null || claims == null || !header.path("alg").asText("").equals("ES256")
                || parts[2].isEmpty()) {
            throw violation(ctx, "the id_token is missing, unsigned or not ES256");
        }
        HttpResponse<String> r = send(ctx, HttpRequest.newBuilder(URI.create(discovered.path("jwks_uri").asText()))
                .GET());
        JsonNode keys = r.statusCode() == 200 ? parse(ctx, r.body()).path("keys") : null;
        String kid = header.path("kid").asText("");
        java.security.PublicKey key = null;
        for (JsonNode k : keys == null ? JSON.createArrayNode() : keys) {
            if (k.path("kid").asText("").equals(kid) && k.path("kty").asText("").equals("EC")) {
                key = ecKey(k.path("x").asText(), k.path("y").asText());
            }
        }
        boolean signed;
        try {
            Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
            v.initVerify(key);
            v.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            signed = key != null && v.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            signed = false;
        }
        if (!signed || !claims.path("iss").asText("").equals(discovered.path("issuer").asText())
                || !claims.path("nonce").asText("").equals(nonce)
                || !claims.path("aud").asText("").equals(config.clientId())) {
            throw violation(ctx, "the id_token is not signed by the carrier or not bound to this verification");
        }
    }

    private static java.security.PublicKey ecKey(String x, String y) {
        try {
            java.security.AlgorithmParameters p = java.security.AlgorithmParameters.getInstance("EC");
            p.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
            java.security.spec.ECParameterSpec spec = p.getParameterSpec(java.security.spec.ECParameterSpec.class);
            java.security.spec.ECPoint w = new java.security.spec.ECPoint(
                    new java.math.BigInteger(1, Base64.getUrlDecoder().decode(x)),
                    new java.math.BigInteger(1, Base64.getUrlDecoder().decode(y)));
            return java.security.KeyFactory.getInstance("EC").generatePublic(
                    new java.security.spec.ECPublicKeySpec(w, spec));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private String tokenRequest(CallContext ctx, JsonNode discovered, Map<String, String> form)
            throws CarrierException {
        JsonNode n = tokenAnswer(ctx, discovered, form);
        tokenExpiry = config.clock().instant().plusSeconds(n.get("expires_in").asLong() - 5);
        return n.get("access_token").asText();
    }

    private JsonNode tokenAnswer(CallContext ctx, JsonNode discovered, Map<String, String> form)
            throws CarrierException {
        HttpResponse<String> r = send(ctx, HttpRequest.newBuilder(URI.create(discovered.path("token_endpoint").asText()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form))));
        if (r.statusCode() == 200) {
            JsonNode n = parse(ctx, r.body());
            if (!n.path("access_token").isTextual() || n.path("expires_in").asLong(0) <= 0) {
                throw violation(ctx, "the token answer lacks access_token or expires_in");
            }
            return n;
        }
        JsonNode n = parseOrNull(r.body());
        if (n != null && n.path("error").isTextual()) {
            throw oauthFailure(ctx, OptionalInt.of(r.statusCode()), n.get("error").asText(), "");
        }
        throw errorInfo(ctx, r);
    }

    /** One call, no retry; maps errors and checks the correlator echo. */
    private JsonNode once(CallContext ctx, String path, String body, String bearer) throws CarrierException {
        HttpResponse<String> r = send(ctx, HttpRequest.newBuilder(URI.create(config.baseUri() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (r.statusCode() == 200) {
            return parse(ctx, r.body());
        }
        throw errorInfo(ctx, r);
    }

    private HttpResponse<String> send(CallContext ctx, HttpRequest.Builder b) throws CarrierException {
        Duration remaining = ctx.remaining(config.clock());
        if (remaining.isNegative() || remaining.isZero()) {
            throw new CarrierException.CarrierUnavailable(Origin.transport(id, "TIMEOUT", ctx.correlator()),
                    Optional.empty(), "the deadline passed", null);
        }
        Duration timeout = remaining.compareTo(config.callTimeout()) < 0 ? remaining : config.callTimeout();
        HttpResponse<String> r;
        try {
            r = http.send(b.header("x-correlator", ctx.correlator()).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new CarrierException.CarrierUnavailable(Origin.transport(id, "TIMEOUT", ctx.correlator()),
                    Optional.empty(), "no answer in time", e);
        } catch (IOException e) {
            throw new CarrierException.CarrierUnavailable(Origin.transport(id, "CONNECTION", ctx.correlator()),
                    Optional.empty(), "the connection failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CarrierException.CarrierUnavailable(Origin.transport(id, "INTERRUPTED", ctx.correlator()),
                    Optional.empty(), "interrupted", e);
        }
        if (!r.headers().firstValue("x-correlator").orElse("").equals(ctx.correlator())) {
            throw new CarrierException.ProtocolViolation(Origin.http(id, r.statusCode(), "CORRELATOR_MISMATCH",
                    ctx.correlator()), "the x-correlator echo differs", null);
        }
        return r;
    }

    private CarrierException errorInfo(CallContext ctx, HttpResponse<String> r) {
        int status = r.statusCode();
        JsonNode n = parseOrNull(r.body());
        if (n == null || !n.path("code").isTextual() || !n.path("status").isInt()) {
            return new CarrierException.ProtocolViolation(Origin.http(id, status, "NOT_ERROR_INFO", ctx.correlator()),
                    "the error body is not ErrorInfo", null);
        }
        String code = n.get("code").asText();
        Origin o = Origin.http(id, status, code, ctx.correlator());
        String msg = n.path("message").asText();
        switch (status) {
            case 400: return new CarrierException.InvalidRequest(o, msg);
            case 401: return new CarrierException.AuthenticationFailed(o, msg);
            case 403:
                return code.equals("NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK")
                        ? new CarrierException.NotOnMobileNetwork(o, msg) : new CarrierException.PermissionDenied(o, msg);
            case 404: return new CarrierException.SubscriberNotFound(o, msg);
            case 422:
                if (code.endsWith("_IDENTIFIER")) {
                    return new CarrierException.InvalidRequest(o, msg);
                }
                return code.equals("SERVICE_NOT_APPLICABLE") || code.equals("CHT.SUBSCRIBER_SUSPENDED")
                        ? new CarrierException.ServiceNotApplicable(o, msg)
                        : new CarrierException.ProtocolViolation(o, msg, null);
            case 429:
                if (code.equals("QUOTA_EXCEEDED")) {
                    return new CarrierException.RateLimited(o, false, Optional.empty(), msg);
                }
                return new CarrierException.RateLimited(o, true, r.headers().firstValue("Retry-After")
                        .filter(s -> s.matches("[0-9]{1,6}")).map(s -> Duration.ofSeconds(Long.parseLong(s))), msg);
            case 500:
            case 502:
            case 503:
            case 504:
                return new CarrierException.CarrierUnavailable(o, Optional.empty(), msg, null);
            default:
                return new CarrierException.ProtocolViolation(o, "unexpected status", null);
        }
    }

    /** One call with the single-use token: never repeated. */
    private JsonNode singleUse(CallContext ctx, String path, String body, String token) throws CarrierException {
        try {
            return once(ctx, path, body, token);
        } catch (CarrierException e) {
            throw afterCodeSent(e, false);
        }
    }

    /** Once a code was sent it may be redeemed: nothing may be repeated with the same callback. */
    private static CarrierException afterCodeSent(CarrierException e, boolean exchange) {
        if (e instanceof CarrierException.CarrierUnavailable) {
            return new CarrierException.CarrierUnavailable(e.origin(), CarrierException.Retry.RESTART_VERIFICATION,
                    e.retryAfter(), "the code may be redeemed; start a new verification", e);
        }
        if (e instanceof CarrierException.RateLimited && e.isRetryable()) {
            return new CarrierException.RateLimited(e.origin(), CarrierException.Retry.RESTART_VERIFICATION,
                    e.retryAfter(), "start a new verification later");
        }
        if (e instanceof CarrierException.AuthenticationFailed) {
            return new CarrierException.AuthenticationFailed(e.origin(), exchange ? CarrierException.Retry.NEVER
                    : CarrierException.Retry.RESTART_VERIFICATION, "the code, client or single-use token was refused");
        }
        return e;
    }

    private CarrierException oauthFailure(CallContext ctx, OptionalInt status, String error, String description) {
        Origin o = new Origin(id, status, error, ctx.correlator());
        switch (error) {
            case "access_denied":
                return description.equals("not_on_mobile_network") ? new CarrierException.NotOnMobileNetwork(o, description)
                        : new CarrierException.ConsentRequired(o, description);
            case "consent_required":
            case "login_required":
                return new CarrierException.ConsentRequired(o, description);
            case "invalid_client":
            case "invalid_grant":
                return new CarrierException.AuthenticationFailed(o, description);
            case "invalid_request":
            case "invalid_scope":
                return new CarrierException.InvalidRequest(o, description);
            default:
                return new CarrierException.ProtocolViolation(o, "unknown OAuth error", null);
        }
    }

    // ------------------------------------------------------------------ small helpers

    private Map<String, String> clientAuth(JsonNode discovered) {
        long now = config.clock().instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", config.clientId());
        claims.put("sub", config.clientId());
        claims.put("aud", discovered.path("token_endpoint").asText());
        claims.put("iat", now);
        claims.put("exp", now + 60);
        claims.put("jti", UUID.randomUUID().toString());
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        config.signingKeyId().ifPresent(k -> header.put("kid", k));
        try {
            String h = b64(JSON.writeValueAsBytes(header));
            String p = b64(JSON.writeValueAsBytes(claims));
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(config.clientSigningKey().orElseThrow());
            s.update((h + "." + p).getBytes(StandardCharsets.US_ASCII));
            Map<String, String> f = new LinkedHashMap<>();
            f.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
            f.put("client_assertion", h + "." + p + "." + b64(s.sign()));
            return f;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MatchOutcome outcome(JsonNode v) {
        if (v == null || !v.isTextual()) {
            return MatchOutcome.NOT_AVAILABLE;
        }
        return v.asText().equals("true") ? MatchOutcome.MATCH : v.asText().equals("false") ? MatchOutcome.NO_MATCH
                : MatchOutcome.NOT_AVAILABLE;
    }

    private JsonNode parse(CallContext ctx, String body) throws CarrierException {
        JsonNode n = parseOrNull(body);
        if (n == null || !n.isObject()) {
            throw violation(ctx, "the answer is not a JSON object");
        }
        return n;
    }

    private static JsonNode parseOrNull(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private CarrierException.ProtocolViolation violation(CallContext ctx, String message) {
        return new CarrierException.ProtocolViolation(Origin.transport(id, "BAD_BODY", ctx.correlator()), message, null);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String randomB64(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return b64(b);
    }

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String s256(String verifier) {
        try {
            return b64(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> f) {
        StringBuilder sb = new StringBuilder();
        f.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }
}
