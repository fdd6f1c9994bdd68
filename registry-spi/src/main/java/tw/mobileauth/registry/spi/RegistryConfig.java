package tw.mobileauth.registry.spi;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import tw.mobileauth.carrier.spi.CarrierConfig;

/**
 * How to reach one identity registry. Built with {@link #builder(URI, String)}; immutable.
 *
 * <p>Defaults: connect timeout 2 s; call timeout 5 s (the bound on each HTTP request when the
 * {@link tw.mobileauth.carrier.spi.CallContext} has no tighter deadline); the system UTC clock;
 * a private {@link HttpClient} made by the adapter.
 *
 * <p><b>Client authentication.</b> A registry answers only known clients, so a configuration has
 * a {@linkplain Builder#clientSigningKey(PrivateKey) request-signing key}, an
 * {@linkplain Builder#sslContext(SSLContext) SSL context holding a TLS client certificate}
 * (mutual TLS), or both; {@link Builder#build()} refuses one with neither. Which one a registry
 * needs is its adapter's {@link IdentityRegistryFactory#isSupported(RegistryConfig)} to say.
 *
 * <p><b>Transport security.</b> The base URI must be {@code https}. Plain {@code http} is
 * accepted only for a loopback host ({@code 127.0.0.1}, {@code ::1}, {@code localhost}), which is
 * what tests and the fake registry use: {@code http://127.0.0.1:8090/} is accepted and
 * {@code http://registry.example/} or {@code http://10.0.0.5/} are refused when the builder is
 * made, naming the setting. This is the carriers' rule ({@link CarrierConfig#isSecureOrLoopback(URI)}).
 *
 * <p>{@link #toString()} names the base URI, client id and which credentials are set, never the
 * key.
 */
public final class RegistryConfig {

    /** The prefix of the settings a deployment binds to a registry: {@code mobileauth.registry.<id>.<key>}. */
    public static final String SETTINGS_PREFIX = "mobileauth.registry.";

    private final URI baseUri;
    private final String clientId;
    private final Optional<PrivateKey> clientSigningKey;
    private final Optional<String> signingKeyId;
    private final Optional<SSLContext> sslContext;
    private final Duration connectTimeout;
    private final Duration callTimeout;
    private final Optional<HttpClient> httpClient;
    private final Clock clock;
    private final Map<String, String> properties;

    private RegistryConfig(Builder b) {
        this.baseUri = b.baseUri;
        this.clientId = b.clientId;
        this.clientSigningKey = Optional.ofNullable(b.clientSigningKey);
        this.signingKeyId = Optional.ofNullable(b.signingKeyId);
        this.sslContext = Optional.ofNullable(b.sslContext);
        this.connectTimeout = b.connectTimeout;
        this.callTimeout = b.callTimeout;
        this.httpClient = Optional.ofNullable(b.httpClient);
        this.clock = b.clock;
        this.properties = Map.copyOf(b.properties);
    }

    /**
     * Starts a configuration.
     *
     * @param baseUri  the registry's API base, e.g. {@code https://registry.example.gov.tw}; every
     *                 profile path is resolved below it (setting {@code mobileauth.registry.<id>.base-uri})
     * @param clientId this portal's client id at the registry ({@code …client-id})
     * @return this builder
     * @throws IllegalArgumentException if the base URI is relative or not https (plain http only to
     *                                  loopback), or the client id is blank
     */
    public static Builder builder(URI baseUri, String clientId) {
        return new Builder(baseUri, clientId);
    }

    /** {@return the API base; profile paths are appended to it} */
    public URI baseUri() {
        return baseUri;
    }

    /** {@return this portal's client id at the registry; the {@code iss} of signed requests} */
    public String clientId() {
        return clientId;
    }

    /** {@return the key that signs requests (the reference profile: EC P-256, ES256), when set} */
    public Optional<PrivateKey> clientSigningKey() {
        return clientSigningKey;
    }

    /** {@return the {@code kid} to put in the signature header, when the registry asks for one} */
    public Optional<String> signingKeyId() {
        return signingKeyId;
    }

    /** {@return the SSL context with the TLS client certificate for mutual TLS, when set} */
    public Optional<SSLContext> sslContext() {
        return sslContext;
    }

    /** {@return connect timeout for new connections, default 2 s} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * {@return upper bound on each HTTP request, default 5 s} A request never waits longer than this nor
     * past its {@link tw.mobileauth.carrier.spi.CallContext#deadline()}; retries never go past the
     * deadline.
     */
    public Duration callTimeout() {
        return callTimeout;
    }

    /**
     * {@return an HTTP client to share, when the integrator supplies one (then it carries any TLS client certificate)}
     */
    public Optional<HttpClient> httpClient() {
        return httpClient;
    }

    /** {@return the clock for request timestamps and deadlines} */
    public Clock clock() {
        return clock;
    }

    /** {@return registry-specific settings; never null} */
    public Map<String, String> properties() {
        return properties;
    }

    /**
     * {@return the registry-specific setting {@code key}, if set}
     *
     * @param key the key
     */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    @Override
    public String toString() {
        return "RegistryConfig[baseUri=" + baseUri + ", clientId=" + clientId + ", signingKey="
                + (clientSigningKey.isPresent() ? "set" : "absent") + ", mutualTls="
                + (sslContext.isPresent() ? "set" : httpClient.isPresent() ? "per the given HttpClient" : "absent") + "]";
    }

    /** Builder for {@link RegistryConfig}; every setter rejects null. */
    public static final class Builder {
        private final URI baseUri;
        private final String clientId;
        private PrivateKey clientSigningKey;
        private String signingKeyId;
        private SSLContext sslContext;
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration callTimeout = Duration.ofSeconds(5);
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private final Map<String, String> properties = new HashMap<>();

        private Builder(URI baseUri, String clientId) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            if (!baseUri.isAbsolute()) {
                throw new IllegalArgumentException("baseUri must be absolute, e.g. https://registry.example.gov.tw"
                        + " (setting " + SETTINGS_PREFIX + "<id>.base-uri)");
            }
            if (!CarrierConfig.isSecureOrLoopback(baseUri)) {
                throw new IllegalArgumentException("baseUri " + baseUri.getScheme() + "://" + baseUri.getHost()
                        + "… is refused (setting " + SETTINGS_PREFIX + "<id>.base-uri): registry traffic must use"
                        + " https; plain http is allowed only to 127.0.0.1, ::1 or localhost, for tests");
            }
            if (clientId.isBlank()) {
                throw new IllegalArgumentException("clientId must not be blank (setting " + SETTINGS_PREFIX
                        + "<id>.client-id): use the client id the registry issued to this portal");
            }
        }

        /**
         * {@return the key that signs every request (the reference profile needs an EC P-256 key, ES256)}
         *
         * @param key the key
         */
        public Builder clientSigningKey(PrivateKey key) {
            this.clientSigningKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * {@return the {@code kid} header of request signatures}
         *
         * @param kid the kid value
         */
        public Builder signingKeyId(String kid) {
            Objects.requireNonNull(kid, "kid");
            if (kid.isBlank()) {
                throw new IllegalArgumentException("signingKeyId must not be blank (setting " + SETTINGS_PREFIX
                        + "<id>.signing-key-id); leave it unset when the registry needs none");
            }
            this.signingKeyId = kid;
            return this;
        }

        /**
         * {@return mutual TLS: an SSL context whose key manager holds this portal's client certificate} The
         * adapter builds its HTTP client with it. Not combinable with {@link #httpClient(HttpClient)}:
         * a supplied client already has its SSL context.
         *
         * @param context the context value
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * {@return connect timeout; must be positive}
         *
         * @param timeout the longest the call may take
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout", "connect-timeout");
            return this;
        }

        /**
         * {@return upper bound on each HTTP request; must be positive}
         *
         * @param timeout the longest the call may take
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout, "callTimeout", "call-timeout");
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
         * {@return the clock for request timestamps and deadlines}
         *
         * @param clock the clock that decides expiry
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * {@return a registry-specific setting}
         *
         * @param key the key
         * @param value the value
         */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * {@return the configuration; the builder may be reused afterwards without affecting it}
         *
         * @throws IllegalArgumentException with neither a signing key nor client TLS (an SSL
         *         context or a supplied HTTP client), or with both an SSL context and an HTTP client
         */
        public RegistryConfig build() {
            if (sslContext != null && httpClient != null) {
                throw new IllegalArgumentException("sslContext and httpClient were both given: the adapter cannot put"
                        + " the SSL context into a client it did not build; configure the client certificate in your"
                        + " HttpClient (HttpClient.newBuilder().sslContext(…)) and drop sslContext, or drop httpClient");
            }
            if (clientSigningKey == null && sslContext == null && httpClient == null) {
                throw new IllegalArgumentException("no client authentication: a registry answers only known clients;"
                        + " set a request-signing key (setting " + SETTINGS_PREFIX + "<id>.signing-key-file) or an"
                        + " SSL context with a TLS client certificate");
            }
            return new RegistryConfig(this);
        }

        private static Duration positive(Duration d, String name, String setting) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d + " (setting "
                        + SETTINGS_PREFIX + "<id>." + setting + ")");
            }
            return d;
        }
    }
}
