package tw.mobileauth.carrier.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Faults armed per carrier and endpoint. Faults injected for the same endpoint queue up in order:
 * the first applies to its {@link Fault#times()} calls, then the next one, then calls are served
 * normally again. Thread-safe. {@link FakeCarrierNetworks#reset()} clears everything.
 */
public final class FaultInjector {

    private static final class Armed {
        final Fault fault;
        int left;

        Armed(Fault fault) {
            this.fault = fault;
            this.left = fault.times();
        }
    }

    private final Map<String, Deque<Armed>> queues = new HashMap<>();

    FaultInjector() {
    }

    /**
     * Arms {@code fault} for the next {@code fault.times()} calls of {@code endpoint} at {@code carrierId}.
     *
     * @param carrierId the carrier id
     * @param endpoint the endpoint value
     * @param fault the fault value
     * @throws IllegalArgumentException if the carrier is unknown, the carrier has no such endpoint
     *         (e.g. {@code KYC_TENURE} at {@code twm}), the endpoint is {@code OTHER}, or an
     *         {@link Fault#invalidState()} is aimed anywhere but {@link Endpoint#AUTHORIZE}, or a
     *         {@link Fault#wrongNonce()} anywhere but {@link Endpoint#TOKEN}
     */
    public synchronized void inject(String carrierId, Endpoint endpoint, Fault fault) {
        Objects.requireNonNull(carrierId, "carrierId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(fault, "fault");
        if (!Profiles.isKnown(carrierId)) {
            throw new IllegalArgumentException("unknown carrier '" + carrierId + "'; use one of " + Profiles.IDS);
        }
        if (!endpoint.servedBy(carrierId)) {
            throw new IllegalArgumentException(carrierId + " has no " + endpoint + " endpoint in its profile;"
                    + " a fault there would never fire");
        }
        if (fault.kind() == Fault.Kind.INVALID_STATE && endpoint != Endpoint.AUTHORIZE) {
            throw new IllegalArgumentException("invalidState() only makes sense at AUTHORIZE, not " + endpoint);
        }
        if (ID_TOKEN_FAULTS.contains(fault.kind()) && endpoint != Endpoint.TOKEN) {
            throw new IllegalArgumentException(fault.kind() + " is about the ID token, so it only makes sense at TOKEN,"
                    + " not " + endpoint);
        }
        queues.computeIfAbsent(key(carrierId, endpoint), k -> new ArrayDeque<>()).addLast(new Armed(fault));
    }

    /** The faults that change the ID token of a code exchange. */
    static final java.util.Set<Fault.Kind> ID_TOKEN_FAULTS = java.util.EnumSet.of(Fault.Kind.WRONG_NONCE,
            Fault.Kind.ID_TOKEN_WRONG_ISSUER, Fault.Kind.ID_TOKEN_UNSIGNED, Fault.Kind.ID_TOKEN_UNKNOWN_KID);

    /**
     * {@return how many more calls of {@code endpoint} at {@code carrierId} will meet a fault}
     *
     * @param carrierId the carrier id
     * @param endpoint the endpoint value
     */
    public synchronized int remaining(String carrierId, Endpoint endpoint) {
        Deque<Armed> q = queues.get(key(carrierId, endpoint));
        return q == null ? 0 : q.stream().mapToInt(a -> a.left).sum();
    }

    /** Disarms every fault. */
    public synchronized void clear() {
        queues.clear();
    }

    /** Consumes one application of the next fault for this call, if any is armed. */
    synchronized Optional<Fault> next(String carrierId, Endpoint endpoint) {
        Deque<Armed> q = queues.get(key(carrierId, endpoint));
        if (q == null || q.isEmpty()) {
            return Optional.empty();
        }
        Armed head = q.peekFirst();
        head.left--;
        if (head.left <= 0) {
            q.pollFirst();
        }
        return Optional.of(head.fault);
    }

    private static String key(String carrierId, Endpoint endpoint) {
        return carrierId + "/" + endpoint.name();
    }
}
