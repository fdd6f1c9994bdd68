package tw.mobileauth.enrollment;

import tw.mobileauth.client.BoundDevice;
import tw.mobileauth.client.BrowserFamily;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.eligibility.EligibilityDecision;
import tw.mobileauth.internal.CompareAndSet;
import tw.mobileauth.store.EnrollmentRecord;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.StoreException;

/**
 * The enrolment's shared toolkit: reading and writing enrolment records and their tokens, keyed
 * hashes and random values, and the checks every step repeats (is it still open, is this the
 * desktop or the phone). Every state change is a compare-and-set on the enrolment record; a lost
 * race re-reads and decides again ({@link #update}), so two devices or two portal nodes never both
 * win a step.
 */
final class Records {

    /** Longest id, secret or token that is looked up or compared at all. */
    static final int MAX_TOKEN_LENGTH = 128;

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final Settings s;

    Records(Settings settings) {
        this.s = settings;
    }

    Instant now() {
        return s.clock.instant();
    }

    /** {@code bytes} random bytes in unpadded base64url: ids, secrets and tokens. */
    String random(int bytes) {
        byte[] b = new byte[bytes];
        s.random.nextBytes(b);
        return B64URL.encodeToString(b);
    }

    /** A fresh six-digit pairing code. */
    String pairingCode() {
        return String.format("%06d", s.random.nextInt(1_000_000));
    }

    /**
     * Whether two keyed hashes (token keys, callback fingerprints) are equal, compared in constant
     * time ({@link MessageDigest#isEqual}) so that the time taken reveals no prefix; {@code null}
     * equals nothing.
     */
    static boolean sameKey(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** The store key of a token or secret: a keyed hash, so a store dump cannot be replayed. */
    String key(String purpose, String value) {
        return s.hmac.verifier(purpose, value);
    }

    static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    // ------------------------------------------------------------ reading

    /** @throws EnrollmentException {@code UNKNOWN_ENROLLMENT} for an unknown, empty or absurd id */
    EnrollmentRecord load(String enrollmentId) throws EnrollmentException {
        if (enrollmentId == null || enrollmentId.isEmpty() || enrollmentId.length() > MAX_TOKEN_LENGTH) {
            throw new EnrollmentException(EnrollmentException.Reason.UNKNOWN_ENROLLMENT);
        }
        return s.enrollments.find(enrollmentId)
                .orElseThrow(() -> new EnrollmentException(EnrollmentException.Reason.UNKNOWN_ENROLLMENT));
    }

    /**
     * The enrolment as it stands now: if its lifetime is over and it is not final yet, it is moved
     * to EXPIRED first (wiping its data). A concurrent writer may have finalised it meanwhile;
     * then its final state is returned.
     *
     * @throws EnrollmentException {@code UNKNOWN_ENROLLMENT} if it was deleted meanwhile
     */
    EnrollmentRecord current(EnrollmentRecord r) throws EnrollmentException {
        if (r.state().isFinal() || now().isBefore(r.expiresAt())) {
            return r;
        }
        return update(r.id(), (latest, doc) -> {
            if (latest.state().isFinal() || now().isBefore(latest.expiresAt())) {
                return Optional.of(latest);
            }
            if (!finish(latest, doc, EnrollmentState.EXPIRED)) {
                return Optional.empty();
            }
            s.audit(new EnrollmentEvent.Expired(now(), latest.id()));
            return Optional.of(load(latest.id()));
        });
    }

    /**
     * @throws EnrollmentException {@code ENROLLMENT_EXPIRED} if its lifetime is over (it is moved to
     *                             EXPIRED now if need be), {@code ENROLLMENT_ENDED} if it ended otherwise
     */
    void requireOpen(EnrollmentRecord r) throws EnrollmentException {
        // The state it really ended in: a concurrent writer may have finished it first.
        EnrollmentRecord current = current(r);
        if (current.state() == EnrollmentState.EXPIRED) {
            throw new EnrollmentException(EnrollmentException.Reason.ENROLLMENT_EXPIRED);
        }
        if (current.state().isFinal()) {
            throw new EnrollmentException(EnrollmentException.Reason.ENROLLMENT_ENDED);
        }
    }

    /** The desktop secret matches the enrolment's verifier (constant time); otherwise audited and refused. */
    void requireDesktop(EnrollmentRecord r, EnrollmentDocument doc, DesktopSecret secret, String operation)
            throws EnrollmentException {
        String value = secret == null ? "" : secret.value();
        if (doc.desktopVerifier == null || value.isEmpty() || value.length() > MAX_TOKEN_LENGTH
                || !s.hmac.matches(doc.desktopVerifier, "desktop", value)) {
            s.audit(new EnrollmentEvent.AccessRefused(now(), r.id(), operation, "DESKTOP_SECRET"));
            throw new EnrollmentException(EnrollmentException.Reason.ACCESS_DENIED);
        }
    }

    /** The phone session matches the enrolment's verifier (constant time); otherwise audited and refused. */
    void requirePhone(EnrollmentRecord r, EnrollmentDocument doc, PhoneSession session, String operation)
            throws EnrollmentException {
        String value = session.secret();
        if (doc.phoneVerifier == null || value.isEmpty() || value.length() > MAX_TOKEN_LENGTH
                || !s.hmac.matches(doc.phoneVerifier, "phone", value)) {
            s.audit(new EnrollmentEvent.AccessRefused(now(), r.id(), operation, "PHONE_SESSION"));
            throw new EnrollmentException(EnrollmentException.Reason.ACCESS_DENIED);
        }
    }

    // ------------------------------------------------------------ writing

    /** One decision on the current version of an enrolment, for {@link #update}. */
    @FunctionalInterface
    interface Attempt<T> {
        /**
         * Decides on {@code r} (with {@code doc}, a fresh copy of its document to change) and
         * writes the successor with compare-and-set.
         *
         * @return the result when settled (the write won, or there is nothing to write); empty
         *         when the write lost to a concurrent writer, to decide again on the newer version
         * @throws EnrollmentException to refuse the request
         */
        Optional<T> tryOn(EnrollmentRecord r, EnrollmentDocument doc) throws EnrollmentException;
    }

    /**
     * Reads the enrolment and lets {@code attempt} decide, again on every lost compare-and-set, at
     * most {@value CompareAndSet#MAX_ATTEMPTS} times ({@link CompareAndSet}).
     *
     * @throws EnrollmentException {@code UNKNOWN_ENROLLMENT}, whatever {@code attempt} throws, or
     *                             {@code WRONG_STEP} after too much contention
     */
    <T> T update(String enrollmentId, Attempt<T> attempt) throws EnrollmentException {
        Optional<T> settled = CompareAndSet.retry(() -> {
            EnrollmentRecord r = load(enrollmentId);
            return attempt.tryOn(r, EnrollmentDocument.parse(r.document()));
        });
        return settled.orElseThrow(() -> contention(enrollmentId));
    }

    /** The refusal after {@value CompareAndSet#MAX_ATTEMPTS} lost compare-and-sets: {@code WRONG_STEP}, logged. */
    EnrollmentException contention(String enrollmentId) {
        LoggerFactory.getLogger(Records.class).warn("enrolment {} changed {} times during one request; giving up",
                enrollmentId, CompareAndSet.MAX_ATTEMPTS);
        return new EnrollmentException(EnrollmentException.Reason.WRONG_STEP);
    }

    /**
     * Moves the enrolment to a final state, wiping its personal data and secrets, and revokes its
     * outstanding tokens. @return whether this caller's compare-and-set won
     */
    boolean finish(EnrollmentRecord r, EnrollmentDocument doc, EnrollmentState state) {
        String handoff = doc.handoffKey;
        String carrierState = doc.stateKey;
        doc.wipe();
        Instant now = now();
        boolean won = s.enrollments.compareAndSet(r.version(),
                r.next(state, doc.toJson(), now, now.plus(s.resultRetention)));
        if (won) {
            if (handoff != null) {
                s.tokens.revoke(handoff);
            }
            if (carrierState != null && state != EnrollmentState.COMPLETED && state != EnrollmentState.REJECTED) {
                s.tokens.revoke(carrierState);
            }
        }
        return won;
    }

    /**
     * Notes the problem for the desktop's status ({@code lastError}); the enrolment itself is
     * unchanged. Written only while the enrolment is still in the state of {@code r} and
     * {@code stillOurs} holds for its newest document: a concurrent attempt that got further must
     * not be overwritten (nor lose its compare-and-set to our note).
     *
     * @return {@code false} if a concurrent attempt made the note moot ({@code stillOurs} failed)
     */
    boolean noteLastError(EnrollmentRecord r, String code, Predicate<EnrollmentDocument> stillOurs) {
        Optional<Boolean> noted = CompareAndSet.retry(() -> {
            Optional<EnrollmentRecord> latest = s.enrollments.find(r.id());
            if (latest.isEmpty() || latest.get().state() != r.state()) {
                return Optional.of(latest.isEmpty() || !latest.get().state().isFinal());
            }
            EnrollmentRecord current = latest.get();
            EnrollmentDocument doc = EnrollmentDocument.parse(current.document());
            if (!stillOurs.test(doc)) {
                return Optional.of(false);
            }
            doc.lastError = code;
            return s.enrollments.compareAndSet(current.version(), current.next(current.state(), doc.toJson(),
                    now(), current.purgeAfter())) ? Optional.of(true) : Optional.empty();
        });
        return noted.orElse(true);
    }

    /**
     * We cannot go on (not the carrier's fault): audits it, notes it on the enrolment for the
     * desktop's status, and returns the {@link EnrollmentUnavailableException.Recovery#TRY_LATER} exception.
     */
    EnrollmentUnavailableException serviceUnavailable(String enrollmentId, EnrollmentUnavailableException.Source source,
            String operation, String problem, String message, Throwable cause) {
        s.audit(new EnrollmentEvent.ServiceUnavailable(now(), enrollmentId, source.name(), operation, problem));
        try {
            update(enrollmentId, (r, doc) -> {
                if (r.state().isFinal()) {
                    return Optional.of(r);
                }
                doc.lastError = problem;
                return s.enrollments.compareAndSet(r.version(), r.next(r.state(), doc.toJson(), now(), r.purgeAfter()))
                        ? Optional.of(r) : Optional.empty();
            });
        } catch (EnrollmentException e) {
            // gone or contended: there is nothing to note it on
        }
        return new EnrollmentUnavailableException(source, EnrollmentUnavailableException.Recovery.TRY_LATER,
                Optional.empty(), message, cause);
    }

    /**
     * Stores a new enrolment.
     *
     * @param record the new enrolment
     * @param orphan a token to revoke if the record cannot be stored
     * @throws EnrollmentUnavailableException {@code STORE}, {@code NEW_FORM} (begin used up the captcha
     *                                        and challenge), if the store is full
     */
    void insert(EnrollmentRecord record, Optional<String> orphan) throws EnrollmentUnavailableException {
        boolean inserted;
        try {
            inserted = s.enrollments.insert(record);
        } catch (StoreException e) {
            orphan.ifPresent(s.tokens::revoke);
            throw storeUnavailable(e, EnrollmentUnavailableException.Recovery.NEW_FORM);
        }
        if (!inserted) {
            throw new IllegalStateException("random enrolment id collided; the random source is broken");
        }
    }

    /**
     * Stores a new one-time token.
     *
     * @param recovery {@code RETRY} if the same call may simply be repeated (nothing single-use was
     *                 spent), {@code NEW_FORM} from {@code begin}
     * @throws EnrollmentUnavailableException {@code STORE} if the store is full
     */
    void insertToken(OneTimeToken token, EnrollmentUnavailableException.Recovery recovery)
            throws EnrollmentUnavailableException {
        boolean inserted;
        try {
            inserted = s.tokens.insert(token);
        } catch (StoreException e) {
            throw storeUnavailable(e, recovery);
        }
        if (!inserted) {
            throw new IllegalStateException("random token collided; the random source is broken");
        }
    }

    /** A full store is "busy, come back later"; a failed backend stays a {@link StoreException}. */
    private static EnrollmentUnavailableException storeUnavailable(StoreException e,
            EnrollmentUnavailableException.Recovery recovery) {
        if (e.reason() != StoreException.Reason.FULL) {
            throw e;
        }
        return new EnrollmentUnavailableException(EnrollmentUnavailableException.Source.STORE, recovery,
                Optional.empty(), "too many pending applications or challenges: " + e.getMessage(), e);
    }

    // ------------------------------------------------------------ what the document says

    /** The rejection reasons recorded on the enrolment, in order. */
    static List<RejectionReason> reasons(EnrollmentDocument doc) {
        List<RejectionReason> out = new ArrayList<>();
        for (String code : doc.rejectionCodes()) {
            out.add(RejectionReason.parse(code));
        }
        return out;
    }

    /** The reasons of an INELIGIBLE decision, as rejection reasons. */
    static List<RejectionReason> ineligible(EligibilityDecision decision) {
        List<RejectionReason> out = new ArrayList<>();
        decision.reasonCodes().forEach(c -> out.add(new RejectionReason.Ineligible(c)));
        return out;
    }

    /** The applying device as recorded at {@code begin}, for the phone's summary and listener events. */
    static ApplyingDevice applyingDevice(EnrollmentDocument doc, Instant appliedAt) {
        return new ApplyingDevice(DeviceClass.valueOf(doc.applyingDevice), applyingBrowser(doc),
                Optional.ofNullable(doc.applyingNetwork), appliedAt);
    }

    /**
     * The browser the credential will be bound to: the applying device (it created and holds the
     * key), by class and browser family; empty if the document does not say (never on one that
     * {@code begin} wrote).
     */
    static Optional<BoundDevice> boundDevice(EnrollmentDocument doc) {
        if (doc.applyingDevice == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BoundDevice(DeviceClass.valueOf(doc.applyingDevice), applyingBrowser(doc)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static BrowserFamily applyingBrowser(EnrollmentDocument doc) {
        try {
            return doc.applyingBrowser == null ? BrowserFamily.UNKNOWN : BrowserFamily.valueOf(doc.applyingBrowser);
        } catch (IllegalArgumentException e) {
            return BrowserFamily.OTHER;
        }
    }

    /** A public call whose store failure the caller sees as a typed "unavailable" (with one more checked exception {@code X}). */
    @FunctionalInterface
    interface StoreCall<T, X extends Exception> {
        T run() throws EnrollmentException, EnrollmentUnavailableException, X;
    }

    /**
     * Runs {@code call}; a {@link tw.mobileauth.store.StoreException} (a failed or full store)
     * becomes {@link EnrollmentUnavailableException} {@code STORE}, {@code RETRY}: nothing was
     * half-written (every store operation is atomic), so the same call may be repeated.
     */
    static <T, X extends Exception> T storeCall(StoreCall<T, X> call)
            throws EnrollmentException, EnrollmentUnavailableException, X {
        return storeCall(EnrollmentUnavailableException.Recovery.RETRY, call);
    }

    /** As {@link #storeCall(StoreCall)} with the recovery the caller needs, e.g. {@code NEW_FORM} from {@code begin}. */
    static <T, X extends Exception> T storeCall(EnrollmentUnavailableException.Recovery recovery, StoreCall<T, X> call)
            throws EnrollmentException, EnrollmentUnavailableException, X {
        try {
            return call.run();
        } catch (tw.mobileauth.store.StoreException e) {
            throw new EnrollmentUnavailableException(EnrollmentUnavailableException.Source.STORE, recovery,
                    java.util.Optional.empty(), "the enrolment store failed: " + e.reason(), e);
        }
    }
}
