package tw.mobileauth.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CredentialStore} in two {@link ConcurrentHashMap}s: credentials by id and credential ids
 * by subject key. Changes to one person's set of credentials run inside that person's index entry
 * ({@code compute}), so an insert can never slip past a concurrent {@link #deleteAllForSubject}.
 */
public final class InMemoryCredentialStore implements CredentialStore {

    private static final Comparator<CredentialRecord> OLDEST_FIRST =
            Comparator.comparing(CredentialRecord::issuedAt).thenComparing(CredentialRecord::credentialId);

    private final ConcurrentHashMap<String, CredentialRecord> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> bySubject = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryCredentialStore() {
        // nothing to configure: credentials do not expire out of the store
    }

    @Override
    public boolean insert(CredentialRecord record) {
        Objects.requireNonNull(record, "record");
        boolean[] inserted = {false};
        bySubject.compute(record.subjectKey(), (subject, ids) -> {
            if (byId.putIfAbsent(record.credentialId(), record) != null) {
                return ids;
            }
            inserted[0] = true;
            Set<String> next = ids == null ? new HashSet<>() : new HashSet<>(ids);
            next.add(record.credentialId());
            return Set.copyOf(next);
        });
        return inserted[0];
    }

    @Override
    public Optional<CredentialRecord> find(String credentialId) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(credentialId, "credentialId")));
    }

    @Override
    public List<CredentialRecord> listBySubject(String subjectKey) {
        Set<String> ids = bySubject.getOrDefault(Objects.requireNonNull(subjectKey, "subjectKey"), Set.of());
        List<CredentialRecord> found = new ArrayList<>(ids.size());
        for (String id : ids) {
            CredentialRecord r = byId.get(id);
            if (r != null) {
                found.add(r);
            }
        }
        found.sort(OLDEST_FIRST);
        return List.copyOf(found);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, CredentialRecord next) {
        Objects.requireNonNull(next, "next");
        if (next.version() != expectedVersion + 1) {
            throw new IllegalArgumentException("the successor's version must be " + (expectedVersion + 1)
                    + ", was " + next.version());
        }
        boolean[] written = {false};
        byId.computeIfPresent(next.credentialId(), (id, current) -> {
            if (current.version() != expectedVersion) {
                return current;
            }
            if (!current.subjectKey().equals(next.subjectKey()) || !current.issuedAt().equals(next.issuedAt())) {
                throw new IllegalArgumentException("a credential's subject key and issue time never change");
            }
            written[0] = true;
            return next;
        });
        return written[0];
    }

    @Override
    public boolean activate(String credentialId) {
        boolean[] activated = {false};
        byId.computeIfPresent(Objects.requireNonNull(credentialId, "credentialId"), (id, current) -> {
            if (!current.isPending()) {
                return current;
            }
            activated[0] = true;
            return current.activated();
        });
        return activated[0];
    }

    @Override
    public boolean revoke(String credentialId, Instant at) {
        Objects.requireNonNull(at, "at");
        boolean[] revoked = {false};
        byId.computeIfPresent(Objects.requireNonNull(credentialId, "credentialId"), (id, current) -> {
            if (!current.isActive()) {
                return current;
            }
            revoked[0] = true;
            return current.revoked(at);
        });
        return revoked[0];
    }

    @Override
    public boolean delete(String credentialId) {
        CredentialRecord r = byId.get(Objects.requireNonNull(credentialId, "credentialId"));
        if (r == null) {
            return false;
        }
        boolean[] deleted = {false};
        bySubject.computeIfPresent(r.subjectKey(), (subject, ids) -> {
            deleted[0] = byId.remove(credentialId) != null;
            Set<String> next = new HashSet<>(ids);
            next.remove(credentialId);
            return next.isEmpty() ? null : Set.copyOf(next);
        });
        return deleted[0];
    }

    @Override
    public int deleteAllForSubject(String subjectKey) {
        int[] deleted = {0};
        bySubject.computeIfPresent(Objects.requireNonNull(subjectKey, "subjectKey"), (subject, ids) -> {
            for (String id : ids) {
                if (byId.remove(id) != null) {
                    deleted[0]++;
                }
            }
            return null;
        });
        return deleted[0];
    }
}
