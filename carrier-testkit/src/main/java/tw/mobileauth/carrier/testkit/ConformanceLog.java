package tw.mobileauth.carrier.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import tw.mobileauth.carrier.testkit.schema.Exchange;
import tw.mobileauth.carrier.testkit.schema.ExchangeValidator;
import tw.mobileauth.carrier.testkit.schema.Violation;

/**
 * Every exchange one {@link FakeCarrierNetworks} served on a CAMARA resource endpoint (or on a path
 * below a carrier base that no endpoint serves), and how it fared against the official CAMARA
 * definitions plus the carrier's declared profile extensions ({@link CamaraConformance}).
 *
 * <p>The OAuth endpoints (authorize, token, discovery, JWK set) are not recorded: the six
 * definitions do not describe them. Recording is cheap and happens on the server thread before the
 * answer leaves; validation happens later, on the test's thread, when {@link #check()},
 * {@link #take()} or one of the assertions runs, so it never adds latency to a timed call.
 *
 * <p>Thread-safe.
 */
public final class ConformanceLog {

    /** How one exchange fared. */
    public enum Outcome {
        /** Request and answer conform to the definitions and the profile. */
        VALIDATED,
        /** The answer conforms; the request did not (a test client of the fakes sent it on purpose, or an adapter drifted). */
        REQUEST_OFF_SPEC,
        /** The request line matches no operation of the definitions or the profile; nothing else was checked. */
        UNMATCHED,
        /** The answer breaks the definitions or the profile: a drift of the fake networks. */
        REJECTED,
        /** The answer was shaped by an injected fault that is outside the definitions by design; not judged. */
        FAULT_INJECTED,
        /** The official definitions were not found, so nothing was validated. */
        SKIPPED
    }

    /**
     * One exchange and its outcome.
     *
     * @param exchange   what was asked and answered
     * @param operation  the operationId it matched ({@code METHOD path} when none did)
     * @param outcome    how it fared
     * @param violations what is wrong (empty unless REQUEST_OFF_SPEC, UNMATCHED or REJECTED)
     * @param fault      the injected fault that shaped the answer, if any
     */
    public record Entry(Exchange exchange, String operation, Outcome outcome, List<Violation> violations,
            Optional<String> fault) {

        /**
         * Checks the components.
         *
         * @param exchange the exchange value
         * @param operation the operation value
         * @param outcome the outcome value
         * @param violations the violations value
         * @param fault the fault value
         */
        public Entry {
            Objects.requireNonNull(exchange, "exchange");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(outcome, "outcome");
            violations = List.copyOf(violations);
            Objects.requireNonNull(fault, "fault");
        }

        /**
         * {@return {@code cht POST /kyc-match/v0.4/match -> 200 (KYC_Match): VALIDATED}, then one line per violation}
         */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(exchange.carrierId()).append(' ').append(exchange.requestLine()).append(" -> ")
                    .append(exchange.status()).append(" (operation ").append(operation).append("): ").append(outcome);
            fault.ifPresent(f -> sb.append(" [").append(f).append(']'));
            violations.forEach(v -> sb.append("\n    - ").append(v.where()).append(": ").append(v.what()));
            return sb.toString();
        }
    }

    private record Pending(Exchange exchange, Endpoint endpoint, Optional<Fault> fault) {
    }

    private final List<Pending> pending = new ArrayList<>();
    private final List<Entry> checked = new ArrayList<>();

    ConformanceLog() {
    }

    /** Called by the router for each answered (or deliberately dropped) resource exchange. */
    synchronized void record(Exchange exchange, Endpoint endpoint, Optional<Fault> fault) {
        pending.add(new Pending(exchange, endpoint, fault));
    }

    /**
     * Validates what was recorded since the last call, adds it to {@link CamaraConformance}'s tally,
     * and returns every entry not yet {@link #take() taken}.
     *
     * @return the entrys, never null
     * @throws IllegalStateException when the official definitions are present but do not verify
     */
    public List<Entry> check() {
        List<Pending> todo;
        synchronized (this) {
            todo = new ArrayList<>(pending);
            pending.clear();
        }
        List<Entry> done = new ArrayList<>();
        for (Pending p : todo) {
            done.add(judge(p));
        }
        done.forEach(CamaraConformance::count);
        synchronized (this) {
            checked.addAll(done);
            return List.copyOf(checked);
        }
    }

    /** {@return {@link #check()}, then forgets the entries, so the next call sees only what came after} */
    public List<Entry> take() {
        check();
        synchronized (this) {
            List<Entry> out = List.copyOf(checked);
            checked.clear();
            return out;
        }
    }

    /**
     * Takes every entry and fails when any request or answer broke the definitions: what an adapter's
     * test asserts, since the adapter wrote the requests and the fakes the answers.
     *
     * @throws AssertionError naming each offending exchange, its operation and every violation
     */
    public void assertConforming() {
        fail(take().stream().filter(e -> e.outcome() == Outcome.REJECTED || e.outcome() == Outcome.REQUEST_OFF_SPEC
                || e.outcome() == Outcome.UNMATCHED).toList(), "request or answer");
    }

    /**
     * Takes every entry and fails when any answer of the fakes broke the definitions; requests are
     * not judged: what the fakes' own tests assert, whose hand-made clients send bad requests on purpose.
     *
     * @throws AssertionError naming each offending exchange, its operation and every violation
     */
    public void assertAnswersConform() {
        fail(take().stream().filter(e -> e.outcome() == Outcome.REJECTED).toList(), "answer");
    }

    private static void fail(List<Entry> bad, String side) {
        if (!bad.isEmpty()) {
            throw new AssertionError(bad.size() + (bad.size() == 1 ? " exchange" : " exchanges") + " of this test broke"
                    + " the official CAMARA definitions or the carrier's declared profile (" + side + "):\n  "
                    + bad.stream().map(Entry::describe).collect(Collectors.joining("\n  ")));
        }
    }

    private static Entry judge(Pending p) {
        Optional<String> fault = p.fault().map(Fault::toString);
        Optional<ExchangeValidator> validator = CamaraConformance.validator();
        boolean exempt = p.fault().map(Fault::exemptFromConformance).orElse(false) || p.exchange().status() == 0;
        if (validator.isEmpty()) {
            return new Entry(p.exchange(), name(p), exempt ? Outcome.FAULT_INJECTED : Outcome.SKIPPED, List.of(), fault);
        }
        ExchangeValidator.Result r = validator.get().check(p.exchange());
        if (exempt) {
            return new Entry(p.exchange(), r.operation(), Outcome.FAULT_INJECTED, List.of(), fault);
        }
        List<Violation> v = r.violations();
        Outcome outcome;
        if (v.isEmpty()) {
            outcome = Outcome.VALIDATED;
        } else if (v.stream().anyMatch(x -> x.where().equals("request line"))) {
            outcome = Outcome.UNMATCHED;
        } else if (v.stream().allMatch(x -> x.where().startsWith("request"))) {
            outcome = Outcome.REQUEST_OFF_SPEC;
        } else {
            outcome = Outcome.REJECTED;
        }
        return new Entry(p.exchange(), r.operation(), outcome, v, fault);
    }

    private static String name(Pending p) {
        return p.endpoint().operationId().isEmpty() ? p.exchange().requestLine() : p.endpoint().operationId();
    }
}
