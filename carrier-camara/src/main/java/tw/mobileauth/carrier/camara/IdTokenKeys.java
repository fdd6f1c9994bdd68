package tw.mobileauth.carrier.camara;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.CarrierException.Origin;

/**
 * The carrier's ID-token keys, as a Nimbus {@link JWKSource} that fetches over our own
 * {@link Transport} (the call's deadline, the adapter's HTTP client), never over a connection
 * Nimbus would open itself.
 *
 * <ul>
 *   <li><b>Pinned</b> ({@link CamaraAdapter#ID_TOKEN_KEY} set): that one key, whatever the
 *       token's {@code kid}. Rotation then needs a configuration change.</li>
 *   <li><b>JWKS</b> (the default): the JWK set at the discovery document's {@code jwks_uri},
 *       cached for {@link Discovery#LIFETIME}; the token's {@code kid} selects the key. A
 *       {@code kid} not in the cached set (the carrier rotated) triggers one refresh of the
 *       discovery document and the JWK set, at most once per {@link #MIN_REFRESH_INTERVAL}, so a
 *       stream of forged {@code kid}s cannot make us hammer the carrier. A {@code kid} still
 *       unknown after that is refused by the caller.</li>
 * </ul>
 * A failure to fetch surfaces as a {@link KeySourceException} whose cause is the
 * {@link CarrierException}. Thread-safe.
 */
final class IdTokenKeys implements JWKSource<IdTokenKeys.Call> {

    /** The least time between two refreshes caused by an unknown {@code kid}: 30 s. */
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(IdTokenKeys.class);

    /** The call a key look-up belongs to: its deadline and correlator bound any fetch. */
    record Call(CallContext ctx) implements SecurityContext {
    }

    private final String carrierId;
    private final Optional<JWK> pinned;
    private final Discovery discovery;
    private final Transport transport;
    private final ErrorMapping errors;
    private final Clock clock;
    private JWKSet cached;
    private URI cachedFrom;
    private Instant cachedAt = Instant.MIN;
    private Instant lastMissRefresh = Instant.MIN;

    IdTokenKeys(String carrierId, Optional<JWK> pinned, Discovery discovery, Transport transport, ErrorMapping errors,
            Clock clock) {
        this.carrierId = carrierId;
        this.pinned = pinned;
        this.discovery = discovery;
        this.transport = transport;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    public synchronized List<JWK> get(JWKSelector selector, Call call) throws KeySourceException {
        if (pinned.isPresent()) {
            return List.of(pinned.get());
        }
        try {
            CallContext ctx = call.ctx();
            List<JWK> found = selector.select(keys(ctx, discovery.current(ctx)));
            Instant now = clock.instant();
            if (found.isEmpty() && !now.isBefore(lastMissRefresh.plus(MIN_REFRESH_INTERVAL))) {
                lastMissRefresh = now;
                LOG.debug("{} ID token names a key not in the cached JWK set; refreshing discovery and keys"
                        + " [x-correlator {}]", carrierId, ctx.correlator());
                found = selector.select(fetch(ctx, jwksUri(ctx, discovery.refresh(ctx))));
            }
            return found;
        } catch (CarrierException e) {
            throw new KeySourceException(e.getMessage(), e);
        }
    }

    private JWKSet keys(CallContext ctx, Discovery.Metadata metadata) throws CarrierException {
        URI uri = jwksUri(ctx, metadata);
        if (cached != null && uri.equals(cachedFrom) && clock.instant().isBefore(cachedAt.plus(Discovery.LIFETIME))) {
            return cached;
        }
        return fetch(ctx, uri);
    }

    private URI jwksUri(CallContext ctx, Discovery.Metadata metadata) throws CarrierException.ProtocolViolation {
        return metadata.jwksUri().orElseThrow(() -> new CarrierException.ProtocolViolation(
                Origin.transport(carrierId, "NO_ID_TOKEN_KEY", ctx.correlator()), "the discovery document at "
                        + discovery.location() + " has no jwks_uri and no ID-token key is pinned ("
                        + CamaraAdapter.ID_TOKEN_KEY + "), so no ID token can be verified; alert the operator", null));
    }

    private JWKSet fetch(CallContext ctx, URI uri) throws CarrierException {
        Transport.Response r = transport.send(ctx, Transport.Outgoing.get(uri, "jwks_uri " + uri.getRawPath()));
        if (r.status() != 200) {
            if (ErrorMapping.OUTAGE_STATUSES.contains(r.status()) || r.status() == 429) {
                throw errors.apiError(r);
            }
            throw new CarrierException.ProtocolViolation(Origin.http(carrierId, r.status(), "JWKS_FAILED",
                    ctx.correlator()), "the JWK set at the discovered jwks_uri answered " + r.status()
                    + "; alert the operator", null);
        }
        JWKSet set;
        try {
            set = JWKSet.parse(new String(r.body(), StandardCharsets.UTF_8)).toPublicJWKSet();
        } catch (ParseException e) {
            throw new CarrierException.ProtocolViolation(Origin.http(carrierId, r.status(), "JWKS_MALFORMED",
                    ctx.correlator()), "the JWK set at the discovered jwks_uri is not a JWK set (RFC 7517); alert"
                    + " the operator", e);
        }
        cached = set;
        cachedFrom = uri;
        cachedAt = clock.instant();
        return set;
    }
}
