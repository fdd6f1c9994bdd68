package tw.mobileauth.carrier;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import tw.mobileauth.carrier.spi.CarrierConfig;

/**
 * Carrier settings bound from {@link Properties} or the environment, one group per carrier id.
 *
 * <table>
 *   <caption>Keys, for carrier {@code cht} (environment: {@code MOBILEAUTH_CARRIER_CHT_BASE_URI} …)</caption>
 *   <tr><th>key</th><th>meaning</th></tr>
 *   <tr><td>{@code mobileauth.carrier.cht.base-uri}</td><td>required; the carrier's API base URI, https (plain
 *       http only to 127.0.0.1, ::1 or localhost)</td></tr>
 *   <tr><td>{@code mobileauth.carrier.cht.issuer}</td><td>the OpenID Connect issuer, when the authorization
 *       server is not at the base URI; its discovery document is {@code <issuer>/.well-known/openid-configuration}.
 *       Default: the base URI. Same https rule</td></tr>
 *   <tr><td>{@code mobileauth.carrier.cht.client-id}</td><td>required; the portal's client id at the carrier</td></tr>
 *   <tr><td>{@code mobileauth.carrier.cht.signing-key-file}</td><td>a PKCS#8 PEM file with the EC P-256 key for
 *       {@code private_key_jwt}</td></tr>
 *   <tr><td>{@code mobileauth.carrier.cht.signing-key}</td><td>the same key inline, PEM or Base64 DER</td></tr>
 *   <tr><td>{@code mobileauth.carrier.cht.signing-key-id}</td><td>the {@code kid} header</td></tr>
 *   <tr><td>{@code mobileauth.carrier.cht.purpose}</td><td>the CAMARA purpose scope</td></tr>
 *   <tr><td>{@code mobileauth.carrier.cht.connect-timeout}, {@code .call-timeout}</td><td>ISO-8601
 *       ({@code PT2S}) or {@code 2s} / {@code 500ms}</td></tr>
 *   <tr><td>any other {@code mobileauth.carrier.cht.*}</td><td>passed to the adapter as a
 *       {@linkplain CarrierConfig#property(String) carrier property}</td></tr>
 * </table>
 *
 * <p>A carrier is configured when its {@code base-uri} is set. Mistakes raise
 * {@link CarrierConfigurationException} naming the key and the fix.
 */
public final class CarrierSettings {

    /** The prefix of every key. */
    public static final String PREFIX = "mobileauth.carrier.";
    private static final String ENV_PREFIX = "MOBILEAUTH_CARRIER_";

    private final Map<String, CarrierConfig> configs;

    private CarrierSettings(Map<String, CarrierConfig> configs) {
        this.configs = Collections.unmodifiableMap(configs);
    }

    /**
     * Settings given programmatically, carrier id → configuration.
     *
     * @param configs the configs value
     * @return the carrier settings
     */
    public static CarrierSettings of(Map<String, CarrierConfig> configs) {
        return new CarrierSettings(new LinkedHashMap<>(configs));
    }

    /**
     * Binds every {@code mobileauth.carrier.<id>.*} key of {@code properties}.
     *
     * @param properties the properties to read
     * @return the carrier settings
     */
    public static CarrierSettings fromProperties(Properties properties) {
        Map<String, String> flat = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                flat.put(name, properties.getProperty(name));
            }
        }
        return bind(flat);
    }

    /**
     * Binds {@code MOBILEAUTH_CARRIER_<ID>_<KEY>} variables, e.g. {@code MOBILEAUTH_CARRIER_CHT_BASE_URI}
     * becomes {@code mobileauth.carrier.cht.base-uri}. Pass {@code System.getenv()}.
     *
     * @param environment the environment value
     * @return the carrier settings
     */
    public static CarrierSettings fromEnvironment(Map<String, String> environment) {
        Map<String, String> flat = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX)) {
                String rest = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
                int cut = rest.indexOf('_');
                if (cut > 0 && cut < rest.length() - 1) {
                    flat.put(PREFIX + rest.substring(0, cut) + "." + rest.substring(cut + 1).replace('_', '-'), value);
                }
            }
        });
        return bind(flat);
    }

    /** {@return carrier id → configuration, for every configured carrier} */
    public Map<String, CarrierConfig> configs() {
        return configs;
    }

    private static CarrierSettings bind(Map<String, String> flat) {
        Map<String, Map<String, String>> byCarrier = new TreeMap<>();
        flat.forEach((name, value) -> {
            String rest = name.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new CarrierConfigurationException("Setting '" + name + "' names no carrier key; write it as "
                        + PREFIX + "<carrier-id>.<key>, e.g. " + PREFIX + "cht.base-uri");
            }
            byCarrier.computeIfAbsent(rest.substring(0, dot), k -> new TreeMap<>()).put(rest.substring(dot + 1), value);
        });
        Map<String, CarrierConfig> configs = new LinkedHashMap<>();
        byCarrier.forEach((id, keys) -> {
            if (keys.containsKey("base-uri")) {
                configs.put(id, toConfig(id, keys));
            }
        });
        return new CarrierSettings(configs);
    }

    private static CarrierConfig toConfig(String id, Map<String, String> keys) {
        String clientId = keys.get("client-id");
        if (clientId == null || clientId.isBlank()) {
            throw new CarrierConfigurationException("Carrier '" + id + "' has a base-uri but no client id: set "
                    + PREFIX + id + ".client-id");
        }
        CarrierConfig.Builder b = secure(id, "base-uri",
                () -> CarrierConfig.builder(uri(id, "base-uri", keys.get("base-uri")), clientId.trim()));
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String key = e.getKey();
            String value = e.getValue().trim();
            switch (key) {
                case "base-uri", "client-id" -> { }
                case "issuer" -> secure(id, key, () -> b.issuer(uri(id, key, value)));
                case "signing-key-file" -> b.clientSigningKey(privateKey(id, key, read(id, key, value)));
                case "signing-key" -> b.clientSigningKey(privateKey(id, key, value));
                case "signing-key-id" -> b.signingKeyId(value);
                case "purpose" -> b.purpose(value);
                case "connect-timeout" -> b.connectTimeout(duration(id, key, value));
                case "call-timeout" -> b.callTimeout(duration(id, key, value));
                default -> b.property(key, value);
            }
        }
        return b.build();
    }

    private static URI uri(String id, String key, String value) {
        try {
            URI uri = new URI(value.trim());
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an absolute http(s) URI");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CarrierConfigurationException(PREFIX + id + "." + key + " is not an absolute URI ('" + value
                    + "'); write e.g. https://carrier.example/" + id, e);
        }
    }

    /** Runs a builder step whose URI rule (https, or http on loopback) names the setting when it refuses. */
    private static CarrierConfig.Builder secure(String id, String key,
            java.util.function.Supplier<CarrierConfig.Builder> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new CarrierConfigurationException(PREFIX + id + "." + key + " is refused: " + e.getMessage(), e);
        }
    }

    static Duration duration(String id, String key, String value) {
        try {
            Duration d;
            if (value.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            } else if (value.endsWith("s") && !value.startsWith("P")) {
                d = Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            } else {
                d = Duration.parse(value);
            }
            if (d.isNegative() || d.isZero()) {
                throw new NumberFormatException("not positive");
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new CarrierConfigurationException(PREFIX + id + "." + key + " must be a positive duration such as "
                    + "2s, 500ms or PT2S (was '" + value + "')", e);
        }
    }

    private static String read(String id, String key, String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new CarrierConfigurationException(PREFIX + id + "." + key + " names a file that cannot be read ("
                    + path + "): " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(String id, String key, String text) {
        Objects.requireNonNull(text);
        try {
            byte[] der;
            if (text.contains("-----BEGIN")) {
                try (PemReader reader = new PemReader(new StringReader(text))) {
                    PemObject pem = reader.readPemObject();
                    if (pem == null || !"PRIVATE KEY".equals(pem.getType())) {
                        throw new GeneralSecurityException("expected a '-----BEGIN PRIVATE KEY-----' (PKCS#8) block");
                    }
                    der = pem.getContent();
                }
            } else {
                der = Base64.getMimeDecoder().decode(text);
            }
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new CarrierConfigurationException(PREFIX + id + "." + key + " is not a PKCS#8 EC private key ("
                    + e.getMessage() + "); convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem", e);
        }
    }
}
