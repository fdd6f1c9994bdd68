package tw.mobileauth.enrollment;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.eligibility.NhiCardStatus;
import tw.mobileauth.registry.spi.CardCheck;
import tw.mobileauth.registry.spi.CardClaim;
import tw.mobileauth.registry.spi.IdentityRegistry;
import tw.mobileauth.registry.spi.RegistryException;
import tw.mobileauth.store.CounterState;

/**
 * The checks of who the applicant is, beyond the carrier's KYC match: the NHI card number at the
 * identity registry, and the per-person limit on failed holder checks. Both run in step 5, after
 * the phone proved it holds the number, so neither is an oracle before possession.
 *
 * <p>The limit: {@value EnrollmentService#MAX_HOLDER_CHECK_FAILURES} failed holder checks (a KYC
 * mismatch, or a card number that does not match) for one person within
 * {@value EnrollmentService#HOLDER_CHECK_WINDOW_HOURS} hours stop that person's enrolments until the
 * window ends, so nobody can guess a card number (or a name) one tap at a time. Counted on a keyed
 * hash of the ID in the counter store, never the ID.
 */
final class IdentityChecks {

    static final Duration WINDOW = Duration.ofHours(EnrollmentService.HOLDER_CHECK_WINDOW_HOURS);

    private final Settings s;
    private final Records records;
    private final CarrierCalls carriers;

    IdentityChecks(Settings settings, Records records, CarrierCalls carriers) {
        this.s = settings;
        this.records = records;
        this.carriers = carriers;
    }

    private static String counterKey(String subjectKey) {
        return CredentialVerifiers.holderCheckCounterKey(subjectKey);
    }

    /** @throws StepFailure.Rejected {@code HOLDER_CHECK_LIMIT} while the person's failures are at the limit */
    void requireUnderLimit(Verifying v) throws StepFailure.Rejected {
        Instant now = records.now();
        Optional<CounterState> state = s.counters.find(counterKey(v.doc().subjectKey));
        if (state.isPresent() && (state.get().isLockedAt(now) || (now.isBefore(state.get().windowEnd())
                && state.get().count() >= EnrollmentService.MAX_HOLDER_CHECK_FAILURES))) {
            throw new StepFailure.Rejected(VerificationFailure.HOLDER_CHECK_LIMIT);
        }
    }

    /** Counts one failed holder check for the person; the one that reaches the limit locks until the window ends. */
    void countFailure(Verifying v) {
        Instant now = records.now();
        String key = counterKey(v.doc().subjectKey);
        CounterState state = s.counters.increment(key, now, WINDOW);
        if (state.count() >= EnrollmentService.MAX_HOLDER_CHECK_FAILURES) {
            s.counters.lockUntil(key, state.windowEnd());
        }
    }

    /**
     * Asks the registry whether the NHI card number typed on the form belongs to the ID, and adds
     * the answer to {@code facts} (rule {@code nhi-card-confirmed} then decides). A card number
     * that does not match counts as a failed holder check. Without a registry, {@code facts} as given.
     *
     * @throws EnrollmentUnavailableException {@code IDENTITY_REGISTRY}: retryable with the same callback
     *         for an outage (the number verification is checkpointed), {@code TRY_LATER} otherwise
     */
    EligibilityFacts checkCard(Verifying v, String nationalId, EligibilityFacts facts)
            throws EnrollmentUnavailableException {
        if (s.identityRegistry.isEmpty()) {
            return facts;
        }
        IdentityRegistry registry = s.identityRegistry.get();
        CardCheck answer;
        try {
            answer = registry.checkCard(carriers.callContext(), new CardClaim(nationalId, v.pii().nhiCardNumber));
        } catch (RegistryException e) {
            s.audit(new EnrollmentEvent.RegistryFailed(records.now(), v.id(), registry.registryId(),
                    e.getClass().getSimpleName() + "/" + CarrierCalls.loggableCode(e.code()), e.isRetryable(),
                    e.correlator()));
            records.noteLastError(v.record(), e.isRetryable() ? "REGISTRY_BUSY" : "REGISTRY_FAILED", d -> true);
            throw new EnrollmentUnavailableException(EnrollmentUnavailableException.Source.IDENTITY_REGISTRY,
                    e.isRetryable(), e.retryAfter(), "identity registry " + registry.registryId() + " failed: "
                    + e.getClass().getSimpleName(), e);
        } catch (IllegalArgumentException malformed) {
            // The stored card number no longer has the registry's shape: a bug or a corrupt record.
            throw new IllegalStateException("stored NHI card number no longer fits the registry's shape", malformed);
        }
        if (answer == CardCheck.NO_MATCH) {
            countFailure(v);
        }
        return facts.withNhiCard(switch (answer) {
            case MATCH -> NhiCardStatus.CONFIRMED;
            case NO_MATCH -> NhiCardStatus.NOT_MATCHING;
            case CARD_REPORTED_LOST -> NhiCardStatus.REPORTED_LOST;
            case CARD_REPLACED -> NhiCardStatus.REPLACED;
        });
    }
}
