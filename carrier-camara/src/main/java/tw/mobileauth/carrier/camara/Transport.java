package tw.mobileauth.carrier.camara;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.CarrierException.Origin;

/**
 * Sends one HTTP request to a carrier: {@code x-correlator} on the way out and checked on the way
 * back (a missing or different echo is a {@link CarrierException.ProtocolViolation}; the OpenID
 * Connect discovery document and the JWK set are plain web resources that need not echo it), a timeout of
 * the time left (capped by the call timeout), at most {@value #MAX_BODY} bytes of answer read into
 * memory (a longer one is a {@code RESPONSE_TOO_LARGE} protocol violation), and transport failures
 * turned into {@link CarrierException.CarrierUnavailable}. No retries here.
 */
final class Transport {

    static final String CORRELATOR = "x-correlator";
    /** The longest answer read into memory: 64 KiB, far above any profile answer. */
    static final int MAX_BODY = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

    private final String carrierId;
    private final URI baseUri;
    private final HttpClient http;
    private final Clock clock;
    private final Duration callTimeout;

    Transport(String carrierId, URI baseUri, HttpClient http, Clock clock, Duration callTimeout) {
        this.carrierId = carrierId;
        this.baseUri = baseUri;
        this.http = http;
        this.clock = clock;
        this.callTimeout = callTimeout;
    }

    /**
     * A request to send. {@code label} names it in messages and logs (a path, never a query);
     * {@code body} empty with method GET sends no body; {@code echoed} says whether the answer
     * must echo {@code x-correlator}.
     */
    @SuppressWarnings("ArrayRecordComponent") // a request on its way, never compared or used as a key
    record Outgoing(URI target, String label, String method, String contentType, byte[] body,
            Optional<String> bearer, boolean echoed) {

        /** A POST that must echo the correlator. */
        static Outgoing post(URI target, String label, String contentType, byte[] body, Optional<String> bearer) {
            return new Outgoing(target, label, "POST", contentType, body, bearer, true);
        }

        /** A GET of a plain web resource (discovery document, JWK set): no echo is required. */
        static Outgoing get(URI target, String label) {
            return new Outgoing(target, label, "GET", "", new byte[0], Optional.empty(), false);
        }
    }

    /** A response that arrived, with the correlator it was sent with. */
    @SuppressWarnings("ArrayRecordComponent") // a response being read, never compared or used as a key
    record Response(String path, int status, HttpHeaders headers, byte[] body, String correlator) {

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    String carrierId() {
        return carrierId;
    }

    Clock clock() {
        return clock;
    }

    /** The absolute URL of {@code path} below the base URI. */
    URI resolve(String path) {
        String base = baseUri.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    Response send(CallContext ctx, Outgoing out) throws CarrierException {
        if (!tw.mobileauth.carrier.spi.CarrierConfig.isSecureOrLoopback(out.target())) {
            throw new CarrierException.ProtocolViolation(Origin.transport(carrierId, "INSECURE_ENDPOINT",
                    ctx.correlator()), out.label() + " is not https (plain http is allowed only to loopback); not"
                    + " sent, check the carrier's discovery document and settings", null);
        }
        Duration left = ctx.remaining(clock);
        if (left.isNegative() || left.isZero()) {
            throw new CarrierException.CarrierUnavailable(
                    Origin.transport(carrierId, "DEADLINE_EXCEEDED", ctx.correlator()), Optional.empty(),
                    "the call's deadline passed before " + out.label() + " could be sent; give the next call more time",
                    null);
        }
        Duration timeout = left.compareTo(callTimeout) < 0 ? left : callTimeout;
        HttpRequest.Builder request = HttpRequest.newBuilder(out.target())
                .timeout(timeout)
                .header("Accept", "application/json")
                .header(CORRELATOR, ctx.correlator());
        if (out.method().equals("GET")) {
            request.GET();
        } else {
            request.POST(HttpRequest.BodyPublishers.ofByteArray(out.body()));
        }
        if (!out.contentType().isEmpty()) {
            request.header("Content-Type", out.contentType());
        }
        out.bearer().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        Instant started = clock.instant();
        HttpResponse<Optional<byte[]>> response;
        try {
            response = http.send(request.build(), info -> new CappedBody(MAX_BODY));
        } catch (HttpTimeoutException e) {
            LOG.debug("{} {} {} timed out after {} ms [x-correlator {}]", carrierId, out.method(), out.label(),
                    timeout.toMillis(), ctx.correlator());
            throw unavailable(ctx, "TIMEOUT", "no answer from " + out.label() + " within " + timeout.toMillis()
                    + " ms", e);
        } catch (IOException e) {
            LOG.debug("{} {} {} failed: {} [x-correlator {}]", carrierId, out.method(), out.label(), e.getClass().getSimpleName(),
                    ctx.correlator());
            throw unavailable(ctx, "IO_ERROR", "the connection to " + out.label() + " failed ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(ctx, "INTERRUPTED", "interrupted while calling " + out.label(), e);
        }
        LOG.debug("{} {} {} -> {} in {} ms [x-correlator {}]", carrierId, out.method(), out.label(), response.statusCode(),
                Duration.between(started, clock.instant()).toMillis(), ctx.correlator());
        if (response.body().isEmpty()) {
            throw new CarrierException.ProtocolViolation(
                    Origin.http(carrierId, response.statusCode(), "RESPONSE_TOO_LARGE", ctx.correlator()),
                    "the answer from " + out.label() + " is longer than " + MAX_BODY + " bytes, which no answer of the"
                            + " profile is; it was not read, alert the operator",
                    null);
        }
        Optional<String> echoed = response.headers().firstValue(CORRELATOR);
        if (!out.echoed()) {
            return new Response(out.label(), response.statusCode(), response.headers(), response.body().get(),
                    ctx.correlator());
        }
        if (echoed.isEmpty()) {
            throw new CarrierException.ProtocolViolation(
                    Origin.http(carrierId, response.statusCode(), "CORRELATOR_MISSING", ctx.correlator()),
                    "the answer from " + out.label() + " does not echo x-correlator, which every answer of the profile"
                            + " must; a proxy stripped it or the base URI points elsewhere, alert the operator",
                    null);
        }
        if (!echoed.get().equals(ctx.correlator())) {
            throw new CarrierException.ProtocolViolation(
                    Origin.http(carrierId, response.statusCode(), "CORRELATOR_MISMATCH", ctx.correlator()),
                    "the answer from " + out.label() + " echoes another x-correlator; a proxy or the carrier mixed up "
                            + "responses, alert the operator",
                    null);
        }
        return new Response(out.label(), response.statusCode(), response.headers(), response.body().get(),
                ctx.correlator());
    }

    /**
     * Collects a body of at most {@code limit} bytes; a longer one is cancelled at the limit and
     * gives empty, so a broken or hostile server cannot fill the heap.
     */
    static final class CappedBody implements HttpResponse.BodySubscriber<Optional<byte[]>> {
        private final int limit;
        private final CompletableFuture<Optional<byte[]>> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<Optional<byte[]>> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (bytes.size() + (long) b.remaining() > limit) {
                    subscription.cancel();
                    result.complete(Optional.empty());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(Optional.of(bytes.toByteArray()));
        }
    }

    private CarrierException.CarrierUnavailable unavailable(CallContext ctx, String code, String what, Throwable e) {
        return new CarrierException.CarrierUnavailable(Origin.transport(carrierId, code, ctx.correlator()),
                Optional.empty(), what + "; retry later", e);
    }
}
