package tw.mobileauth.enrollment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tw.mobileauth.store.EnrollmentRecord;
import tw.mobileauth.store.EnrollmentStore;

/**
 * An {@link EnrollmentStore} decorator that checks every write against the state machine of
 * docs/journey.md and the document each state must carry, and remembers every violation. Tests put it
 * between the service and the real store ({@link Harness#Harness(java.util.function.UnaryOperator,
 * java.util.function.UnaryOperator)}) and assert {@link #violations()} stays empty.
 *
 * <pre>
 * insert:            AWAITING_DEVICE (QR route) | DEVICE_CONNECTED (same device)
 * AWAITING_DEVICE  → AWAITING_DEVICE (regenerate) | DEVICE_CONNECTED | EXPIRED | CANCELLED
 * DEVICE_CONNECTED → DEVICE_CONNECTED (pairing code checked) | VERIFYING | EXPIRED | CANCELLED
 * VERIFYING        → VERIFYING (restart, checkpoint, last error) | COMPLETED | REJECTED | EXPIRED | CANCELLED
 * final states     → nothing
 * </pre>
 */
final class StateMachineGuard implements EnrollmentStore {

    private static final Map<EnrollmentState, Set<EnrollmentState>> ALLOWED = Map.of(
            EnrollmentState.AWAITING_DEVICE, EnumSet.of(EnrollmentState.AWAITING_DEVICE,
                    EnrollmentState.DEVICE_CONNECTED, EnrollmentState.EXPIRED, EnrollmentState.CANCELLED),
            EnrollmentState.DEVICE_CONNECTED, EnumSet.of(EnrollmentState.DEVICE_CONNECTED, EnrollmentState.VERIFYING,
                    EnrollmentState.EXPIRED, EnrollmentState.CANCELLED),
            EnrollmentState.VERIFYING, EnumSet.of(EnrollmentState.VERIFYING, EnrollmentState.COMPLETED,
                    EnrollmentState.REJECTED, EnrollmentState.EXPIRED, EnrollmentState.CANCELLED),
            EnrollmentState.COMPLETED, EnumSet.noneOf(EnrollmentState.class),
            EnrollmentState.REJECTED, EnumSet.noneOf(EnrollmentState.class),
            EnrollmentState.EXPIRED, EnumSet.noneOf(EnrollmentState.class),
            EnrollmentState.CANCELLED, EnumSet.noneOf(EnrollmentState.class));

    private final EnrollmentStore delegate;
    private final int maxRegenerations;
    private final List<String> violations = new ArrayList<>();
    private final Set<String> touched = new LinkedHashSet<>();

    StateMachineGuard(EnrollmentStore delegate, int maxRegenerations) {
        this.delegate = delegate;
        this.maxRegenerations = maxRegenerations;
    }

    /** Every broken rule seen so far, oldest first. */
    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** The ids written since the last call, and forgets them. */
    synchronized Set<String> drainTouched() {
        Set<String> out = Set.copyOf(touched);
        touched.clear();
        return out;
    }

    @Override
    public synchronized boolean insert(EnrollmentRecord record) {
        if (record.version() != 0) {
            violations.add("insert of " + record + " with a version other than 0");
        }
        if (record.state() != EnrollmentState.AWAITING_DEVICE && record.state() != EnrollmentState.DEVICE_CONNECTED) {
            violations.add("insert of " + record + ": begin stores only AWAITING_DEVICE or DEVICE_CONNECTED");
        }
        checkDocument(record);
        touched.add(record.id());
        return delegate.insert(record);
    }

    @Override
    public Optional<EnrollmentRecord> find(String id) {
        return delegate.find(id);
    }

    @Override
    public synchronized boolean compareAndSet(long expectedVersion, EnrollmentRecord next) {
        Optional<EnrollmentRecord> before = delegate.find(next.id());
        boolean written = delegate.compareAndSet(expectedVersion, next);
        if (written) {
            touched.add(next.id());
            EnrollmentState from = before.orElseThrow().state();
            if (!ALLOWED.get(from).contains(next.state())) {
                violations.add("forbidden transition " + from + " -> " + next.state() + " of " + next.id());
            }
            checkDocument(next);
        }
        return written;
    }

    @Override
    public boolean delete(String id) {
        return delegate.delete(id);
    }

    @Override
    public int purgeExpired(Instant now) {
        return delegate.purgeExpired(now);
    }

    @Override
    public List<EnrollmentRecord> listBySubject(String subjectKey) {
        return delegate.listBySubject(subjectKey);
    }

    @Override
    public int deleteAllForSubject(String subjectKey) {
        return delegate.deleteAllForSubject(subjectKey);
    }

    /** What each state's document must and must not hold (secrets and PII gone once final). */
    private void checkDocument(EnrollmentRecord r) {
        EnrollmentDocument d = EnrollmentDocument.parse(r.document());
        List<String> wrong = new ArrayList<>();
        if (r.state().isFinal()) {
            expect(wrong, d.sealedPii == null, "personal data kept");
            expect(wrong, d.handoffKey == null, "handoff token kept");
            expect(wrong, d.stateKey == null, "carrier state kept");
            expect(wrong, d.passwordHash == null, "password hash kept");
            expect(wrong, d.pairingCode == null, "pairing code kept");
        } else {
            expect(wrong, d.sealedPii != null, "personal data missing");
            expect(wrong, d.passwordHash != null, "password hash missing");
            expect(wrong, d.desktopVerifier != null, "desktop verifier missing");
            expect(wrong, d.regenerations >= 0 && d.regenerations <= maxRegenerations, "regenerations out of range");
        }
        switch (r.state()) {
            case AWAITING_DEVICE -> {
                expect(wrong, d.handoffKey != null, "no handoff token");
                expect(wrong, d.phoneVerifier == null, "a phone session before any claim");
            }
            case DEVICE_CONNECTED -> {
                expect(wrong, d.handoffKey == null, "a live handoff token after the claim");
                expect(wrong, d.phoneVerifier != null, "no phone session");
                expect(wrong, d.stateKey == null, "a carrier state before consent");
            }
            case VERIFYING -> {
                expect(wrong, d.phoneVerifier != null, "no phone session");
                expect(wrong, d.stateKey != null, "no carrier state");
                expect(wrong, d.consentAt != null && d.consentTerms != null, "verifying without consent");
                // The default service (as the fuzzing runs it) requires the pairing code on the QR route.
                expect(wrong, d.pairingConfirmed, "verifying with a phone that did not type the pairing code");
            }
            case COMPLETED -> expect(wrong, d.credentialId != null && d.certificate != null, "completed without a credential");
            case REJECTED -> expect(wrong, !d.rejectionCodes().isEmpty(), "rejected without reasons");
            case EXPIRED, CANCELLED -> expect(wrong, d.credentialId == null, "a credential on an unfinished enrolment");
        }
        if (!wrong.isEmpty()) {
            violations.add(r.state() + " record " + r.id() + " v" + r.version() + ": " + wrong);
        }
    }

    private static void expect(List<String> wrong, boolean condition, String problem) {
        if (!condition) {
            wrong.add(problem);
        }
    }
}
