package tw.mobileauth.carrier.camara;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import tw.mobileauth.carrier.camara.internal.Json;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.ConcurrentCalls;

/**
 * Calls a carrier's CAMARA-shaped JSON APIs for a {@link CamaraProfile}. Each call:
 * <ol>
 *   <li>gets a client-credentials token for its scope (cached until shortly before expiry);</li>
 *   <li>POSTs the JSON body with {@code x-correlator} and checks the echo;</li>
 *   <li>turns an error answer into a {@link CarrierException} (docs/carrier-contract.md §1);</li>
 *   <li>on {@link CarrierException.AuthenticationFailed} drops the token and tries once more
 *       with a new one;</li>
 *   <li>retries outages and 429s with backoff and jitter, honouring {@code Retry-After}, never
 *       past the context's deadline (every call here is an idempotent read).</li>
 * </ol>
 * Thread-safe.
 */
public final class CamaraClient {

    private final Transport transport;
    private final ErrorMapping errors;
    private final Retrying retrying;
    private final TokenEndpoint tokens;
    private final TokenCache cache;
    private final ConcurrentCalls sideBySide;

    CamaraClient(Transport transport, ErrorMapping errors, Retrying retrying, TokenEndpoint tokens,
            TokenCache cache, ConcurrentCalls sideBySide) {
        this.transport = transport;
        this.errors = errors;
        this.retrying = retrying;
        this.tokens = tokens;
        this.cache = cache;
        this.sideBySide = sideBySide;
    }

    /**
     * Starts {@code call} on one of the adapter's threads, beside the caller's own calls, for reads of
     * one operation that do not depend on each other (CHT's line profile beside its KYC tenure). Join
     * it where its answer is needed, in a fixed order so the first failure reported does not depend
     * on timing, and close it so that an operation that fails first cancels it:
     * <pre>{@code
     * try (ConcurrentCalls.Forked<JsonReply> line = client.fork(() -> client.post(ctx, LINE, scope, body))) {
     *     JsonReply contract = client.post(ctx, TENURE, scope, body);
     *     return attributes(contract, line.join());
     * }
     * }</pre>
     *
     * @param call the independent call, e.g. a {@link #post(CallContext, String, String, Map) post}
     * @param <T>  what it answers
     * @return the running call
     */
    public <T> ConcurrentCalls.Forked<T> fork(ConcurrentCalls.Call<T> call) {
        return sideBySide.fork(call);
    }

    /** Ends the threads of {@link #fork} (the adapter is closing); later forks run on the caller's thread. */
    void closeThreads() {
        sideBySide.close();
    }

    /** {@return the carrier id, e.g. {@code cht}} */
    public String carrierId() {
        return transport.carrierId();
    }

    /** {@return the configured clock, for {@code asOf} times and caches} */
    public Clock clock() {
        return transport.clock();
    }

    /**
     * POSTs {@code body} as JSON to {@code path} with a 2-legged token for {@code scope}.
     *
     * @param path  below the base URI, e.g. {@code /kyc-match/v0.4/match}
     * @param scope the OAuth scope the token needs, e.g. {@code kyc-match:match}
     * @param body  the request object; values are strings, numbers, booleans or nested maps
     * @param ctx the call context: deadline, correlator and retry budget
     * @return the 2xx answer, which must be a JSON object
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    public JsonReply post(CallContext ctx, String path, String scope, Map<String, ?> body) throws CarrierException {
        return post(ctx, path, scope, body, CamaraClient::noErrorIsAResult);
    }

    /**
     * {@return like {@link #post(CallContext, String, String, Map)}, but an ErrorInfo answer accepted by
     * {@code errorAsResult} is returned (with {@link JsonReply#error()} present) instead of
     * thrown, and not retried} For profiles where an error status carries a result, such as
     * FET's {@code 403 KNOW_YOUR_CUSTOMER.ID_DOCUMENT_MISMATCH}.
     *
     * @param ctx the call context: deadline, correlator and retry budget
     * @param path the path value
     * @param scope the scope value
     * @param body the body
     * @param errorAsResult the error as result
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    public JsonReply post(CallContext ctx, String path, String scope, Map<String, ?> body,
            Predicate<ErrorInfo> errorAsResult) throws CarrierException {
        Objects.requireNonNull(errorAsResult, "errorAsResult");
        byte[] json = Json.write(body);
        return retrying.run(ctx, () -> {
            AccessToken token = cache.get(ctx, scope, () -> tokens.clientCredentials(ctx, scope));
            try {
                return exchange(ctx, path, token, json, errorAsResult);
            } catch (CarrierException.AuthenticationFailed refused) {
                cache.invalidate(scope, token);
                AccessToken renewed = cache.get(ctx, scope, () -> tokens.clientCredentials(ctx, scope));
                return exchange(ctx, path, renewed, json, errorAsResult);
            }
        });
    }

    /**
     * POSTs once with the 3-legged token of a code exchange. Never retried: the token is single use
     * per API, so a call that timed out, was reset or got a 5xx may already have spent it, and a
     * second call could only be refused. The caller decides what the failure means.
     */
    JsonReply postWithToken(CallContext ctx, String path, AccessToken token, Map<String, ?> body)
            throws CarrierException {
        return exchange(ctx, path, token, Json.write(body), CamaraClient::noErrorIsAResult);
    }

    private JsonReply exchange(CallContext ctx, String path, AccessToken token, byte[] json,
            Predicate<ErrorInfo> errorAsResult) throws CarrierException {
        Transport.Response r = transport.send(ctx, Transport.Outgoing.post(transport.resolve(path), path,
                "application/json", json, Optional.of(token.value())));
        if (r.isSuccess()) {
            return Json.parse(r.body()).filter(n -> n.isObject())
                    .map(n -> new JsonReply(carrierId(), r.status(), r.correlator(), n, Optional.empty()))
                    .orElseThrow(() -> errors.protocol(r, "MALFORMED_RESPONSE",
                            "the answer from " + path + " is not a JSON object"));
        }
        Optional<ErrorInfo> info = errors.errorInfo(r).filter(i -> i.status() == r.status());
        if (info.isPresent() && errorAsResult.test(info.get())) {
            return new JsonReply(carrierId(), r.status(), r.correlator(), Json.parse(r.body()).orElseThrow(), info);
        }
        throw errors.apiError(r);
    }

    /** The absolute URL of {@code path} below the carrier's base URI. */
    URI resolve(String path) {
        return transport.resolve(path);
    }

    /** Forgets cached tokens. */
    void clearTokens() {
        cache.clear();
    }

    /** For calls where no carrier error is an answer: every error is thrown. */
    private static boolean noErrorIsAResult(ErrorInfo error) {
        return false;
    }
}
