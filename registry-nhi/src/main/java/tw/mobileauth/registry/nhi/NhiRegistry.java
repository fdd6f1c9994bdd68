package tw.mobileauth.registry.nhi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.registry.spi.CardCheck;
import tw.mobileauth.registry.spi.CardClaim;
import tw.mobileauth.registry.spi.IdentityRegistry;
import tw.mobileauth.registry.spi.RegistryConfig;
import tw.mobileauth.registry.spi.RegistryException;

/**
 * The NHI registry client of the reference profile. A card check is idempotent, so an outage
 * ({@link RegistryException#isRetryable()}) is retried: at most {@value #MAX_ATTEMPTS} attempts,
 * before retry n a wait of {@code min(1 s, 100 ms × 2^(n-1))} with equal jitter, or the registry's
 * {@code Retry-After} when longer, and never when the wait would reach the deadline (then the
 * last failure is thrown as is). Every attempt is signed afresh (new {@code jti}, new {@code iat}).
 */
final class NhiRegistry implements IdentityRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(NhiRegistry.class);
    static final int MAX_ATTEMPTS = 3;
    private static final Duration BASE_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_DELAY = Duration.ofSeconds(1);

    private final URI target;
    private final String path;
    private final Clock clock;
    private final RequestSigner signer;
    private final Exchange exchange;
    private final SecureRandom random = new SecureRandom();

    NhiRegistry(RegistryConfig config, RequestSigner signer) {
        this.target = resolve(config.baseUri());
        this.path = target.getRawPath();
        this.clock = config.clock();
        this.signer = signer;
        HttpClient http = config.httpClient().orElseGet(() -> {
            HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER);
            config.sslContext().ifPresent(b::sslContext);
            return b.build();
        });
        this.exchange = new Exchange(http, clock, config.callTimeout());
    }

    /** The card-check URL: the profile path below the base URI. */
    static URI resolve(URI baseUri) {
        String base = baseUri.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + NhiProfile.CARD_CHECKS_PATH);
    }

    @Override
    public String registryId() {
        return NhiProfile.REGISTRY_ID;
    }

    @Override
    public CardCheck checkCard(CallContext ctx, CardClaim claim) throws RegistryException {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(claim, "claim");
        byte[] body = body(claim);
        for (int n = 1; ; n++) {
            try {
                CardCheck answer = attempt(ctx, body);
                LOG.debug("nhi card check -> {} (attempt {}) [x-correlator {}]", answer, n, ctx.correlator());
                return answer;
            } catch (RegistryException e) {
                if (!e.isRetryable() || n >= MAX_ATTEMPTS || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                Duration wait = waitBefore(n, e);
                if (!clock.instant().plus(wait).isBefore(ctx.deadline())) {
                    LOG.debug("nhi not retrying {}: a wait of {} ms would reach the deadline [x-correlator {}]",
                            e.code(), wait.toMillis(), ctx.correlator());
                    throw e;
                }
                LOG.debug("nhi retrying after {} in {} ms (attempt {} of {}) [x-correlator {}]", e.code(),
                        wait.toMillis(), n + 1, MAX_ATTEMPTS, ctx.correlator());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private CardCheck attempt(CallContext ctx, byte[] body) throws RegistryException {
        Instant now = clock.instant();
        String authorization = signer.authorization("POST", path, body, ctx.correlator(), now, jti());
        Exchange.Answer answer = exchange.post(ctx, target, body, authorization);
        return Answers.read(answer, clock.instant());
    }

    /** The jittered backoff before retry {@code n}, or the registry's Retry-After when longer. */
    private Duration waitBefore(int n, RegistryException e) {
        Duration full = BASE_DELAY.multipliedBy(1L << Math.min(n - 1, 10));
        long ms = (full.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : full).toMillis();
        Duration backoff = Duration.ofMillis(ms / 2 + random.nextInt((int) (ms - ms / 2) + 1));
        return e.retryAfter().filter(ra -> ra.compareTo(backoff) > 0).orElse(backoff);
    }

    /** {@code {"nationalId":…,"cardNumber":…}}, in that order. */
    private static byte[] body(CardClaim claim) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("nationalId", claim.nationalId());
        n.put("cardNumber", claim.cardNumber());
        return RequestSigner.utf8(n.toString());
    }

    private String jti() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Nothing to release: the JDK 17 HTTP client has no close, and its threads end with it. */
    @Override
    public void close() {
        // Deliberately empty: see the Javadoc.
    }

    @Override
    public String toString() {
        return "NhiRegistry[" + target + "]";
    }
}
