package tw.mobileauth.enrollment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.NvChallenge;
import tw.mobileauth.store.EnrollmentRecord;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.TokenPurpose;

/**
 * The phone, once connected, starts the carrier's verification: it proves it is paired with the
 * applying device (the pairing code the desktop shows, typed on the phone), records the consent,
 * and gets the carrier's URL. May be repeated to restart a verification.
 */
final class Pairing {

    private final Settings s;
    private final Records records;
    private final CarrierCalls carriers;

    Pairing(Settings settings, Records records, CarrierCalls carriers) {
        this.s = settings;
        this.records = records;
        this.carriers = carriers;
    }

    /** Whether this enrolment's phone must type the pairing code: the QR route, unless relaxed. */
    boolean codeRequired(EnrollmentDocument doc) {
        return s.requirePairingCode && Handoff.QR_ROUTE.equals(doc.route);
    }

    /** @param pairingCode the typed code, or {@code null} when the caller gave none */
    VerificationRedirect startVerification(PhoneSession session, Consent consent, String pairingCode)
            throws EnrollmentException, EnrollmentUnavailableException {
        if (session == null || consent == null) {
            throw new EnrollmentException(EnrollmentException.Reason.ACCESS_DENIED);
        }
        EnrollmentRecord r = records.load(session.enrollmentId());
        EnrollmentDocument doc = EnrollmentDocument.parse(r.document());
        requireMayStart(r, doc, session);
        // The terms this phone was shown, or the current ones (they may have changed since).
        if (!consent.accepted() || !(consent.termsVersion().equals(doc.termsVersion)
                || consent.termsVersion().equals(s.termsVersion))) {
            throw new EnrollmentException(EnrollmentException.Reason.CONSENT_REQUIRED);
        }
        if (codeRequired(doc) && !doc.pairingConfirmed) {
            if (pairingCode == null || pairingCode.chars().allMatch(ch -> ch == '-' || Character.isWhitespace(ch)
                    || Character.isSpaceChar(ch))) {
                // Not a guess: nothing typed, or the call without a code. Free, never counted.
                throw new EnrollmentException(EnrollmentException.Reason.PAIRING_CODE_REQUIRED);
            }
            confirmPairing(r.id(), session, pairingCode);
        }
        CarrierAdapter adapter = carriers.adapter(r.id(), doc.carrierId, "startVerification");
        PendingData pii = PendingData.open(s.sealKey, doc.sealedPii, r.id());
        NvChallenge challenge;
        try {
            challenge = adapter.startNumberVerification(carriers.callContext(), Msisdn.of(pii.phoneE164),
                    s.urls.carrierCallback());
        } catch (CarrierException e) {
            s.audit(carriers.carrierFailed(r.id(), doc.carrierId, "startNumberVerification", e));
            throw CarrierCalls.unavailable(e);
        }
        // The state's token exists before any record names it; if the record is not updated
        // after all, the token dies with the refusal.
        String stateKey = records.key("carrier-state", challenge.state());
        records.insertToken(OneTimeToken.unclaimed(stateKey, TokenPurpose.CARRIER_STATE, r.id(), "", records.now(),
                Records.earlier(challenge.expiresAt(), r.expiresAt())), EnrollmentUnavailableException.Recovery.RETRY);
        try {
            return recordStart(r.id(), session, consent, challenge, stateKey);
        } catch (EnrollmentException | RuntimeException e) {
            s.tokens.revoke(stateKey);
            throw e;
        }
    }

    /** The phone is this enrolment's, the enrolment is open, and connected or already verifying. */
    private void requireMayStart(EnrollmentRecord r, EnrollmentDocument doc, PhoneSession session)
            throws EnrollmentException {
        records.requirePhone(r, doc, session, "startVerification");
        records.requireOpen(r);
        if (r.state() != EnrollmentState.DEVICE_CONNECTED && r.state() != EnrollmentState.VERIFYING) {
            throw new EnrollmentException(EnrollmentException.Reason.WRONG_STEP);
        }
    }

    /**
     * Moves the enrolment to VERIFYING on the new carrier state, with the consent: the previous
     * state dies, and so does any number verification checkpointed for it.
     */
    private VerificationRedirect recordStart(String enrollmentId, PhoneSession session, Consent consent,
            NvChallenge challenge, String stateKey) throws EnrollmentException {
        Instant now = records.now();
        return records.update(enrollmentId, (current, d) -> {
            requireMayStart(current, d, session);
            String previousState = d.stateKey;
            PendingData p = PendingData.open(s.sealKey, d.sealedPii, current.id());
            p.challenge(challenge);
            d.sealedPii = p.seal(s.sealKey, current.id());
            d.stateKey = stateKey;
            // A new verification proves possession again: the old checkpoint belonged to the old state.
            d.forgetNumberVerification();
            d.consentTerms = consent.termsVersion();
            d.consentAt = now.toString();
            d.consentContext = d.verifyingContext == null ? "-" : d.verifyingContext;
            d.lastError = null;
            if (!s.enrollments.compareAndSet(current.version(),
                    current.next(EnrollmentState.VERIFYING, d.toJson(), now, current.purgeAfter()))) {
                return Optional.empty();
            }
            if (previousState != null) {
                s.tokens.revoke(previousState);
            }
            s.audit(new EnrollmentEvent.ConsentRecorded(now, current.id(), consent.termsVersion(), d.consentContext));
            s.audit(new EnrollmentEvent.VerificationStarted(now, current.id(), d.carrierId));
            return Optional.of(new VerificationRedirect(challenge.authorizeUri(), challenge.expiresAt()));
        });
    }

    /**
     * Checks the pairing code typed on the phone against the one the applying device shows, in
     * constant time. The right one pairs the phone for good; a wrong one is counted, and the
     * {@value EnrollmentService#MAX_PAIRING_ATTEMPTS}th cancels the enrolment.
     */
    private void confirmPairing(String enrollmentId, PhoneSession session, String typed) throws EnrollmentException {
        byte[] given = normalisedPairingCode(typed).getBytes(StandardCharsets.US_ASCII);
        boolean paired = records.update(enrollmentId, (r, doc) -> {
            records.requirePhone(r, doc, session, "startVerification");
            records.requireOpen(r);
            if (doc.pairingConfirmed) {
                return Optional.of(true);
            }
            Instant now = records.now();
            boolean matched = doc.pairingCode != null
                    && MessageDigest.isEqual(doc.pairingCode.getBytes(StandardCharsets.US_ASCII), given);
            if (matched) {
                doc.pairingConfirmed = true;
            } else {
                doc.pairingFailures++;
            }
            int failures = doc.pairingFailures;
            if (!matched && failures >= EnrollmentService.MAX_PAIRING_ATTEMPTS) {
                if (!records.finish(r, doc, EnrollmentState.CANCELLED)) {
                    return Optional.empty();
                }
                s.audit(new EnrollmentEvent.PairingChecked(now, enrollmentId, false, failures));
                s.audit(new EnrollmentEvent.Cancelled(now, enrollmentId, EnrollmentEvent.Cancelled.PAIRING_CODE));
                throw new EnrollmentException(EnrollmentException.Reason.PAIRING_CODE_LIMIT);
            }
            if (!s.enrollments.compareAndSet(r.version(), r.next(r.state(), doc.toJson(), now, r.purgeAfter()))) {
                return Optional.empty();
            }
            s.audit(new EnrollmentEvent.PairingChecked(now, enrollmentId, matched, failures));
            return Optional.of(matched);
        });
        if (!paired) {
            throw new EnrollmentException(EnrollmentException.Reason.PAIRING_CODE_INCORRECT);
        }
    }

    /**
     * The digits of a typed pairing code: spaces and hyphens dropped, any Unicode decimal digit
     * (e.g. full-width ０–９ from a Chinese input method) read as its ASCII digit; anything else,
     * or an absurd length, gives a value that never matches.
     */
    static String normalisedPairingCode(String typed) {
        if (typed.length() > 64) {
            return "";
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < typed.length(); i++) {
            char ch = typed.charAt(i);
            if (ch == ' ' || ch == '-' || ch == '\u3000') {
                continue;
            }
            int digit = Character.digit(ch, 10);
            if (digit < 0) {
                return "";
            }
            digits.append((char) ('0' + digit));
        }
        return digits.toString();
    }
}
