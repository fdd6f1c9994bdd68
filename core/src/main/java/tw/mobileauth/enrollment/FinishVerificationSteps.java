package tw.mobileauth.enrollment;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.ConcurrentCalls;
import tw.mobileauth.carrier.spi.ConcurrentCalls.Forked;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.NvVerification;
import tw.mobileauth.carrier.spi.SimSwapInfo;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;
import tw.mobileauth.credential.CredentialCertificate;
import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.crypto.DevicePublicKey;
import tw.mobileauth.eligibility.EligibilityDecision;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.store.ClaimResult;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.CredentialStatus;
import tw.mobileauth.store.EnrollmentRecord;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.TokenPurpose;

/**
 * {@link EnrollmentService#completeVerification} as numbered steps, in the manner of
 * {@code login.FinishLoginSteps}: each step is its own method and runs on its own in the tests.
 * A check that refuses the request throws the public {@link EnrollmentException}; a check that
 * ends the verification early throws a stackless {@link StepFailure}, which {@link #finish} turns
 * into the {@link VerificationOutcome} ({@link Outcomes}).
 *
 * <ol>
 *   <li>{@link #checkBrowser}: the callback is in the browser that started the verification.</li>
 *   <li>{@link #claimState}: the carrier {@code state} is claimed once, by this callback.</li>
 *   <li>{@link #recordedOutcome}, {@link #openVerification}: a repeat after the end answers what
 *       was decided; otherwise the enrolment is open, VERIFYING, on this state.</li>
 *   <li>{@link #verifyNumber}: number verification over the carrier's network, checkpointed.</li>
 *   <li>{@link #lookUpSubscriber}: <em>only then</em> KYC match, NHI card, attributes, SIM swap.</li>
 *   <li>{@link #decideEligibility}: the final eligibility on the carrier's facts.</li>
 *   <li>{@link #issue}: a certificate and a PENDING credential, usable by nobody yet.</li>
 *   <li>{@link #completeAndBind}: COMPLETED, then the credential is activated and bound.</li>
 * </ol>
 * A rejection wipes the pending data; a carrier failure keeps the enrolment VERIFYING (steps 4–5 say how).
 */
final class FinishVerificationSteps {

    /** Longest carrier {@code state} looked up at all. */
    static final int MAX_STATE_CHARS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(FinishVerificationSteps.class);
    private static final ConcurrentCalls NOT_OFFERED = ConcurrentCalls.sequential();

    private final Settings s;
    private final Records records;
    private final CarrierCalls carriers;
    private final Binding binding;
    private final Outcomes outcomes;
    private final IdentityChecks identity;
    private final CodeExchanges exchanges;

    FinishVerificationSteps(Settings settings, Records records, CarrierCalls carriers) {
        this.s = settings;
        this.records = records;
        this.carriers = carriers;
        this.binding = new Binding(settings, records);
        this.outcomes = new Outcomes(settings, records);
        this.identity = new IdentityChecks(settings, records, carriers);
        this.exchanges = new CodeExchanges(settings, records);
    }

    /** The whole ceremony: steps 1–8, each early end turned into the public outcome. */
    VerificationOutcome finish(PhoneSession session, VerificationCallback callback)
            throws EnrollmentException, EnrollmentUnavailableException {
        PhoneSession phone = session == null ? PhoneSession.fromTransport(null) : session;
        VerificationCallback received = callback == null ? new VerificationCallback(Map.of()) : callback;
        String stateKey = checkBrowser(phone, received);
        EnrollmentRecord r = records.load(claimState(stateKey, received));
        Optional<VerificationOutcome> recorded = recordedOutcome(r);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        Verifying v = openVerification(r, stateKey);
        try {
            v = verifyNumber(v, received);
            decideEligibility(lookUpSubscriber(v));
            completeAndBind(v, issue(v));
            return new VerificationOutcome.Issued(v.id(), v.doc().credentialId);
        } catch (StepFailure.Rejected rejected) {
            return outcomes.reject(v, rejected.reasons());
        } catch (StepFailure.Superseded superseded) {
            return outcomes.settledBySomeoneElse(v.id());
        }
    }

    // ------------------------------------------------------------------ step 1

    /**
     * Step 1: the callback came back to the browser that started the verification. It carries a
     * {@code state}, and the phone session sent with it (that browser's cookie) belongs to the
     * enrolment that owns the state: OAuth's rule that {@code state} is bound to the user agent.
     * Checked with a read only, before the state is claimed, so that a callback in the wrong browser
     * (a forwarded carrier link, a phishing relay) spends nothing and the right phone can still
     * finish. An unknown state passes here: step 2 refuses it, and there is nothing to spend.
     *
     * @return the store key of the callback's state
     * @throws EnrollmentException {@code STATE_UNKNOWN} (no or an absurd state), {@code CALLBACK_WRONG_BROWSER}
     */
    String checkBrowser(PhoneSession session, VerificationCallback callback) throws EnrollmentException {
        String state = callback.parameters().getOrDefault("state", "");
        if (state.isEmpty() || state.length() > MAX_STATE_CHARS) {
            refuse("-", EnrollmentException.Reason.STATE_UNKNOWN);
        }
        String stateKey = records.key("carrier-state", state);
        Optional<OneTimeToken> token = s.tokens.find(stateKey).filter(t -> t.purpose() == TokenPurpose.CARRIER_STATE);
        if (token.isEmpty()) {
            return stateKey;
        }
        String enrollmentId = token.get().subject();
        Optional<EnrollmentRecord> r = enrollmentId.equals(session.enrollmentId())
                ? s.enrollments.find(enrollmentId) : Optional.empty();
        String verifier = r.map(e -> EnrollmentDocument.parse(e.document()).phoneVerifier).orElse(null);
        String secret = session.secret();
        if (verifier == null || secret.isEmpty() || secret.length() > Records.MAX_TOKEN_LENGTH
                || !s.hmac.matches(verifier, "phone", secret)) {
            refuse(enrollmentId, EnrollmentException.Reason.CALLBACK_WRONG_BROWSER);
        }
        return stateKey;
    }

    // ------------------------------------------------------------------ step 2

    /**
     * Step 2: claims the carrier state for this callback, by a keyed fingerprint of the whole
     * callback. The state must belong to a verification in progress, and this callback must be the
     * first to use it, or a repeat of the first (a reload, a double submit), which goes on to the
     * recorded or checkpointed result. A claimed state stays in the store until it expires, so any
     * other callback for it is recognised as a replay.
     *
     * @return the id of the enrolment the state belongs to
     * @throws EnrollmentException {@code STATE_UNKNOWN}, {@code VERIFICATION_EXPIRED} or {@code STATE_REPLAYED}
     */
    String claimState(String stateKey, VerificationCallback callback) throws EnrollmentException {
        String fingerprint = records.key("carrier-callback", callback.canonical());
        ClaimResult claim = s.tokens.claim(stateKey, fingerprint, records.now());
        Optional<OneTimeToken> token = claim.token().filter(t -> t.purpose() == TokenPurpose.CARRIER_STATE);
        String enrollmentId = token.map(OneTimeToken::subject).orElse("-");
        switch (claim.status()) {
            case NOT_FOUND -> refuse(enrollmentId, EnrollmentException.Reason.STATE_UNKNOWN);
            case EXPIRED -> refuse(enrollmentId, EnrollmentException.Reason.VERIFICATION_EXPIRED);
            case ALREADY_CLAIMED -> {
                if (token.isEmpty() || !Records.sameKey(token.get().claimant().orElse(""), fingerprint)) {
                    refuse(enrollmentId, EnrollmentException.Reason.STATE_REPLAYED);
                }
            }
            case CLAIMED -> {
                // first use
            }
        }
        if (token.isEmpty()) {
            refuse(enrollmentId, EnrollmentException.Reason.STATE_UNKNOWN);
        }
        return enrollmentId;
    }

    // ------------------------------------------------------------------ step 3

    /**
     * Step 3a: a repeat of the callback after the enrolment ended answers what was decided. For a
     * COMPLETED one it also makes sure the credential was activated and the binding policy applied,
     * since an earlier attempt may have stopped between completing and binding.
     *
     * @return the recorded outcome, or empty if the enrolment has not been decided
     */
    Optional<VerificationOutcome> recordedOutcome(EnrollmentRecord r) {
        EnrollmentDocument doc = EnrollmentDocument.parse(r.document());
        if (r.state() == EnrollmentState.COMPLETED) {
            binding.activateAndBind(r, doc, false);
            return Optional.of(new VerificationOutcome.Issued(r.id(), doc.credentialId));
        }
        if (r.state() == EnrollmentState.REJECTED) {
            return Optional.of(new VerificationOutcome.Refused(r.id(), Records.reasons(doc)));
        }
        return Optional.empty();
    }

    /**
     * Step 3b: the enrolment is still waiting for <em>this</em> state (a newer
     * {@code startVerification} replaces it), is open, and is VERIFYING; its carrier is still
     * configured and its personal data opens.
     *
     * @throws EnrollmentException            {@code STATE_REPLAYED} (audited), {@code ENROLLMENT_EXPIRED},
     *                                        {@code ENROLLMENT_ENDED} or {@code WRONG_STEP}
     * @throws EnrollmentUnavailableException {@code CONFIGURATION} if its carrier is no longer configured
     */
    Verifying openVerification(EnrollmentRecord r, String stateKey)
            throws EnrollmentException, EnrollmentUnavailableException {
        EnrollmentDocument doc = EnrollmentDocument.parse(r.document());
        if (!Records.sameKey(stateKey, doc.stateKey)) {
            refuse(r.id(), EnrollmentException.Reason.STATE_REPLAYED);
        }
        records.requireOpen(r);
        if (r.state() != EnrollmentState.VERIFYING) {
            throw new EnrollmentException(EnrollmentException.Reason.WRONG_STEP);
        }
        CarrierAdapter adapter = carriers.adapter(r.id(), doc.carrierId, "completeVerification");
        return new Verifying(r, doc, PendingData.open(s.sealKey, doc.sealedPii, r.id()), adapter, stateKey);
    }

    // ------------------------------------------------------------------ step 4

    /**
     * Step 4: the carrier verifies, over its own network, that the phone holds the number (the code
     * exchange, one attempt at a time: {@link CodeExchanges}), and reports the network it is on. The
     * result is checkpointed, so a later failure (or a duplicate) resumes after it without a second
     * exchange of the single-use code.
     * @return the enrolment as checkpointed
     * @throws StepFailure.Rejected {@code NUMBER_NOT_VERIFIED}, or the carrier's answer about the line
     * @throws StepFailure.Superseded a concurrent attempt at the same callback got further
     * @throws EnrollmentUnavailableException the carrier failed; retryable with the same callback only if
     *         {@link CarrierCalls#sameCallbackMayPass} says so, otherwise the phone starts again
     */
    Verifying verifyNumber(Verifying v, VerificationCallback callback)
            throws StepFailure.Rejected, StepFailure.Superseded, EnrollmentUnavailableException {
        if (v.doc().hasNumberVerifiedFor(v.stateKey())) {
            return v;
        }
        if (!exchanges.take(v)) {
            throw CodeExchanges.inProgress();
        }
        NvVerification nv;
        try {
            nv = v.adapter().completeNumberVerification(carriers.callContext(), v.pii().challenge(),
                    callback.parameters());
        } catch (CarrierException e) {
            CarrierCalls.rejectIfAboutTheLine(e);
            boolean retryable = CarrierCalls.sameCallbackMayPass(e, callback);
            exchanges.release(v); // a repeat meets the same answer from the carrier, not "in progress"
            s.audit(carriers.carrierFailed(v.id(), v.doc().carrierId, "completeNumberVerification", e, retryable));
            // A duplicate's failed exchange must not touch the first one's checkpoint.
            String verified = v.stateKey();
            if (!records.noteLastError(v.record(), CarrierCalls.lastError(e, retryable),
                    d -> !d.hasNumberVerifiedFor(verified))) {
                throw new StepFailure.Superseded();
            }
            throw CarrierCalls.unavailable(e, retryable);
        }
        s.audit(new EnrollmentEvent.NumberVerified(records.now(), v.id(), v.doc().carrierId, nv.result().verified(),
                nv.network().accessNetwork().name(), nv.network().roaming()));
        if (!nv.result().verified()) {
            throw new StepFailure.Rejected(VerificationFailure.NUMBER_NOT_VERIFIED);
        }
        return checkpoint(v, nv);
    }

    /** Step 4, checkpoint: the number verification and network status, written with compare-and-set. */
    private Verifying checkpoint(Verifying v, NvVerification nv) throws StepFailure.Superseded {
        // Step 1 made sure the callback came back in this enrolment's phone session.
        v.noteNumberVerified(nv, s.sealKey);
        EnrollmentRecord r = v.record();
        EnrollmentRecord next = r.next(r.state(), v.doc().toJson(), records.now(), r.purgeAfter());
        if (!s.enrollments.compareAndSet(r.version(), next)) {
            throw new StepFailure.Superseded();
        }
        return v.after(next);
    }

    // ------------------------------------------------------------------ step 5

    /**
     * Step 5: only now, with the number proven, the subscriber is looked up: the person's holder-check
     * limit ({@link IdentityChecks}), the KYC match of the form's ID, name and birth date, the NHI card
     * at the identity registry, then subscription attributes and SIM swap where offered. An adapter
     * without {@link Capability#KYC_MATCH} fails closed: nothing else ties the person to the line.
     *
     * <p>The line's own facts (attributes, SIM swap) are read side by side with the KYC match, so the
     * phone waits for the slowest carrier call rather than their sum; the NHI registry is asked only
     * once the KYC match holds. Failures are reported in that order whatever finished first: a KYC
     * mismatch rejects whatever the other calls answered, and a failed call is the first failure
     * among the KYC match, the NHI card, attributes and SIM swap. A step that ends early cancels
     * the calls still running.
     *
     * @return the facts for the final eligibility decision
     * @throws StepFailure.Rejected the holder-check limit, a KYC mismatch, or the carrier's answer
     * @throws EnrollmentUnavailableException a look-up failed; retryable with the same callback (checkpointed)
     */
    EligibilityFacts lookUpSubscriber(Verifying v) throws StepFailure.Rejected, EnrollmentUnavailableException {
        CarrierAdapter adapter = v.adapter();
        Set<Capability> caps = adapter.capabilities();
        if (!caps.contains(Capability.KYC_MATCH)) {
            LOG.warn("carrier adapter '{}' no longer declares KYC_MATCH; enrolment {} is rejected unverified",
                    v.doc().carrierId, v.id());
            throw new StepFailure.Rejected(VerificationFailure.HOLDER_DATA_UNAVAILABLE);
        }
        identity.requireUnderLimit(v);
        Verifying.Holder holder = v.holder(s.clock);
        Msisdn msisdn = Msisdn.of(v.pii().phoneE164);
        SubscriberClaims claims = holder.claims();
        EligibilityFacts facts = v.knownFacts(holder.id());
        String operation = "matchSubscriber";
        try (Forked<Optional<SubscriptionAttributes>> attributes = lookUp(
                        caps.contains(Capability.SUBSCRIPTION_ATTRIBUTES),
                        () -> adapter.subscriptionAttributes(carriers.callContext(), msisdn, claims));
                Forked<Optional<SimSwapInfo>> simSwap = lookUp(
                        caps.contains(Capability.SIM_SWAP_DATE) || caps.contains(Capability.SIM_SWAP_CHECK),
                        () -> adapter.simSwapInfo(carriers.callContext(), msisdn))) {
            List<RejectionReason> mismatch = CarrierCalls.kycMismatch(
                    adapter.matchSubscriber(carriers.callContext(), msisdn, claims));
            if (!mismatch.isEmpty()) {
                identity.countFailure(v);
                throw new StepFailure.Rejected(mismatch);
            }
            facts = identity.checkCard(v, holder.id().value(), facts);
            operation = "subscriptionAttributes";
            Optional<SubscriptionAttributes> lineAttributes = attributes.join();
            if (lineAttributes.isPresent()) {
                facts = CarrierFacts.withAttributes(facts, lineAttributes.get());
            }
            operation = "simSwapInfo";
            Optional<SimSwapInfo> swap = simSwap.join();
            if (swap.isPresent()) {
                facts = CarrierFacts.withSimSwap(facts, swap.get(), records.now());
            }
            return facts;
        } catch (CarrierException e) {
            CarrierCalls.rejectIfAboutTheLine(e);
            s.audit(carriers.carrierFailed(v.id(), v.doc().carrierId, operation, e, e.isRetryable()));
            records.noteLastError(v.record(), CarrierCalls.lastError(e, e.isRetryable()), d -> true);
            throw CarrierCalls.unavailable(e, e.isRetryable());
        }
    }

    /** A look-up the adapter offers, started beside the caller; one it does not offer is empty at once. */
    private <T> Forked<Optional<T>> lookUp(boolean offered, ConcurrentCalls.Call<T> call) {
        return offered ? s.lookups.fork(() -> Optional.of(call.call())) : NOT_OFFERED.fork(Optional::empty);
    }

    // ------------------------------------------------------------------ step 6

    /**
     * Step 6: the final eligibility, on what the carrier verified rather than on what the form
     * declared. A decision the facts cannot support (UNDETERMINED) rejects, never issues.
     *
     * @throws StepFailure.Rejected the policy's reasons for INELIGIBLE, or {@code FACTS_INCOMPLETE}
     */
    void decideEligibility(EligibilityFacts facts) throws StepFailure.Rejected {
        EligibilityDecision decision = s.policy.evaluate(facts);
        switch (decision.verdict()) {
            case INELIGIBLE -> throw new StepFailure.Rejected(Records.ineligible(decision));
            case UNDETERMINED -> throw new StepFailure.Rejected(VerificationFailure.FACTS_INCOMPLETE);
            case ELIGIBLE -> {
                // go on to issuance
            }
        }
    }

    // ------------------------------------------------------------------ step 7

    /**
     * Step 7: the certificate for the form's device key and the credential holding it (keyed verifiers,
     * password hash, the applying browser's class and family), stored PENDING until step 8; its issue
     * time follows the person's earlier ones.
     * @return the new credential's id, also recorded in the document
     * @throws EnrollmentUnavailableException {@code ISSUER} if the CA cannot issue now
     */
    String issue(Verifying v) throws EnrollmentUnavailableException {
        EnrollmentDocument doc = v.doc();
        DevicePublicKey deviceKey;
        try {
            deviceKey = DevicePublicKey.fromSpki(Base64.getDecoder().decode(doc.deviceKey));
        } catch (CryptoException.InvalidDeviceKey e) {
            throw new IllegalStateException("a stored device key no longer parses", e);
        }
        CredentialCertificate certificate = Issuance.certificate(s, records, v.id(), deviceKey);
        String credentialId = certificate.credentialId().value();
        String der = Base64.getEncoder().encodeToString(certificate.der());
        Verifying.Holder holder = v.holder(s.clock);
        CredentialRecord credential = new CredentialRecord(credentialId, 0, doc.subjectKey,
                CredentialVerifiers.birthDate(s.hmac, credentialId, holder.birthDate()),
                CredentialVerifiers.name(s.hmac, credentialId, holder.name()), doc.passwordHash, doc.deviceKey, der,
                CredentialStatus.PENDING, binding.issueTime(doc.subjectKey, records.now()), certificate.notAfter(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Records.boundDevice(doc));
        if (!s.credentials.insert(credential)) {
            throw new IllegalStateException("random credential id collided; the random source is broken");
        }
        doc.credentialId = credentialId;
        doc.certificate = der;
        doc.lastError = null;
        return credentialId;
    }

    // ------------------------------------------------------------------ step 8

    /**
     * Step 8: the enrolment moves to COMPLETED (compare-and-set; its personal data is wiped), and
     * only the attempt that wins activates its credential and applies the binding policy. The
     * loser's credential was never active and is deleted, so it never counts as anyone's newest.
     *
     * @throws StepFailure.Superseded a concurrent attempt at the same callback completed or rejected first
     */
    void completeAndBind(Verifying v, String credentialId) throws StepFailure.Superseded {
        if (!records.finish(v.record(), v.doc(), EnrollmentState.COMPLETED)) {
            s.credentials.delete(credentialId);
            throw new StepFailure.Superseded();
        }
        s.audit(new EnrollmentEvent.Completed(records.now(), v.id(), credentialId));
        binding.activateAndBind(v.record(), v.doc(), true);
    }

    // ------------------------------------------------------------------ helpers

    private void refuse(String enrollmentId, EnrollmentException.Reason reason) throws EnrollmentException {
        s.audit(new EnrollmentEvent.AccessRefused(records.now(), enrollmentId, "completeVerification", reason.name()));
        throw new EnrollmentException(reason);
    }
}
