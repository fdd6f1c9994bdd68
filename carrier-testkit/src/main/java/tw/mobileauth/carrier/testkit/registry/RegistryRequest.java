package tw.mobileauth.carrier.testkit.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One request the fake registry received. {@link #toString()} leaves out the body, which holds
 * (synthetic) personal data.
 *
 * @param endpoint       which endpoint it hit ({@link RegistryEndpoint#OTHER} for an unknown path)
 * @param method         the HTTP method
 * @param path           the raw path, with {@code ?query} when there was one
 * @param correlator     the request's {@code x-correlator}, when it sent one
 * @param contentType    the request's {@code Content-Type}, when it sent one
 * @param jti            the {@code jti} of the request's signature, when it carried a readable one
 * @param body           the request body as UTF-8 text, empty when none
 * @param at             when it arrived, by the registry's clock
 * @param responseStatus the HTTP status answered; 0 while still being served or when the
 *                       connection was reset without an answer
 * @param rejection      why the signature was refused (answered 401), when it was
 */
public record RegistryRequest(RegistryEndpoint endpoint, String method, String path, Optional<String> correlator,
        Optional<String> contentType, Optional<String> jti, String body, Instant at, int responseStatus,
        Optional<String> rejection) {

    /**
     * Checks that no component is null.
     *
     * @param endpoint the endpoint value
     * @param method the method value
     * @param path the path value
     * @param correlator the correlator of the call (x-correlator)
     * @param contentType the content type
     * @param jti the jti value
     * @param body the body
     * @param at the at value
     * @param responseStatus the response status
     * @param rejection the rejection value
     */
    public RegistryRequest {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(correlator, "correlator");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(rejection, "rejection");
    }

    @Override
    public String toString() {
        return "RegistryRequest[" + endpoint + " " + method + " " + path + " x-correlator=" + correlator.orElse("-")
                + " → " + responseStatus + rejection.map(r -> " (" + r + ")").orElse("") + ", body " + body.length()
                + " chars]";
    }
}
