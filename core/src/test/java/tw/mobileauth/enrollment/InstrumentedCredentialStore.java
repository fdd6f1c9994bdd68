package tw.mobileauth.enrollment;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.InMemoryCredentialStore;

/**
 * An in-memory credential store whose {@link #listBySubject} can be made to misbehave: while
 * armed it waits until {@code parties} callers are inside it (forcing the interleaving where
 * several enrolments of one person have each inserted their credential before any of them applies
 * the binding policy), and after {@link #failNextListing()} its first listing after the next
 * insert fails once, as a store that lost its connection just after the credential was issued.
 */
final class InstrumentedCredentialStore extends tw.mobileauth.testsupport.ForwardingCredentialStore {

    private final CyclicBarrier barrier;
    private volatile boolean armed;
    private final java.util.concurrent.atomic.AtomicBoolean failNext = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean failAfterInsert =
            new java.util.concurrent.atomic.AtomicBoolean();

    InstrumentedCredentialStore(int parties) {
        super(new InMemoryCredentialStore());
        this.barrier = new CyclicBarrier(parties);
    }

    void arm(boolean on) {
        armed = on;
    }

    void failNextListing() {
        failAfterInsert.set(true);
    }

    @Override
    public boolean insert(CredentialRecord record) {
        boolean inserted = super.insert(record);
        if (inserted && failAfterInsert.getAndSet(false)) {
            failNext.set(true);
        }
        return inserted;
    }

    @Override
    public List<CredentialRecord> listBySubject(String subjectKey) {
        if (failNext.getAndSet(false)) {
            throw new tw.mobileauth.store.StoreException("listBySubject: connection lost (test)",
                    new java.io.IOException("reset"));
        }
        if (armed) {
            try {
                barrier.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other enrolments never reached the binding policy", e);
            }
        }
        return super.listBySubject(subjectKey);
    }
}
