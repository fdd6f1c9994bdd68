package tw.mobileauth.carrier.testkit.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Every request the fake registry received, in arrival order. Thread-safe: accessors return snapshots. */
public final class RegistryRequestLog {

    static final class Entry {
        private final RegistryEndpoint endpoint;
        private final String method;
        private final String path;
        private final Optional<String> correlator;
        private final Optional<String> contentType;
        private final String body;
        private final Instant at;
        private volatile Optional<String> jti = Optional.empty();
        private volatile int status;
        private volatile Optional<String> rejection = Optional.empty();

        Entry(RegistryEndpoint endpoint, String method, String path, Optional<String> correlator,
                Optional<String> contentType, String body, Instant at) {
            this.endpoint = endpoint;
            this.method = method;
            this.path = path;
            this.correlator = correlator;
            this.contentType = contentType;
            this.body = body;
            this.at = at;
        }

        void signedWith(String id) {
            this.jti = Optional.of(id);
        }

        void rejected(String reason) {
            this.rejection = Optional.of(reason);
        }

        void answered(int httpStatus) {
            this.status = httpStatus;
        }

        RegistryRequest snapshot() {
            return new RegistryRequest(endpoint, method, path, correlator, contentType, jti, body, at, status,
                    rejection);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    RegistryRequestLog() {
    }

    synchronized Entry arrived(RegistryEndpoint endpoint, String method, String path, Optional<String> correlator,
            Optional<String> contentType, String body, Instant at) {
        Entry e = new Entry(endpoint, method, path, correlator, contentType, body, at);
        entries.add(e);
        return e;
    }

    /** {@return every request so far, in arrival order} */
    public synchronized List<RegistryRequest> all() {
        return entries.stream().map(Entry::snapshot).toList();
    }

    /**
     * {@return the requests received at {@code endpoint}, in arrival order}
     *
     * @param endpoint the endpoint value
     */
    public List<RegistryRequest> of(RegistryEndpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return all().stream().filter(r -> r.endpoint() == endpoint).toList();
    }

    /** Forgets every request. */
    public synchronized void clear() {
        entries.clear();
    }
}
