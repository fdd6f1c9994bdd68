package tw.mobileauth.registry.nhi;

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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.registry.spi.RegistryException;
import tw.mobileauth.registry.spi.RegistryException.Origin;

/**
 * Sends one signed request and brings back its answer: {@code x-correlator} on the way out and
 * required back unchanged, a timeout of the time left before the deadline (capped by the call
 * timeout), at most {@value NhiProfile#MAX_ANSWER_BYTES} bytes read into memory, and transport
 * failures turned into {@link RegistryException.Timeout} or {@link RegistryException.Unavailable}.
 * No retries here.
 */
final class Exchange {

    /** An answer that arrived and echoed the correlator. */
    @SuppressWarnings("ArrayRecordComponent") // an answer being read, never compared or used as a key
    record Answer(int status, HttpHeaders headers, byte[] body, String correlator) {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    private final HttpClient http;
    private final Clock clock;
    private final Duration callTimeout;

    Exchange(HttpClient http, Clock clock, Duration callTimeout) {
        this.http = http;
        this.clock = clock;
        this.callTimeout = callTimeout;
    }

    Answer post(CallContext ctx, URI target, byte[] body, String authorization) throws RegistryException {
        Duration left = ctx.remaining(clock);
        if (left.isNegative() || left.isZero()) {
            throw new RegistryException.Timeout(origin(ctx, "DEADLINE_EXCEEDED"), "the call's deadline passed before "
                    + NhiProfile.CARD_CHECKS_PATH + " could be sent; give the call more time and retry", null);
        }
        Duration timeout = left.compareTo(callTimeout) < 0 ? left : callTimeout;
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(timeout)
                .header("Accept", NhiProfile.JSON)
                .header("Content-Type", NhiProfile.JSON)
                .header(NhiProfile.CORRELATOR_HEADER, ctx.correlator())
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Optional<byte[]>> response;
        try {
            response = http.send(request, info -> new CappedBody(NhiProfile.MAX_ANSWER_BYTES));
        } catch (HttpTimeoutException e) {
            throw new RegistryException.Timeout(origin(ctx, "TIMEOUT"), "no answer from " + NhiProfile.CARD_CHECKS_PATH
                    + " within " + timeout.toMillis() + " ms; retry later", e);
        } catch (IOException e) {
            throw new RegistryException.Unavailable(origin(ctx, "IO_ERROR"), Optional.empty(), "the connection to "
                    + NhiProfile.CARD_CHECKS_PATH + " failed (" + e.getClass().getSimpleName() + "); retry later", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException.Unavailable(origin(ctx, "INTERRUPTED"), Optional.empty(),
                    "interrupted while calling " + NhiProfile.CARD_CHECKS_PATH, e);
        }
        int status = response.statusCode();
        if (response.body().isEmpty()) {
            throw new RegistryException.ProtocolViolation(Origin.http(NhiProfile.REGISTRY_ID, status,
                    "RESPONSE_TOO_LARGE", ctx.correlator()), "the answer is longer than " + NhiProfile.MAX_ANSWER_BYTES
                    + " bytes, which no answer of the profile is; it was not read, alert the operator", null);
        }
        Optional<String> echoed = response.headers().firstValue(NhiProfile.CORRELATOR_HEADER);
        if (echoed.isEmpty()) {
            throw new RegistryException.ProtocolViolation(Origin.http(NhiProfile.REGISTRY_ID, status,
                    "CORRELATOR_MISSING", ctx.correlator()), "the answer does not echo x-correlator, which every answer"
                    + " of the profile must; a proxy stripped it or the base URI points elsewhere, alert the operator",
                    null);
        }
        if (!echoed.get().equals(ctx.correlator())) {
            throw new RegistryException.ProtocolViolation(Origin.http(NhiProfile.REGISTRY_ID, status,
                    "CORRELATOR_MISMATCH", ctx.correlator()), "the answer echoes another x-correlator; a proxy or the"
                    + " registry mixed up answers, so this one is not ours: alert the operator", null);
        }
        return new Answer(status, response.headers(), response.body().get(), ctx.correlator());
    }

    private static Origin origin(CallContext ctx, String code) {
        return Origin.transport(NhiProfile.REGISTRY_ID, code, ctx.correlator());
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
}
