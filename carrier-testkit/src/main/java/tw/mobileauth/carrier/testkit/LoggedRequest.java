package tw.mobileauth.carrier.testkit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One request the fake networks received. {@link #toString()} leaves out the body, which holds
 * (synthetic) personal data and credentials.
 *
 * @param carrierId      {@code cht}, {@code twm} or {@code fet}
 * @param endpoint       which endpoint it hit ({@link Endpoint#OTHER} for an unknown path)
 * @param method         the HTTP method
 * @param path           the raw path from the host on, e.g. {@code /cht/kyc-match/v0.4/match},
 *                       with {@code ?query} when there was one
 * @param correlator     the request's {@code x-correlator}, when it sent one
 * @param body           the request body as UTF-8 text, empty when none
 * @param at             when it arrived, by the network's clock
 * @param responseStatus the HTTP status answered; 0 while still being served or when the
 *                       connection was reset without a response
 */
public record LoggedRequest(String carrierId, Endpoint endpoint, String method, String path,
        Optional<String> correlator, String body, Instant at, int responseStatus) {

    /**
     * Checks that no component is null.
     *
     * @param carrierId the carrier id
     * @param endpoint the endpoint value
     * @param method the method value
     * @param path the path value
     * @param correlator the correlator of the call (x-correlator)
     * @param body the body
     * @param at the at value
     * @param responseStatus the response status
     */
    public LoggedRequest {
        Objects.requireNonNull(carrierId, "carrierId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(correlator, "correlator");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String toString() {
        return "LoggedRequest[" + carrierId + " " + endpoint + " " + method + " "
                + (path.contains("?") ? path.substring(0, path.indexOf('?')) + "?…" : path)
                + " x-correlator=" + correlator.orElse("-") + " → " + responseStatus + ", body " + body.length()
                + " chars]";
    }
}
