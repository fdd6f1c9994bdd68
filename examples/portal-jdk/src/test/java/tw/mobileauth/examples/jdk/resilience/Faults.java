package tw.mobileauth.examples.jdk.resilience;

import java.time.Duration;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.Fault;
import tw.mobileauth.carrier.testkit.registry.RegistryEndpoint;
import tw.mobileauth.carrier.testkit.registry.RegistryFault;
import tw.mobileauth.examples.jdk.resilience.Journey.Answer;

/**
 * The fault matrix's axes: the steps of {@code completeVerification} a fault can hit, the faults,
 * and for each cell the first answer the SDK documents (docs/carrier-contract.md "Errors and retry
 * advice" and "Retries", docs/registry-nhi-profile.md "Retries and deadlines", docs/journey.md).
 */
final class Faults {

    /** The carrier deadline the portal is configured with. */
    static final Duration DEADLINE = Duration.ofSeconds(2);
    /** Past the deadline. */
    static final Duration TOO_LATE = DEADLINE.plusMillis(600);
    /** Long enough to stop the database while the call is at the carrier, within the deadline. */
    static final Duration WHILE_AWAY = Duration.ofMillis(1_400);
    /** A Retry-After longer than the deadline, so no adapter may wait it out inside the call. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private Faults() {
    }

    /** A step of the callback, where its carrier or registry call or its store writes fail. */
    enum Step {
        CODE_EXCHANGE("code exchange (token)", Endpoint.TOKEN),
        NUMBER_VERIFY("number verification", Endpoint.NUMBER_VERIFY),
        KYC_MATCH("KYC match", Endpoint.KYC_MATCH),
        TENURE("attributes: contract type (CHT KYC tenure)", Endpoint.KYC_TENURE),
        LINE_PROFILE("attributes: line profile (CHT)", Endpoint.CHT_LINE_PROFILE),
        SIM_SWAP("SIM swap date", Endpoint.SIM_SWAP_DATE),
        NHI_REGISTRY("NHI card check", null),
        DATABASE("database (at the callback)", null);

        final String label;
        final Endpoint endpoint;

        Step(String label, Endpoint endpoint) {
            this.label = label;
            this.endpoint = endpoint;
        }

        /** The single-use code or token is spent by any failure here: only a new verification passes. */
        boolean singleUse() {
            return this == CODE_EXCHANGE || this == NUMBER_VERIFY;
        }
    }

    /** A fault. */
    enum Kind {
        LATENCY("latency past the deadline"),
        S500("500"), S502("502"), S503("503"), S504("504"),
        RATE_LIMITED("429 + Retry-After 30 s"),
        MALFORMED_JSON("malformed JSON"),
        TRUNCATED("truncated body"),
        RESET("connection reset"),
        DATABASE_AWAY("database goes away");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /**
     * The first answer of the phone's callback page the documentation promises for {@code kind} at
     * {@code step}: COMPLETED when the adapter's own retry absorbs a one-off fault (idempotent
     * calls: up to 3 attempts on outages, resets and 429s within the deadline), RETRY for a
     * transient failure the same callback can get past (the number verification is checkpointed),
     * RESTART when the single-use code or token may be spent, or the carrier's answer broke the
     * protocol (never retried: a new verification).
     */
    static Answer documented(Step step, Kind kind) {
        if (kind == Kind.DATABASE_AWAY) {
            return Answer.RETRY; // EnrollmentUnavailableException STORE, retryable; the enrolment is kept
        }
        if (step.singleUse()) {
            return Answer.RESTART; // number verification is not idempotent: RESTART_VERIFICATION
        }
        return switch (kind) {
            case LATENCY, RATE_LIMITED -> Answer.RETRY; // slow past the deadline, or Retry-After past it: the same callback later
            case S500, S502, S503, S504, RESET -> Answer.COMPLETED; // retried once inside the call
            case MALFORMED_JSON, TRUNCATED -> step == Step.NHI_REGISTRY
                    ? Answer.RETRY // the registry's ProtocolViolation is IDENTITY_REGISTRY, TRY_LATER: wait, send again
                    : Answer.RESTART; // the carrier's ProtocolViolation is never retried: a new verification
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    /**
     * How many calls in a row meet {@code kind} at {@code step}: a slow carrier stays slow for every
     * attempt an idempotent call may make (3), so that the call runs past its deadline rather than
     * being absorbed by a retry; every other fault is a one-off.
     */
    static int times(Step step, Kind kind) {
        return kind == Kind.LATENCY && !step.singleUse() ? 3 : 1;
    }

    /** The carrier fault for {@code kind} at {@code step} ({@code DATABASE_AWAY}: the latency the database is stopped in). */
    static Fault carrier(Step step, Kind kind) {
        return carrier(kind).times(times(step, kind));
    }

    private static Fault carrier(Kind kind) {
        return switch (kind) {
            case LATENCY -> Fault.latency(TOO_LATE);
            case S500 -> Fault.status(500);
            case S502 -> Fault.status(502);
            case S503 -> Fault.status(503);
            case S504 -> Fault.status(504);
            case RATE_LIMITED -> Fault.rateLimited(RETRY_AFTER);
            case MALFORMED_JSON -> Fault.malformedJson();
            case TRUNCATED -> Fault.rawResponse(200, "application/json", "{\"access_token\":\"eyJhbGciOiJFUzI1NiJ9.eyJ");
            case RESET -> Fault.connectionReset();
            case DATABASE_AWAY -> Fault.latency(WHILE_AWAY);
        };
    }

    /** The registry fault for {@code kind}. */
    static RegistryFault registry(Kind kind) {
        return registryFault(kind).times(times(Step.NHI_REGISTRY, kind));
    }

    private static RegistryFault registryFault(Kind kind) {
        return switch (kind) {
            case LATENCY -> RegistryFault.latency(TOO_LATE);
            case S500 -> RegistryFault.status(500);
            case S502 -> RegistryFault.status(502);
            case S503 -> RegistryFault.status(503);
            case S504 -> RegistryFault.status(504);
            case RATE_LIMITED -> RegistryFault.rateLimited(RETRY_AFTER);
            case MALFORMED_JSON -> RegistryFault.malformedJson();
            case TRUNCATED -> RegistryFault.raw(200, "application/json", "{\"result\":\"MAT");
            case RESET -> RegistryFault.connectionReset();
            case DATABASE_AWAY -> RegistryFault.latency(WHILE_AWAY);
        };
    }

    /** The registry's one endpoint. */
    static RegistryEndpoint registryEndpoint() {
        return RegistryEndpoint.served()[0];
    }
}
