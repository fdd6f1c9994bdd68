package tw.mobileauth.carrier.spi;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one carrier. Built with {@link #builder(URI, String)}.
 *
 * <p>Defaults: connect timeout 2 s; call timeout 10 s (the bound on each HTTP request when a
 * {@link CallContext} has no tighter deadline); purpose {@code dpv:FraudPreventionAndDetection}; the system UTC clock; a
 * private {@link HttpClient} created by the adapter; the OpenID Connect issuer is the base URI.
 *
 * <p><b>Transport security.</b> Every URI here (the base URI and the issuer) must be {@code https}.
 * Plain {@code http} is accepted only for a loopback host ({@code 127.0.0.1}, {@code ::1},
 * {@code localhost}), which is what tests and the fake carrier networks use. So
 * {@code http://127.0.0.1:8089/cht} is accepted and {@code http://carrier.example/cht} or
 * {@code http://10.0.0.5/cht} are refused when the configuration is built, naming the setting.
 */
public final class CarrierConfig {

    private final URI baseUri;
    private final Optional<URI> issuer;
    private final String clientId;
    private final Optional<PrivateKey> clientSigningKey;
    private final Optional<String> signingKeyId;
    private final String purpose;
    private final Duration connectTimeout;
    private final Duration callTimeout;
    private final Optional<HttpClient> httpClient;
    private final Clock clock;
    private final Map<String, String> properties;

    private CarrierConfig(Builder b) {
        this.baseUri = b.baseUri;
        this.issuer = Optional.ofNullable(b.issuer);
        this.clientId = b.clientId;
        this.clientSigningKey = Optional.ofNullable(b.clientSigningKey);
        this.signingKeyId = Optional.ofNullable(b.signingKeyId);
        this.purpose = b.purpose;
        this.connectTimeout = b.connectTimeout;
        this.callTimeout = b.callTimeout;
        this.httpClient = Optional.ofNullable(b.httpClient);
        this.clock = b.clock;
        this.properties = Map.copyOf(b.properties);
    }

    /**
     * Starts a configuration.
     *
     * @param baseUri  the carrier's API base, e.g. {@code https://api.example.net/cht}; every
     *                 CAMARA path is resolved below it
     * @param clientId the portal's OAuth client id at this carrier
     * @return this builder
     */
    public static Builder builder(URI baseUri, String clientId) {
        return new Builder(baseUri, clientId);
    }

    /** {@return the API base; paths such as {@code /oauth2/token} are appended to it} */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * {@return the carrier's OpenID Connect issuer, when it differs from the base URI} An adapter reads the
     * authorization server's endpoints and keys from {@code {issuer}/.well-known/openid-configuration}
     * (OpenID Connect Discovery 1.0 §4) and requires the document's {@code issuer} and every ID
     * token's {@code iss} to equal it. Empty means the base URI is the issuer.
     */
    public Optional<URI> issuer() {
        return issuer;
    }

    /** {@return the issuer in effect: {@link #issuer()} when set, otherwise {@link #baseUri()}} */
    public URI effectiveIssuer() {
        return issuer.orElse(baseUri);
    }

    /**
     * {@return whether {@code uri} may carry carrier traffic: an absolute {@code https} URI with a host, or
     * {@code http} to a loopback host ({@code 127.0.0.1}, {@code ::1} or {@code localhost})} Adapters
     * apply the same rule to endpoints they discover at run time.
     *
     * @param uri the URI
     */
    public static boolean isSecureOrLoopback(URI uri) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("https")) {
            return true;
        }
        if (!scheme.equals("http")) {
            return false;
        }
        String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
        return host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1") || host.equals("localhost");
    }

    /** {@return the OAuth client id, also {@code iss} and {@code sub} of the client assertion} */
    public String clientId() {
        return clientId;
    }

    /** {@return the EC P-256 key that signs {@code private_key_jwt} client assertions (ES256)} */
    public Optional<PrivateKey> clientSigningKey() {
        return clientSigningKey;
    }

    /** {@return the {@code kid} to put in the client assertion header, when the carrier asks for one} */
    public Optional<String> signingKeyId() {
        return signingKeyId;
    }

    /** {@return the CAMARA purpose scope, default {@code dpv:FraudPreventionAndDetection}} */
    public String purpose() {
        return purpose;
    }

    /** {@return connect timeout for new connections, default 2 s} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * {@return upper bound on each HTTP request, default 10 s} A request never waits longer than this nor
     * past its {@link CallContext#deadline()}, whichever comes first; retries never go past the
     * deadline.
     */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** {@return an HTTP client to share, when the integrator supplies one} */
    public Optional<HttpClient> httpClient() {
        return httpClient;
    }

    /** {@return the clock for token expiry and assertion times} */
    public Clock clock() {
        return clock;
    }

    /** {@return carrier-specific settings, e.g. {@code tenure-date} for CHT; never null} */
    public Map<String, String> properties() {
        return properties;
    }

    /**
     * {@return the carrier-specific setting {@code key}, if set}
     *
     * @param key the key
     */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    @Override
    public String toString() {
        return "CarrierConfig[baseUri=" + baseUri + issuer.map(i -> ", issuer=" + i).orElse("") + ", clientId=" + clientId + ", signingKey="
                + (clientSigningKey.isPresent() ? "set" : "absent") + "]";
    }

    /** Builder for {@link CarrierConfig}; every setter rejects null. */
    public static final class Builder {
        private final URI baseUri;
        private final String clientId;
        private URI issuer;
        private PrivateKey clientSigningKey;
        private String signingKeyId;
        private String purpose = "dpv:FraudPreventionAndDetection";
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration callTimeout = Duration.ofSeconds(10);
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private final java.util.HashMap<String, String> properties = new java.util.HashMap<>();

        private Builder(URI baseUri, String clientId) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            if (!baseUri.isAbsolute()) {
                throw new IllegalArgumentException("baseUri must be absolute, e.g. https://carrier.example/cht");
            }
            requireSecure(baseUri, "baseUri", "base-uri");
            if (clientId.isBlank()) {
                throw new IllegalArgumentException("clientId must not be blank");
            }
        }

        /**
         * {@return the carrier's OpenID Connect issuer when the authorization server lives elsewhere than
         * the base URI, e.g. {@code https://auth.carrier.example}; https, or http on loopback}
         *
         * @param issuer the issuer value
         * @throws IllegalArgumentException if it is relative, not https, or plain http to a
         *                                  host that is not loopback
         */
        public Builder issuer(URI issuer) {
            Objects.requireNonNull(issuer, "issuer");
            if (!issuer.isAbsolute()) {
                throw new IllegalArgumentException("issuer must be absolute, e.g. https://auth.carrier.example");
            }
            requireSecure(issuer, "issuer", "issuer");
            this.issuer = issuer;
            return this;
        }

        /**
         * {@return the ES256 key for client assertions (an EC P-256 private key)}
         *
         * @param key the key
         */
        public Builder clientSigningKey(PrivateKey key) {
            this.clientSigningKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * {@return the {@code kid} header of client assertions}
         *
         * @param kid the kid value
         */
        public Builder signingKeyId(String kid) {
            this.signingKeyId = Objects.requireNonNull(kid, "kid");
            return this;
        }

        /**
         * {@return the CAMARA purpose scope}
         *
         * @param purpose the purpose value
         */
        public Builder purpose(String purpose) {
            this.purpose = Objects.requireNonNull(purpose, "purpose");
            return this;
        }

        /**
         * {@return connect timeout; must be positive}
         *
         * @param timeout the longest the call may take
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * {@return upper bound on each HTTP request; must be positive}
         *
         * @param timeout the longest the call may take
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout, "callTimeout");
            return this;
        }

        /**
         * Share an HTTP client instead of letting the adapter make its own.
         *
         * @param client the requesting browser
         * @return this builder
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * {@return the clock for token expiry and assertion times}
         *
         * @param clock the clock that decides expiry
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * {@return a carrier-specific setting}
         *
         * @param key the key
         * @param value the value
         */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** {@return the configuration; the builder may be reused afterwards without affecting it} */
        public CarrierConfig build() {
            return new CarrierConfig(this);
        }

        private static void requireSecure(URI uri, String field, String setting) {
            if (!isSecureOrLoopback(uri)) {
                throw new IllegalArgumentException(field + " " + uri.getScheme() + "://" + uri.getHost()
                        + "… is refused (setting mobileauth.carrier.<id>." + setting + "): carrier traffic must use"
                        + " https; plain http is allowed only to 127.0.0.1, ::1 or localhost, for tests");
            }
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
