package tw.mobileauth.enrollment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.IdDocumentType;
import tw.mobileauth.carrier.spi.KycMatchResult;
import tw.mobileauth.carrier.spi.MatchOutcome;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.NvVerification;
import tw.mobileauth.carrier.spi.SimSwapInfo;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;
import tw.mobileauth.credential.CredentialCertificate;
import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.crypto.DevicePublicKey;
import tw.mobileauth.eligibility.DeviceClass;
import tw.mobileauth.eligibility.EligibilityDecision;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.identity.BirthDate;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.identity.PersonName;
import tw.mobileauth.internal.CompareAndSet;
import tw.mobileauth.store.ClaimResult;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.CredentialStatus;
import tw.mobileauth.store.EnrollmentRecord;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.TokenPurpose;

/**
 * {@code completeVerification}, as numbered steps:
 * <ol>
 *   <li>the callback came back to the browser that started the verification: the phone session
 *       it carries belongs to the enrolment that owns the {@code state} (checked before anything
 *       is claimed, so a forwarded link spends nothing); then claim the carrier {@code state} with a fingerprint of this callback (a repeat of the same
 *       callback is recognised; any other use of the state is a replay);</li>
 *   <li>number verification and network status (skipped when a previous attempt at the same
 *       {@code state} already checkpointed them);</li>
 *   <li><em>only then</em> KYC match, subscription attributes and SIM-swap information;</li>
 *   <li>final eligibility on the carrier's facts;</li>
 *   <li>issuance of a PENDING credential; it becomes ACTIVE only after the enrolment's step to
 *       COMPLETED wins, and only then does the binding policy run (so a concurrent attempt that
 *       lost never counts as anyone's newest credential).</li>
 * </ol>
 * A rejection wipes the pending data. A carrier failure changes nothing but the checkpoint and
 * {@code lastError}; the enrolment stays {@link EnrollmentState#VERIFYING}. Whether the same
 * callback may be repeated depends on where it failed:
 * <ul>
 *   <li>in the look-ups of step 3 a transient failure is retryable with the same callback: the
 *       number verification is checkpointed and not repeated;</li>
 *   <li>in step 2, once the code exchange was sent, the code may be redeemed and the 3-legged
 *       token spent, so the carrier advises {@link CarrierException.Retry#RESTART_VERIFICATION}:
 *       not retryable with the same callback ({@code lastError} {@value #RESTART}); the phone
 *       calls {@code startVerification} again (allowed in VERIFYING, within the enrolment's
 *       window), opens the new carrier URL and comes back with a new callback.</li>
 * </ul>
 */
final class Verification {

    private static final java.util.Comparator<CredentialRecord> OLDEST_FIRST = java.util.Comparator
            .comparing(CredentialRecord::issuedAt).thenComparing(CredentialRecord::credentialId);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Verification.class);
    /** {@code lastError} when only a new verification can get past the failure. */
    static final String RESTART = "CARRIER_RESTART";

    private final Settings s;
    private final Ceremony c;

    Verification(Settings settings, Ceremony ceremony) {
        this.s = settings;
        this.c = ceremony;
    }

    VerificationOutcome complete(PhoneSession session, VerificationCallback callback)
            throws EnrollmentException, EnrollmentUnavailableException {
        String state = callback.parameters().getOrDefault("state", "");
        Instant now = c.now();
        if (state.isEmpty() || state.length() > 256) {
            s.audit(new EnrollmentEvent.AccessRefused(now, "-", "completeVerification", "STATE_UNKNOWN"));
            throw new EnrollmentException(EnrollmentException.Reason.STATE_UNKNOWN);
        }
        String stateKey = c.key("carrier-state", state);
        // Step 1a: the callback is in the browser that started this verification; nothing is spent otherwise.
        requireStartingBrowser(session, stateKey);
        // Step 1b: the state must belong to a verification in progress, and this callback must be
        // the first (or a repeat of the first) to use it.
        String fingerprint = c.key("carrier-callback", callback.canonical());
        ClaimResult claim = s.tokens.claim(stateKey, fingerprint, now);
        Optional<OneTimeToken> token = claim.token().filter(t -> t.purpose() == TokenPurpose.CARRIER_STATE);
        String enrollmentId = token.map(OneTimeToken::subject).orElse("-");
        switch (claim.status()) {
            case NOT_FOUND -> refuse(enrollmentId, EnrollmentException.Reason.STATE_UNKNOWN);
            case EXPIRED -> refuse(enrollmentId, EnrollmentException.Reason.VERIFICATION_EXPIRED);
            case ALREADY_CLAIMED -> {
                if (token.isEmpty() || !Ceremony.sameKey(token.get().claimant().orElse(""), fingerprint)) {
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
        EnrollmentRecord r = c.load(enrollmentId);
        EnrollmentDocument doc = EnrollmentDocument.parse(r.document());
        // A repeat after the end returns the recorded outcome, and makes sure the binding policy
        // was applied (an earlier attempt may have stopped between issuing and binding).
        if (r.state() == EnrollmentState.COMPLETED) {
            activateAndBind(r, doc, false);
            return new VerificationOutcome.Completed(r.id(), doc.credentialId);
        }
        if (r.state() == EnrollmentState.REJECTED) {
            return new VerificationOutcome.Rejected(r.id(), c.reasons(doc));
        }
        if (!Ceremony.sameKey(stateKey, doc.stateKey)) {
            refuse(enrollmentId, EnrollmentException.Reason.STATE_REPLAYED);
        }
        c.requireOpen(r);
        if (r.state() != EnrollmentState.VERIFYING) {
            throw new EnrollmentException(EnrollmentException.Reason.WRONG_STEP);
        }
        CarrierAdapter adapter = c.adapter(r.id(), doc.carrierId, "completeVerification");
        PendingData pii = PendingData.open(s.sealKey, doc.sealedPii, r.id());

        // Step 2: number verification over the carrier's network, then network status.
        if (!doc.hasNumberVerifiedFor(stateKey)) {
            NvVerification nv;
            try {
                nv = adapter.completeNumberVerification(c.callContext(), pii.challenge(), callback.parameters());
            } catch (CarrierException e) {
                Optional<VerificationFailure> userFacing = verificationFailure(e);
                if (userFacing.isPresent()) {
                    return reject(r, doc, List.of(new RejectionReason.Unverified(userFacing.get())));
                }
                boolean retryable = sameCallbackMayPass(e, callback);
                s.audit(c.carrierFailed(r.id(), doc.carrierId, "completeNumberVerification", e, retryable));
                // A duplicate of a callback whose first attempt already verified the number fails
                // its own code exchange (the code is spent): that must not touch the first one's
                // checkpoint, nor tell the desktop to start again.
                String verified = stateKey;
                if (!noteLastError(r, lastError(e, retryable), d -> !d.hasNumberVerifiedFor(verified))) {
                    return settledBySomeoneElse(r.id());
                }
                throw Ceremony.unavailable(e, retryable);
            }
            s.audit(new EnrollmentEvent.NumberVerified(c.now(), r.id(), doc.carrierId, nv.result().verified(),
                    nv.network().accessNetwork().name(), nv.network().roaming()));
            if (!nv.result().verified()) {
                return reject(r, doc, List.of(new RejectionReason.Unverified(VerificationFailure.NUMBER_NOT_VERIFIED)));
            }
            doc.nvStateKey = stateKey;
            doc.nvVerifiedAt = nv.result().verifiedAt().toString();
            doc.nvAccess = nv.network().accessNetwork().name();
            doc.nvRoaming = nv.network().roaming();
            doc.nvVisitedCountry = nv.network().visitedCountry().isPresent()
                    ? nv.network().visitedCountry().getAsInt() : null;
            // Step 1a made sure the callback came back in this enrolment's phone session.
            doc.nvByPairedPhone = doc.pairingConfirmed;
            pii.forgetChallenge();
            doc.sealedPii = pii.seal(s.sealKey, r.id());
            doc.lastError = null;
            // Checkpoint: a later failure resumes here without a second code exchange.
            EnrollmentRecord next = r.next(r.state(), doc.toJson(), c.now(), r.purgeAfter());
            if (!s.enrollments.compareAndSet(r.version(), next)) {
                return settledBySomeoneElse(r.id());
            }
            r = next;
        }

        // Step 3: only now, with the number proven, look the subscriber up.
        Set<Capability> caps = adapter.capabilities();
        Msisdn msisdn = Msisdn.of(pii.phoneE164);
        NationalId id;
        PersonName name;
        BirthDate birth;
        try {
            id = NationalId.parse(pii.nationalId);
            name = PersonName.of(pii.name);
            birth = BirthDate.of(java.time.LocalDate.parse(pii.birthDate), s.clock);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("stored personal data no longer validates", e);
        }
        SubscriberClaims claims = new SubscriberClaims(id.value(), id.isCitizen() ? IdDocumentType.NATIONAL_ID_CARD
                : IdDocumentType.RESIDENCE_PERMIT, name.value(), birth.toLocalDate());
        EligibilityFacts facts = EligibilityFacts.unknown().withIdClass(id.idClass()).withCarrier(doc.carrierId);
        if (doc.verifyingDevice != null) {
            facts = facts.withDeviceClass(DeviceClass.valueOf(doc.verifyingDevice));
        }
        facts = CarrierFacts.withNetwork(facts, doc.nvAccess, Boolean.TRUE.equals(doc.nvRoaming),
                Optional.ofNullable(doc.nvVisitedCountry));
        String operation = "matchSubscriber";
        if (!caps.contains(Capability.KYC_MATCH)) {
            // Fail closed: the builder refused such an adapter, but capabilities may change at run
            // time. Without the holder check nothing ties the ID, name and birth date to the line.
            LOG.warn("carrier adapter '{}' no longer declares KYC_MATCH; enrolment {} is rejected unverified",
                    doc.carrierId, r.id());
            return reject(r, doc, List.of(new RejectionReason.Unverified(VerificationFailure.HOLDER_DATA_UNAVAILABLE)));
        }
        try {
            List<RejectionReason> mismatch = kycMismatch(adapter.matchSubscriber(c.callContext(), msisdn, claims));
            if (!mismatch.isEmpty()) {
                return reject(r, doc, mismatch);
            }
            operation = "subscriptionAttributes";
            if (caps.contains(Capability.SUBSCRIPTION_ATTRIBUTES)) {
                SubscriptionAttributes attrs = adapter.subscriptionAttributes(c.callContext(), msisdn, claims);
                facts = CarrierFacts.withAttributes(facts, attrs);
            }
            operation = "simSwapInfo";
            if (caps.contains(Capability.SIM_SWAP_DATE) || caps.contains(Capability.SIM_SWAP_CHECK)) {
                SimSwapInfo swap = adapter.simSwapInfo(c.callContext(), msisdn);
                facts = CarrierFacts.withSimSwap(facts, swap, c.now());
            }
        } catch (CarrierException e) {
            Optional<VerificationFailure> userFacing = verificationFailure(e);
            if (userFacing.isPresent()) {
                return reject(r, doc, List.of(new RejectionReason.Unverified(userFacing.get())));
            }
            s.audit(c.carrierFailed(r.id(), doc.carrierId, operation, e, e.isRetryable()));
            noteLastError(r, lastError(e, e.isRetryable()), d -> true);
            throw Ceremony.unavailable(e, e.isRetryable());
        }

        // Step 4: final eligibility on what the carrier verified.
        EligibilityDecision decision = s.policy.evaluate(facts);
        switch (decision.verdict()) {
            case INELIGIBLE -> {
                return reject(r, doc, Ceremony.ineligible(decision));
            }
            case UNDETERMINED -> {
                return reject(r, doc, List.of(new RejectionReason.Unverified(VerificationFailure.FACTS_INCOMPLETE)));
            }
            case ELIGIBLE -> {
                // go on to issuance
            }
        }

        // Step 5: issuance and binding.
        return issue(r, doc, id, name, birth);
    }

    private VerificationOutcome issue(EnrollmentRecord r, EnrollmentDocument doc, NationalId id, PersonName name,
            BirthDate birth) throws EnrollmentException, EnrollmentUnavailableException {
        Instant now = c.now();
        DevicePublicKey deviceKey;
        try {
            deviceKey = DevicePublicKey.fromSpki(Base64.getDecoder().decode(doc.deviceKey));
        } catch (CryptoException.InvalidDeviceKey e) {
            throw new IllegalStateException("a stored device key no longer parses", e);
        }
        CredentialCertificate certificate = Issuance.certificate(s, c, r.id(), deviceKey);
        String credentialId = certificate.credentialId().value();
        String der = Base64.getEncoder().encodeToString(certificate.der());
        CredentialRecord credential = new CredentialRecord(credentialId, 0, doc.subjectKey,
                CredentialVerifiers.birthDate(s.hmac, credentialId, birth),
                CredentialVerifiers.name(s.hmac, credentialId, name), doc.passwordHash, doc.deviceKey, der,
                CredentialStatus.PENDING, issueTime(doc.subjectKey, now), certificate.notAfter(), Optional.empty(),
                Optional.empty(), Optional.empty());
        if (!s.credentials.insert(credential)) {
            throw new IllegalStateException("random credential id collided; the random source is broken");
        }
        doc.credentialId = credentialId;
        doc.certificate = der;
        doc.lastError = null;
        if (!c.finish(r, doc, EnrollmentState.COMPLETED)) {
            // Another attempt at the same callback finished first: ours was never active, and never will be.
            s.credentials.delete(credentialId);
            return settledBySomeoneElse(r.id());
        }
        s.audit(new EnrollmentEvent.Completed(now, r.id(), credentialId));
        activateAndBind(r, doc, true);
        return new VerificationOutcome.Completed(r.id(), credentialId);
    }

    /**
     * The enrolment is COMPLETED: activates its credential (if a crash or a concurrent attempt has
     * not already) and applies the binding policy. Runs again on a repeated callback, so an
     * attempt that stopped between the two finishes the job.
     *
     * @param first whether this call made the enrolment COMPLETED (the listener hears of the issue then)
     */
    private void activateAndBind(EnrollmentRecord r, EnrollmentDocument doc, boolean first) {
        Optional<CredentialRecord> own = s.credentials.find(doc.credentialId);
        if (own.isEmpty()) {
            return; // erased meanwhile (PDPA) or revoked and purged: nothing to bind
        }
        boolean activated = s.credentials.activate(doc.credentialId);
        CredentialRecord credential = s.credentials.find(doc.credentialId).orElse(own.get());
        if (!credential.isActive()) {
            return; // revoked meanwhile: never re-activated
        }
        Instant now = c.now();
        PersonReference person = new PersonReference(Optional.ofNullable(doc.maskedNationalId).orElse("-"),
                Optional.ofNullable(doc.maskedPhone).orElse("-"), doc.subjectKey);
        if (first || activated) {
            EnrollmentListener.CredentialIssued issued = new EnrollmentListener.CredentialIssued(now, r.id(),
                    credential.credentialId(), person, doc.carrierId, Ceremony.applyingDevice(doc, r.createdAt()));
            s.notify(l -> l.credentialIssued(issued), "credentialIssued");
        }
        List<String> revoked = applyBinding(r.id(), credential, now);
        if (!revoked.isEmpty()) {
            EnrollmentListener.CredentialsRevoked event = new EnrollmentListener.CredentialsRevoked(now, r.id(),
                    person, credential.credentialId(), revoked, s.binding.toString());
            s.notify(l -> l.credentialsRevoked(event), "credentialsRevoked");
        }
    }

    /**
     * The new credential's issue time: {@code now}, or just after the person's newest earlier
     * credential when that one carries the same or a later time (a coarse or frozen clock). One
     * person's issue times thus strictly increase in completion order, so "newest" in
     * {@link #applyBinding} always means the enrolment that completed last.
     */
    private Instant issueTime(String subjectKey, Instant now) {
        Instant t = now;
        for (CredentialRecord earlier : s.credentials.listBySubject(subjectKey)) {
            if (!earlier.issuedAt().isBefore(t)) {
                t = earlier.issuedAt().plus(1, java.time.temporal.ChronoUnit.MICROS);
            }
        }
        return t;
    }

    /**
     * REPLACE_ALL keeps only the newest active credential, KEEP_LATEST(n) the newest n. "Newest"
     * is by (issue time, credential id) over all of the person's active credentials, the new one
     * included, so that two enrolments of one person completing at once agree on the survivors
     * instead of revoking each other. A credential newer than {@code own} is never revoked here:
     * its own enrolment applies the policy. Revoking is idempotent, so this may run again.
     * Only ACTIVE credentials count: a PENDING one belongs to an enrolment that has not completed
     * (or lost its race and is about to be deleted).
     *
     * @return the credentials this call revoked, oldest first
     */
    private List<String> applyBinding(String enrollmentId, CredentialRecord own, Instant now) {
        List<CredentialRecord> active = new ArrayList<>();
        for (CredentialRecord cr : s.credentials.listBySubject(own.subjectKey())) {
            if (cr.isActive()) {
                active.add(cr);
            }
        }
        active.sort(OLDEST_FIRST);
        int revokeCount = Math.max(0, active.size() - s.binding.keep());
        List<String> revoked = new ArrayList<>();
        for (int i = 0; i < revokeCount; i++) {
            CredentialRecord old = active.get(i);
            if (OLDEST_FIRST.compare(old, own) > 0) {
                break; // a newer credential than ours: its own enrolment applies the policy
            }
            if (s.credentials.revoke(old.credentialId(), now)) {
                revoked.add(old.credentialId());
                s.audit(new EnrollmentEvent.CredentialRevoked(now, enrollmentId, old.credentialId(),
                        s.binding.toString()));
            }
        }
        return revoked;
    }

    private VerificationOutcome reject(EnrollmentRecord r, EnrollmentDocument doc, List<RejectionReason> reasons)
            throws EnrollmentException {
        doc.reject(reasons);
        doc.lastError = null;
        if (!c.finish(r, doc, EnrollmentState.REJECTED)) {
            return settledBySomeoneElse(r.id());
        }
        s.audit(new EnrollmentEvent.Rejected(c.now(), r.id(), reasons.stream().map(RejectionReason::code).toList()));
        return new VerificationOutcome.Rejected(r.id(), reasons);
    }

    /**
     * A concurrent attempt at the same callback won the compare-and-set: report what it decided,
     * or, if it has not decided yet (it only checkpointed), ask for a retry.
     */
    private VerificationOutcome settledBySomeoneElse(String enrollmentId) throws EnrollmentException {
        EnrollmentRecord r = c.load(enrollmentId);
        EnrollmentDocument doc = EnrollmentDocument.parse(r.document());
        if (r.state() == EnrollmentState.COMPLETED) {
            return new VerificationOutcome.Completed(r.id(), doc.credentialId);
        }
        if (r.state() == EnrollmentState.REJECTED) {
            return new VerificationOutcome.Rejected(r.id(), c.reasons(doc));
        }
        if (r.state().isFinal()) {
            throw new EnrollmentException(EnrollmentException.Reason.ENROLLMENT_ENDED);
        }
        throw c.contention(enrollmentId);
    }

    private static String lastError(CarrierException e, boolean retryable) {
        return retryable ? "CARRIER_BUSY"
                : e.retry() == CarrierException.Retry.RESTART_VERIFICATION ? RESTART : "CARRIER_FAILED";
    }

    /**
     * Notes the problem for the desktop's status; the enrolment itself is unchanged. Written only
     * while the enrolment is in the same state and {@code stillOurs} holds for its newest
     * document: a concurrent attempt that got further must not be overwritten (nor lose its
     * compare-and-set to our note).
     *
     * @return {@code false} if a concurrent attempt made the note moot ({@code stillOurs} failed)
     */
    private boolean noteLastError(EnrollmentRecord r, String code,
            java.util.function.Predicate<EnrollmentDocument> stillOurs) {
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
                    c.now(), current.purgeAfter())) ? Optional.of(true) : Optional.empty();
        });
        return noted.orElse(true);
    }

    /**
     * Whether repeating {@code completeVerification} with this very callback may get past {@code e}
     * in step 2: only a transient failure ({@link CarrierException.Retry#WITH_BACKOFF}) of a
     * callback that carries no error, which an adapter reports only before anything of the
     * callback was spent. Not retryable with the same callback:
     * <ul>
     *   <li>{@link CarrierException.Retry#RESTART_VERIFICATION}: the code exchange, or a call with
     *       the single-use token, failed after the request may have reached the carrier (a
     *       time-out, reset, 5xx or 429); the code may be redeemed, so the same callback can only
     *       fail. The enrolment stays VERIFYING and the phone starts the verification again;</li>
     *   <li>an error the carrier put into the callback ({@code error=server_error}, …), which
     *       comes back on every repeat;</li>
     *   <li>a refused code exchange ({@code invalid_grant}), which refuses the same single-use
     *       code again.</li>
     * </ul>
     * Calling those retryable would send a portal that follows
     * {@link EnrollmentUnavailableException#isRetryable()} round in circles; only a new
     * verification ({@code startVerification}) can get past them, and the exception's text says so.
     */
    private static boolean sameCallbackMayPass(CarrierException e, VerificationCallback callback) {
        if (e.retry() == CarrierException.Retry.RESTART_VERIFICATION) {
            return false;
        }
        return e.retry() == CarrierException.Retry.WITH_BACKOFF && !callback.parameters().containsKey("error");
    }

    /** Carrier errors that are answers about the person's line, not failures of ours. */
    private static Optional<VerificationFailure> verificationFailure(CarrierException e) {
        if (e instanceof CarrierException.NotOnMobileNetwork) {
            return Optional.of(VerificationFailure.NOT_ON_MOBILE_NETWORK);
        }
        if (e instanceof CarrierException.SubscriberNotFound) {
            return Optional.of(VerificationFailure.SUBSCRIBER_NOT_FOUND);
        }
        if (e instanceof CarrierException.ServiceNotApplicable) {
            return Optional.of(VerificationFailure.LINE_NOT_APPLICABLE);
        }
        if (e instanceof CarrierException.ConsentRequired) {
            return Optional.of(VerificationFailure.CARRIER_CONSENT_MISSING);
        }
        return Optional.empty();
    }

    private static List<RejectionReason> kycMismatch(KycMatchResult kyc) {
        List<RejectionReason> out = new ArrayList<>();
        if (kyc.idDocument() == MatchOutcome.NO_MATCH) {
            out.add(new RejectionReason.Unverified(VerificationFailure.ID_MISMATCH));
        }
        if (kyc.name() == MatchOutcome.NO_MATCH) {
            out.add(new RejectionReason.Unverified(VerificationFailure.NAME_MISMATCH));
        }
        if (kyc.birthDate() == MatchOutcome.NO_MATCH) {
            out.add(new RejectionReason.Unverified(VerificationFailure.BIRTH_DATE_MISMATCH));
        }
        if (out.isEmpty() && !kyc.isFullMatch()) {
            out.add(new RejectionReason.Unverified(VerificationFailure.HOLDER_DATA_UNAVAILABLE));
        }
        return out;
    }

    /**
     * Step 1a: the phone session sent with the callback belongs to the enrolment that owns the
     * carrier {@code state}. Checked with a read only, before the state is claimed, so a callback
     * in the wrong browser spends nothing and the right phone can still finish.
     */
    private void requireStartingBrowser(PhoneSession session, String stateKey) throws EnrollmentException {
        Optional<OneTimeToken> token = s.tokens.find(stateKey).filter(t -> t.purpose() == TokenPurpose.CARRIER_STATE);
        if (token.isEmpty()) {
            return; // unknown or purged: step 1b refuses it, and there is nothing to spend
        }
        String enrollmentId = token.get().subject();
        Optional<EnrollmentRecord> r = enrollmentId.equals(session.enrollmentId())
                ? s.enrollments.find(enrollmentId) : Optional.empty();
        String verifier = r.map(e -> EnrollmentDocument.parse(e.document()).phoneVerifier).orElse(null);
        String secret = session.secret();
        if (verifier == null || secret.isEmpty() || secret.length() > 128
                || !s.hmac.matches(verifier, "phone", secret)) {
            refuse(enrollmentId, EnrollmentException.Reason.CALLBACK_WRONG_BROWSER);
        }
    }

    private void refuse(String enrollmentId, EnrollmentException.Reason reason) throws EnrollmentException {
        s.audit(new EnrollmentEvent.AccessRefused(c.now(), enrollmentId, "completeVerification", reason.name()));
        throw new EnrollmentException(reason);
    }
}
