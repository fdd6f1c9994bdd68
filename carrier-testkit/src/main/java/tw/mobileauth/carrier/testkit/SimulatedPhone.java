package tw.mobileauth.carrier.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The person's phone opening the carrier's authorize URL over its connection: a GET carrying the
 * device handle in {@code X-MobileAuth-Device}, without following the redirect. Which network the
 * request "came over" is whatever {@link NetworkAttachments} says for the handle.
 */
public final class SimulatedPhone {

    private final String handle;
    private final HttpClient client;

    SimulatedPhone(String handle, HttpClient client) {
        this.handle = Objects.requireNonNull(handle, "deviceHandle");
        this.client = client;
    }

    /** {@return the device handle this phone sends} */
    public String handle() {
        return handle;
    }

    /**
     * Opens {@code authorizeUri} and returns the redirect's query parameters, decoded: {@code code}
     * and {@code state} on success, or {@code error}, {@code error_description} and {@code state}.
     * This is exactly what the portal's callback receives.
     *
     * @param authorizeUri the authorize uri
     * @return the string>
     * @throws IllegalStateException if the carrier answered anything but a redirect (e.g. a 400
     *         page for an unknown client, or an injected fault); the message has the status and body
     * @throws UncheckedIOException  if the connection failed (e.g. an injected connection reset)
     */
    public Map<String, String> open(URI authorizeUri) {
        Objects.requireNonNull(authorizeUri, "authorizeUri");
        HttpRequest request = HttpRequest.newBuilder(authorizeUri).GET()
                .header(CarrierRouter.DEVICE_HEADER, handle).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the phone could not reach " + authorizeUri.getHost() + ":"
                    + authorizeUri.getPort(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the phone opened the authorize URL", e);
        }
        int status = response.statusCode();
        String location = response.headers().firstValue("Location").orElse("");
        if ((status != 302 && status != 303) || location.isEmpty()) {
            String body = response.body();
            throw new IllegalStateException("the carrier answered " + status + " instead of redirecting the phone: "
                    + (body.length() > 500 ? body.substring(0, 500) + "…" : body));
        }
        String query = URI.create(location).getRawQuery();
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : Forms.parse(query).entrySet()) {
            out.put(e.getKey(), e.getValue().get(0));
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "SimulatedPhone[" + handle + "]";
    }
}
