package tw.mobileauth.carrier.testkit.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import tw.mobileauth.registry.spi.RegistryException;

/**
 * One cell of {@link RegistryConformanceKit#everyFaultOnEveryEndpoint()}: a fault, the deadline the
 * call gets, and what the adapter must make of it, with the HTTP status its exception reports.
 *
 * @param name     the cell's name in the test report
 * @param fault    the fault injected on the endpoint
 * @param deadline the call's deadline
 * @param outcome  what the call must end in
 * @param status   the HTTP status the exception must report, if any
 */
record RegistryFaultCell(String name, RegistryFault fault, Duration deadline, Outcome outcome, OptionalInt status) {

    /** What a cell expects. */
    enum Outcome { SUCCEEDS_AFTER_ONE_RETRY, TIMEOUT, UNAVAILABLE, RATE_LIMITED, PROTOCOL_VIOLATION }

    private static final Duration LATENCY = Duration.ofMillis(600);
    private static final Duration LATENCY_DEADLINE = Duration.ofMillis(250);
    private static final Duration RETRY_DEADLINE = Duration.ofMillis(500);
    private static final Duration TIMEOUT = RegistryConformanceKit.TIMEOUT;
    private static final int[] SERVER_ERRORS = {500, 502, 503, 504};

    /** {@return every cell, in the order they are reported} */
    static List<RegistryFaultCell> all() {
        List<RegistryFaultCell> cells = new ArrayList<>();
        cells.add(new RegistryFaultCell("latency past the deadline", RegistryFault.latency(LATENCY).times(10),
                LATENCY_DEADLINE, Outcome.TIMEOUT, OptionalInt.empty()));
        cells.add(new RegistryFaultCell("processed, then answered after the deadline",
                RegistryFault.latencyAfterProcessing(LATENCY).times(10), LATENCY_DEADLINE, Outcome.TIMEOUT,
                OptionalInt.empty()));
        for (int status : SERVER_ERRORS) {
            cells.add(new RegistryFaultCell("status " + status + " persisting", RegistryFault.status(status).times(10),
                    RETRY_DEADLINE, Outcome.UNAVAILABLE, OptionalInt.of(status)));
            cells.add(new RegistryFaultCell("status " + status + " once", RegistryFault.status(status), TIMEOUT,
                    Outcome.SUCCEEDS_AFTER_ONE_RETRY, OptionalInt.empty()));
        }
        cells.add(new RegistryFaultCell("429 with Retry-After 30 s",
                RegistryFault.rateLimited(Duration.ofSeconds(30)).times(10), TIMEOUT, Outcome.RATE_LIMITED,
                OptionalInt.of(429)));
        cells.add(new RegistryFaultCell("malformed JSON", RegistryFault.malformedJson().times(10), TIMEOUT,
                Outcome.PROTOCOL_VIOLATION, OptionalInt.of(200)));
        cells.add(new RegistryFaultCell("connection reset persisting", RegistryFault.connectionReset().times(10),
                TIMEOUT, Outcome.UNAVAILABLE, OptionalInt.empty()));
        cells.add(new RegistryFaultCell("connection reset once", RegistryFault.connectionReset(), TIMEOUT,
                Outcome.SUCCEEDS_AFTER_ONE_RETRY, OptionalInt.empty()));
        cells.add(new RegistryFaultCell("processed, then the connection reset, persisting",
                RegistryFault.resetAfterProcessing().times(10), TIMEOUT, Outcome.UNAVAILABLE, OptionalInt.empty()));
        cells.add(new RegistryFaultCell("processed, then the connection reset, once",
                RegistryFault.resetAfterProcessing(), TIMEOUT, Outcome.SUCCEEDS_AFTER_ONE_RETRY, OptionalInt.empty()));
        cells.add(new RegistryFaultCell("wrong x-correlator echo", RegistryFault.wrongCorrelator().times(10), TIMEOUT,
                Outcome.PROTOCOL_VIOLATION, OptionalInt.of(200)));
        cells.add(new RegistryFaultCell("missing x-correlator echo", RegistryFault.missingCorrelator().times(10),
                TIMEOUT, Outcome.PROTOCOL_VIOLATION, OptionalInt.of(200)));
        return cells;
    }

    /** {@return the exception type a failing cell must raise} */
    Class<? extends RegistryException> expected() {
        return switch (outcome) {
            case TIMEOUT -> RegistryException.Timeout.class;
            case UNAVAILABLE, RATE_LIMITED -> RegistryException.Unavailable.class;
            default -> RegistryException.ProtocolViolation.class;
        };
    }
}
