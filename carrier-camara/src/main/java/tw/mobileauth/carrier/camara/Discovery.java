package tw.mobileauth.carrier.camara;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.carrier.camara.internal.Json;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.CarrierException.Origin;

/**
 * The carrier's OpenID Connect discovery document ({@code {issuer}/.well-known/openid-configuration},
 * OpenID Connect Discovery 1.0): where the authorization server's {@code authorization_endpoint},
 * {@code token_endpoint} and {@code jwks_uri} are, and which {@code issuer} its ID tokens carry.
 *
 * <p>Rules:
 * <ol>
 *   <li>The issuer is {@link CarrierConfig#effectiveIssuer()}: the {@code issuer} setting, or the
 *       base URI. The document's {@code issuer} must equal it (§4.3; one trailing {@code /} is
 *       ignored on both sides), or {@code DISCOVERY_ISSUER_MISMATCH}.</li>
 *   <li>{@code authorization_endpoint} and {@code token_endpoint} are required; {@code jwks_uri}
 *       is required unless an ID-token key is pinned. Every endpoint must be https, or http on
 *       loopback ({@code DISCOVERY_INSECURE_ENDPOINT}).</li>
 *   <li>The document is cached for {@value #LIFETIME_MINUTES} minutes by the configured clock,
 *       then fetched again. {@link #refresh(CallContext)} fetches it at once, for a key-rotation
 *       miss; the caller limits how often.</li>
 *   <li>Fetched with GET under the call's deadline, retried like every idempotent read; an outage
 *       is {@link CarrierException.CarrierUnavailable}, any other failure a
 *       {@link CarrierException.ProtocolViolation} that names the issuer setting.</li>
 * </ol>
 * Thread-safe.
 */
final class Discovery {

    static final String WELL_KNOWN = "/.well-known/openid-configuration";
    static final long LIFETIME_MINUTES = 60;
    /** How long a fetched document is used before it is fetched again: one hour. */
    static final Duration LIFETIME = Duration.ofMinutes(LIFETIME_MINUTES);
    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

    /** What the document says. */
    record Metadata(String issuer, URI authorizationEndpoint, URI tokenEndpoint, Optional<URI> jwksUri,
            Instant fetchedAt) {
    }

    private final String carrierId;
    private final String issuer;
    private final URI location;
    private final Transport transport;
    private final ErrorMapping errors;
    private final Retrying retrying;
    private final Clock clock;
    private Metadata cached;

    Discovery(String carrierId, URI issuer, Transport transport, ErrorMapping errors, Retrying retrying, Clock clock) {
        this.carrierId = carrierId;
        this.issuer = issuer.toString();
        this.location = URI.create(withoutTrailingSlash(this.issuer) + WELL_KNOWN);
        this.transport = transport;
        this.errors = errors;
        this.retrying = retrying;
        this.clock = clock;
    }

    /** Where the document is read from. */
    URI location() {
        return location;
    }

    /** The document, from the cache while it is younger than {@link #LIFETIME}. */
    synchronized Metadata current(CallContext ctx) throws CarrierException {
        if (cached != null && clock.instant().isBefore(cached.fetchedAt().plus(LIFETIME))) {
            return cached;
        }
        return refresh(ctx);
    }

    /** The document fetched now, replacing the cached one. */
    synchronized Metadata refresh(CallContext ctx) throws CarrierException {
        Metadata fresh = retrying.run(ctx, () -> fetch(ctx));
        cached = fresh;
        LOG.debug("{} discovery read from {} [x-correlator {}]", carrierId, location, ctx.correlator());
        return fresh;
    }

    private Metadata fetch(CallContext ctx) throws CarrierException {
        Transport.Response r = transport.send(ctx, Transport.Outgoing.get(location, WELL_KNOWN));
        if (ErrorMapping.OUTAGE_STATUSES.contains(r.status()) || r.status() == 429) {
            throw errors.apiError(r);
        }
        if (r.status() != 200) {
            throw violation(ctx, "DISCOVERY_FAILED", "the discovery document at " + location + " answered "
                    + r.status() + "; check the carrier's issuer setting (mobileauth.carrier." + carrierId
                    + ".issuer, default the base URI)");
        }
        JsonNode doc = Json.parse(r.body()).filter(JsonNode::isObject).orElseThrow(() -> violation(ctx,
                "DISCOVERY_MALFORMED", "the discovery document at " + location + " is not a JSON object"));
        String said = doc.path("issuer").asText("");
        if (!withoutTrailingSlash(said).equals(withoutTrailingSlash(issuer))) {
            throw violation(ctx, "DISCOVERY_ISSUER_MISMATCH", "the discovery document at " + location
                    + " names issuer '" + said + "', not the configured '" + issuer + "' (OpenID Connect Discovery"
                    + " §4.3); a wrong issuer setting or an impostor");
        }
        return new Metadata(said, endpoint(ctx, doc, "authorization_endpoint"), endpoint(ctx, doc, "token_endpoint"),
                doc.hasNonNull("jwks_uri") ? Optional.of(endpoint(ctx, doc, "jwks_uri")) : Optional.empty(),
                clock.instant());
    }

    private URI endpoint(CallContext ctx, JsonNode doc, String field) throws CarrierException.ProtocolViolation {
        String text = doc.path(field).asText("");
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw violation(ctx, "DISCOVERY_MALFORMED", "the discovery document's " + field + " is not a URI");
        }
        if (text.isEmpty() || !uri.isAbsolute()) {
            throw violation(ctx, "DISCOVERY_MALFORMED", "the discovery document has no absolute " + field);
        }
        if (!CarrierConfig.isSecureOrLoopback(uri) || uri.getRawFragment() != null) {
            throw violation(ctx, "DISCOVERY_INSECURE_ENDPOINT", "the discovery document's " + field + " ("
                    + uri.getScheme() + "://" + uri.getHost() + "…) is not https; plain http is allowed only to"
                    + " 127.0.0.1, ::1 or localhost");
        }
        return uri;
    }

    private CarrierException.ProtocolViolation violation(CallContext ctx, String code, String message) {
        return new CarrierException.ProtocolViolation(Origin.transport(carrierId, code, ctx.correlator()),
                message + "; alert the operator", null);
    }

    private static String withoutTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
