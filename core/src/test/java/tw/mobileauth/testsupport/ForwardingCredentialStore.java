package tw.mobileauth.testsupport;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.CredentialStore;

/**
 * A credential store that forwards every call to another; a test overrides only the calls it
 * watches, delays or breaks. Every SPI method is forwarded, so a method added to the SPI is
 * forwarded here once instead of in each test double.
 */
public class ForwardingCredentialStore implements CredentialStore {

    private final CredentialStore delegate;

    public ForwardingCredentialStore(CredentialStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store calls are forwarded to. */
    protected final CredentialStore delegate() {
        return delegate;
    }

    @Override
    public boolean insert(CredentialRecord record) {
        return delegate.insert(record);
    }

    @Override
    public Optional<CredentialRecord> find(String credentialId) {
        return delegate.find(credentialId);
    }

    @Override
    public List<CredentialRecord> listBySubject(String subjectKey) {
        return delegate.listBySubject(subjectKey);
    }

    @Override
    public boolean compareAndSet(long expectedVersion, CredentialRecord next) {
        return delegate.compareAndSet(expectedVersion, next);
    }

    @Override
    public boolean activate(String credentialId) {
        return delegate.activate(credentialId);
    }

    @Override
    public boolean revoke(String credentialId, Instant at) {
        return delegate.revoke(credentialId, at);
    }

    @Override
    public boolean delete(String credentialId) {
        return delegate.delete(credentialId);
    }

    @Override
    public int deleteAllForSubject(String subjectKey) {
        return delegate.deleteAllForSubject(subjectKey);
    }
}
