package tw.mobileauth.carrier.testkit.schema;

import java.util.Objects;

/**
 * One way an exchange differs from the official CAMARA definitions plus the carrier's declared
 * extensions.
 *
 * @param operation the operationId the exchange matched, or {@code METHOD path} when none did
 * @param what      what is wrong, in words that name the rule and the offending value
 * @param where     where: {@code request}, {@code request header x-correlator}, {@code response body /roaming}, …
 */
public record Violation(String operation, String what, String where) {

    /**
     * Checks the components.
     *
     * @param operation the operation value
     * @param what the what value
     * @param where the where value
     */
    public Violation {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(where, "where");
    }

    @Override
    public String toString() {
        return operation + " @ " + where + ": " + what;
    }
}
