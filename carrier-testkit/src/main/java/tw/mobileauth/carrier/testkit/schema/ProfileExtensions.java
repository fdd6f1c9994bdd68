package tw.mobileauth.carrier.testkit.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one carrier profile is allowed to do beyond the official CAMARA definitions, declared
 * once, as data, in {@code profiles/<carrier>.json} (docs/carrier-contract.md §3). Nothing else may differ.
 *
 * <p>A profile document has these members, each optional except {@code carrier}:
 * <ul>
 *   <li>{@code apis}: OpenAPI 3.0 documents (files next to the profile) for extension operations that
 *       CAMARA does not define, e.g. CHT's {@code /cht/line-profile/v1/retrieve}; they are validated
 *       exactly like the official ones;</li>
 *   <li>{@code errorCodes}: {@code {operations, status, code, why}}, a carrier code allowed on those
 *       operations ({@code "*"}: all of this carrier's), e.g. 422 {@code CHT.SUBSCRIBER_SUSPENDED};</li>
 *   <li>{@code properties}: {@code {operation, status, at, name, why, schema}}, a member {@code name}
 *       allowed in the {@code status} answer's object at JSON pointer {@code at} ({@code ""}: the
 *       root), whose value must match {@code schema} (OpenAPI 3.0 schema), e.g. FET's
 *       {@code x-fet-subscriber};</li>
 *   <li>{@code requestRules}: {@code {operation, rule, schema}}, a further schema the request body
 *       must match at this carrier, e.g. TWM's hashedPhoneNumber-only Number Verification;</li>
 *   <li>{@code notOffered}: {@code {operation, why}}, an official operation this carrier does not
 *       serve; it may only answer 404 {@code NOT_FOUND}.</li>
 * </ul>
 */
public final class ProfileExtensions {

    /** Classpath folder of the reference profiles {@code cht}, {@code twm} and {@code fet}. */
    public static final String REFERENCE_FOLDER = "tw/mobileauth/carrier/testkit/schema/profiles/";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A carrier error code allowed on some operations ({@code "*"} means all). */
    public record ErrorCode(Set<String> operations, int status, String code, String why) {
        boolean appliesTo(String operationId) {
            return operations.contains("*") || operations.contains(operationId);
        }
    }

    /** A member allowed in an answer's object, with its own schema (at {@code schemaPointer} in the profile). */
    public record ExtraProperty(String operation, int status, String at, String name, String why, String schemaPointer) {
    }

    /** A further schema a request body must match (at {@code schemaPointer} in the profile). */
    public record RequestRule(String operation, String rule, String schemaPointer) {
    }

    /** An official operation the carrier does not serve. */
    public record NotOffered(String operation, String why) {
    }

    private final String carrierId;
    private final String source;
    private final JsonNode document;
    private final Map<String, String> apis;
    private final List<ErrorCode> errorCodes;
    private final List<ExtraProperty> properties;
    private final List<RequestRule> requestRules;
    private final List<NotOffered> notOffered;

    private ProfileExtensions(JsonNode doc, Map<String, String> apis) {
        this.document = doc;
        this.carrierId = text(doc, "carrier", "the profile");
        this.source = doc.path("source").asText("");
        this.apis = Map.copyOf(apis);
        List<ErrorCode> codes = new ArrayList<>();
        doc.path("errorCodes").forEach(n -> {
            Set<String> ops = new LinkedHashSet<>();
            n.path("operations").forEach(o -> ops.add(o.asText()));
            if (ops.isEmpty()) {
                throw new IllegalArgumentException(carrierId + ": an errorCodes entry names no operations: " + n);
            }
            codes.add(new ErrorCode(Set.copyOf(ops), status(n), text(n, "code", "an errorCodes entry"),
                    n.path("why").asText("")));
        });
        List<ExtraProperty> props = new ArrayList<>();
        JsonNode p = doc.path("properties");
        for (int i = 0; i < p.size(); i++) {
            JsonNode n = p.get(i);
            requireSchema(n, "a properties entry");
            props.add(new ExtraProperty(text(n, "operation", "a properties entry"), status(n), n.path("at").asText(""),
                    text(n, "name", "a properties entry"), n.path("why").asText(""), "/properties/" + i + "/schema"));
        }
        List<RequestRule> rules = new ArrayList<>();
        JsonNode r = doc.path("requestRules");
        for (int i = 0; i < r.size(); i++) {
            JsonNode n = r.get(i);
            requireSchema(n, "a requestRules entry");
            rules.add(new RequestRule(text(n, "operation", "a requestRules entry"), text(n, "rule", "a requestRules entry"),
                    "/requestRules/" + i + "/schema"));
        }
        List<NotOffered> absent = new ArrayList<>();
        doc.path("notOffered").forEach(n -> absent.add(new NotOffered(text(n, "operation", "a notOffered entry"),
                n.path("why").asText(""))));
        this.errorCodes = List.copyOf(codes);
        this.properties = List.copyOf(props);
        this.requestRules = List.copyOf(rules);
        this.notOffered = List.copyOf(absent);
    }

    /**
     * {@return a reference profile ({@code cht}, {@code twm} or {@code fet}) from {@value #REFERENCE_FOLDER}}
     *
     * @param carrierId the carrier id
     * @throws IllegalArgumentException when there is no such profile or it is malformed
     */
    public static ProfileExtensions load(String carrierId) {
        return fromClasspath(REFERENCE_FOLDER, carrierId);
    }

    /**
     * {@return a profile {@code <folder><carrierId>.json} from the classpath, with the extension OpenAPI
     * documents its {@code apis} names in the same folder: how a third-party adapter declares its own}
     *
     * @param folder the folder value
     * @param carrierId the carrier id
     * @throws IllegalArgumentException when a file is missing or malformed
     */
    public static ProfileExtensions fromClasspath(String folder, String carrierId) {
        String base = folder.endsWith("/") ? folder : folder + "/";
        JsonNode doc;
        try {
            doc = MAPPER.readTree(resource(base + carrierId + ".json"));
        } catch (IOException e) {
            throw new IllegalArgumentException(base + carrierId + ".json is not JSON: " + e.getMessage(), e);
        }
        if (!carrierId.equals(doc.path("carrier").asText())) {
            throw new IllegalArgumentException(base + carrierId + ".json declares carrier '"
                    + doc.path("carrier").asText() + "'");
        }
        Map<String, String> apis = new LinkedHashMap<>();
        doc.path("apis").forEach(a -> apis.put(a.asText(), resource(base + a.asText())));
        return new ProfileExtensions(doc, apis);
    }

    /**
     * {@return a profile from its JSON text and the texts of the extension documents it names}
     *
     * @param apis file name (as written in the profile's {@code apis}) to OpenAPI YAML or JSON text
     * @param profileJson the profile json
     * @throws IllegalArgumentException when the profile is malformed or names a document not given
     */
    public static ProfileExtensions parse(String profileJson, Map<String, String> apis) {
        JsonNode doc;
        try {
            doc = MAPPER.readTree(profileJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("the profile is not JSON: " + e.getMessage(), e);
        }
        Map<String, String> named = new LinkedHashMap<>();
        doc.path("apis").forEach(a -> named.put(a.asText(), Optional.ofNullable(apis.get(a.asText()))
                .orElseThrow(() -> new IllegalArgumentException("the profile names " + a.asText() + ", which was not given"))));
        return new ProfileExtensions(doc, named);
    }

    private static String resource(String name) {
        try (InputStream in = ProfileExtensions.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("the classpath has no " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private String text(JsonNode n, String field, String what) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException((carrierId == null ? "" : carrierId + ": ") + what + " needs a text '"
                    + field + "': " + n);
        }
        return v.asText();
    }

    private int status(JsonNode n) {
        JsonNode v = n.get("status");
        if (v == null || !v.canConvertToInt() || v.asInt() < 100 || v.asInt() > 599) {
            throw new IllegalArgumentException(carrierId + ": an entry needs an HTTP 'status': " + n);
        }
        return v.asInt();
    }

    private void requireSchema(JsonNode n, String what) {
        if (!n.path("schema").isObject()) {
            throw new IllegalArgumentException(carrierId + ": " + what + " needs a 'schema' object: " + n);
        }
    }

    /** {@return the carrier these extensions belong to} */
    public String carrierId() {
        return carrierId;
    }

    /** {@return where the profile is documented, e.g. {@code docs/carrier-contract.md §3 Chunghwa Telecom}} */
    public String source() {
        return source;
    }

    /** {@return the extension OpenAPI documents: file name to text} */
    public Map<String, String> apis() {
        return apis;
    }

    /** {@return the carrier's own error codes beyond the official ones} */
    public List<ErrorCode> errorCodes() {
        return errorCodes;
    }

    /** {@return the extra properties this carrier adds to the official schemas} */
    public List<ExtraProperty> properties() {
        return properties;
    }

    /** {@return the extra rules this carrier applies to requests} */
    public List<RequestRule> requestRules() {
        return requestRules;
    }

    /** {@return the official operations or fields this carrier does not offer} */
    public List<NotOffered> notOffered() {
        return notOffered;
    }

    /** The codes this profile adds for {@code status} answers of {@code operationId}. */
    Set<String> codesFor(String operationId, int status) {
        Set<String> out = new LinkedHashSet<>();
        errorCodes.stream().filter(c -> c.status() == status && c.appliesTo(operationId)).forEach(c -> out.add(c.code()));
        return out;
    }

    List<ExtraProperty> propertiesFor(String operationId, int status) {
        return properties.stream().filter(x -> x.operation().equals(operationId) && x.status() == status).toList();
    }

    List<RequestRule> rulesFor(String operationId) {
        return requestRules.stream().filter(x -> x.operation().equals(operationId)).toList();
    }

    Optional<NotOffered> notOffered(String operationId) {
        return notOffered.stream().filter(x -> x.operation().equals(operationId)).findFirst();
    }

    /** The profile document, for resolving the schema pointers of its entries. */
    JsonNode document() {
        return document;
    }

    @Override
    public String toString() {
        return "ProfileExtensions[" + carrierId + ": " + apis.keySet() + ", " + errorCodes.size() + " error codes, "
                + properties.size() + " properties, " + requestRules.size() + " request rules, " + notOffered.size()
                + " not offered]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProfileExtensions other && other.carrierId.equals(carrierId)
                && other.document.equals(document) && other.apis.equals(apis);
    }

    @Override
    public int hashCode() {
        return Objects.hash(carrierId, document, apis);
    }
}
