package tw.mobileauth.carrier.testkit.registry;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Faults armed per endpoint of the fake registry. Faults for the same endpoint queue up in order:
 * the first applies to its {@link RegistryFault#times()} calls, then the next, then calls are
 * served normally again. Thread-safe. {@link FakeRegistry#reset()} clears everything.
 */
public final class RegistryFaults {

    private static final class Armed {
        final RegistryFault fault;
        int left;

        Armed(RegistryFault fault) {
            this.fault = fault;
            this.left = fault.times();
        }
    }

    private final Map<RegistryEndpoint, Deque<Armed>> queues = new EnumMap<>(RegistryEndpoint.class);

    RegistryFaults() {
    }

    /**
     * Arms {@code fault} for the next {@code fault.times()} calls of {@code endpoint}.
     *
     * @param endpoint the endpoint value
     * @param fault the fault value
     * @throws IllegalArgumentException for {@link RegistryEndpoint#OTHER}, where a fault would never fire
     */
    public synchronized void inject(RegistryEndpoint endpoint, RegistryFault fault) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(fault, "fault");
        if (endpoint == RegistryEndpoint.OTHER) {
            throw new IllegalArgumentException("OTHER is not an endpoint of the profile; a fault there would never"
                    + " fire: use CARD_CHECKS");
        }
        queues.computeIfAbsent(endpoint, k -> new ArrayDeque<>()).addLast(new Armed(fault));
    }

    /**
     * {@return how many more calls of {@code endpoint} will meet a fault}
     *
     * @param endpoint the endpoint value
     */
    public synchronized int remaining(RegistryEndpoint endpoint) {
        Deque<Armed> q = queues.get(endpoint);
        return q == null ? 0 : q.stream().mapToInt(a -> a.left).sum();
    }

    /** Disarms every fault. */
    public synchronized void clear() {
        queues.clear();
    }

    synchronized Optional<RegistryFault> next(RegistryEndpoint endpoint) {
        Deque<Armed> q = queues.get(endpoint);
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
}
