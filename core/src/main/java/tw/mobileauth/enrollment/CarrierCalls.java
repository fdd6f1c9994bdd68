package tw.mobileauth.enrollment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.LoggerFactory;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.KycMatchResult;
import tw.mobileauth.carrier.spi.MatchOutcome;

/**
 * Calling the enrolment's carrier, and what its answers and errors mean for the enrolment: which
 * are answers about the person's line (a rejection), which are our failure (unavailable), and
 * whether the same callback may be sent again.
 */
final class CarrierCalls {

    /** {@code lastError} when only a new verification can get past the failure. */
    static final String RESTART = "CARRIER_RESTART";

    private static final String UNRECOGNISED_CODE = "UNRECOGNISED_CODE";

    private final Settings s;
    private final Records records;

    CarrierCalls(Settings settings, Records records) {
        this.s = settings;
        this.records = records;
    }

    /**
     * The adapter of the enrolment's carrier.
     *
     * @throws EnrollmentUnavailableException {@code CONFIGURATION}, {@code TRY_LATER}, audited, if
     *         that carrier is no longer configured
     */
    CarrierAdapter adapter(String enrollmentId, String carrierId, String operation)
            throws EnrollmentUnavailableException {
        Optional<CarrierAdapter> adapter = s.adapters.get(carrierId);
        if (adapter.isPresent()) {
            return adapter.get();
        }
        LoggerFactory.getLogger(CarrierCalls.class).warn("enrolment {} is for carrier '{}', which is no longer"
                + " configured: configure its adapter again, or let the enrolment expire", enrollmentId, carrierId);
        throw records.serviceUnavailable(enrollmentId, EnrollmentUnavailableException.Source.CONFIGURATION, operation,
                "CARRIER_NOT_CONFIGURED", "carrier '" + carrierId + "' of this enrolment is no longer configured", null);
    }

    /** A fresh correlator and the configured deadline for one carrier operation. */
    CallContext callContext() {
        return new CallContext(UUID.randomUUID().toString(), records.now().plus(s.carrierTimeout), Locale.TAIWAN);
    }

    EnrollmentEvent carrierFailed(String enrollmentId, String carrierId, String operation, CarrierException e) {
        return carrierFailed(enrollmentId, carrierId, operation, e, e.isRetryable());
    }

    /** @param retryable whether the caller is told to repeat the same call (may be stricter than the carrier's error) */
    EnrollmentEvent carrierFailed(String enrollmentId, String carrierId, String operation, CarrierException e,
            boolean retryable) {
        return new EnrollmentEvent.CarrierFailed(records.now(), enrollmentId, carrierId, operation,
                e.getClass().getSimpleName() + "/" + loggableCode(e.code()), retryable, e.correlator());
    }

    static EnrollmentUnavailableException unavailable(CarrierException e) {
        return unavailable(e, e.isRetryable());
    }

    /** @param retryable whether repeating the same call may succeed (may be stricter than the carrier's error) */
    static EnrollmentUnavailableException unavailable(CarrierException e, boolean retryable) {
        return new EnrollmentUnavailableException(EnrollmentUnavailableException.Source.CARRIER, retryable,
                retryable ? e.retryAfter() : Optional.empty(), "carrier " + e.carrierId() + " failed: "
                        + e.getClass().getSimpleName() + " " + loggableCode(e.code()), e);
    }

    /**
     * A carrier's error code, fit for a message or an audit field: the code itself when it is a
     * short token ({@code [A-Za-z0-9._-]}, at most 64 characters, e.g. {@code server_error} or
     * {@code CHT.SUBSCRIBER_SUSPENDED}), otherwise {@value #UNRECOGNISED_CODE}. The code of a
     * callback error is whatever the phone's callback said, which anyone can forge: up to 2 KB of
     * controls, bidi overrides or text meant for a log reader.
     */
    static String loggableCode(String code) {
        boolean token = !code.isEmpty() && code.length() <= 64 && code.chars().allMatch(ch -> (ch >= 'a' && ch <= 'z')
                || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-');
        return token ? code : UNRECOGNISED_CODE;
    }

    // ------------------------------------------------------------ what an answer means

    /** The {@code lastError} the desktop's status shows for a carrier failure. */
    static String lastError(CarrierException e, boolean retryable) {
        return retryable ? "CARRIER_BUSY"
                : e.retry() == CarrierException.Retry.RESTART_VERIFICATION ? RESTART : "CARRIER_FAILED";
    }

    /**
     * Whether repeating {@code completeVerification} with this very callback may get past {@code e}
     * in the number verification: only a transient failure ({@link CarrierException.Retry#WITH_BACKOFF})
     * of a callback that carries no error, which an adapter reports only before anything of the
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
    static boolean sameCallbackMayPass(CarrierException e, VerificationCallback callback) {
        if (e.retry() == CarrierException.Retry.RESTART_VERIFICATION) {
            return false;
        }
        return e.retry() == CarrierException.Retry.WITH_BACKOFF && !callback.parameters().containsKey("error");
    }

    /** A carrier error that is an answer about the person's line rejects; any other is ours to report. */
    static void rejectIfAboutTheLine(CarrierException e) throws StepFailure.Rejected {
        Optional<VerificationFailure> aboutTheLine = verificationFailure(e);
        if (aboutTheLine.isPresent()) {
            throw new StepFailure.Rejected(aboutTheLine.get());
        }
    }

    /** Carrier errors that are answers about the person's line, not failures of ours. */
    static Optional<VerificationFailure> verificationFailure(CarrierException e) {
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

    /**
     * What a KYC match refuses: each field that did not match, or {@code HOLDER_DATA_UNAVAILABLE}
     * when nothing mismatched but the match is not complete either. Empty for a full match.
     */
    static List<RejectionReason> kycMismatch(KycMatchResult kyc) {
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
}
