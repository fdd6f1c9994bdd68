package tw.mobileauth.carrier.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every request the fake networks received, in arrival order, for tests to inspect. Thread-safe:
 * every accessor returns a snapshot.
 */
public final class RequestLog {

    static final class Entry {
        private final String carrierId;
        private final Endpoint endpoint;
        private final String method;
        private final String path;
        private final Optional<String> correlator;
        private final String body;
        private final Instant at;
        private volatile int status;

        Entry(String carrierId, Endpoint endpoint, String method, String path, Optional<String> correlator,
                String body, Instant at) {
            this.carrierId = carrierId;
            this.endpoint = endpoint;
            this.method = method;
            this.path = path;
            this.correlator = correlator;
            this.body = body;
            this.at = at;
        }

        void answered(int httpStatus) {
            this.status = httpStatus;
        }

        LoggedRequest snapshot() {
            return new LoggedRequest(carrierId, endpoint, method, path, correlator, body, at, status);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    RequestLog() {
    }

    synchronized Entry arrived(String carrierId, Endpoint endpoint, String method, String path,
            Optional<String> correlator, String body, Instant at) {
        Entry e = new Entry(carrierId, endpoint, method, path, correlator, body, at);
        entries.add(e);
        return e;
    }

    /** {@return every request so far, in arrival order} */
    public synchronized List<LoggedRequest> all() {
        return entries.stream().map(Entry::snapshot).collect(Collectors.toUnmodifiableList());
    }

    /**
     * {@return the endpoints {@code carrierId} was asked for, in arrival order}
     *
     * @param carrierId the carrier id
     */
    public List<Endpoint> endpoints(String carrierId) {
        Objects.requireNonNull(carrierId, "carrierId");
        return all().stream().filter(r -> r.carrierId().equals(carrierId)).map(LoggedRequest::endpoint)
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * {@return the requests {@code carrierId} received at {@code endpoint}, in arrival order}
     *
     * @param carrierId the carrier id
     * @param endpoint the endpoint value
     */
    public List<LoggedRequest> of(String carrierId, Endpoint endpoint) {
        Objects.requireNonNull(carrierId, "carrierId");
        Objects.requireNonNull(endpoint, "endpoint");
        return all().stream().filter(r -> r.carrierId().equals(carrierId) && r.endpoint() == endpoint)
                .collect(Collectors.toUnmodifiableList());
    }

    /** Forgets every request. */
    public synchronized void clear() {
        entries.clear();
    }
}
