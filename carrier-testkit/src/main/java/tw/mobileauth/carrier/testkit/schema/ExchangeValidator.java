package tw.mobileauth.carrier.testkit.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Validates exchanges with a carrier against the official CAMARA definitions plus that carrier's
 * {@link ProfileExtensions}, and reports every difference as a {@link Violation} instead of throwing.
 *
 * <p>The steps, in order (each may add violations; a step that cannot run stops the exchange):
 * <ol>
 *   <li>the carrier has a declared profile;</li>
 *   <li>an operation matches the method and path (official definitions by their {@code servers} base
 *       path, then the profile's extension documents); an operation the profile does not offer may
 *       only answer 404 {@code NOT_FOUND};</li>
 *   <li>the request {@code x-correlator} matches the operation's parameter schema;</li>
 *   <li>a required request body is present, is {@code application/json}, matches the schema, has no
 *       undeclared member, and matches the profile's request rules;</li>
 *   <li>the response status is declared by the operation, by a profile error code, or is a generic
 *       throttling/server error ({@code generic-errors.json});</li>
 *   <li>the response {@code x-correlator} matches the declared header schema and echoes the request's;</li>
 *   <li>a success body matches the status's schema with no undeclared member; the profile's extra
 *       members are taken out first and checked against their own schemas;</li>
 *   <li>an error body is an ErrorInfo whose {@code status} is the HTTP status and whose {@code code} is
 *       one the definition lists for that status (the {@code code} enum of its schema, else its
 *       examples) or one the profile adds.</li>
 * </ol>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ExchangeValidator {

    private static final String GENERIC = "tw/mobileauth/carrier/testkit/schema/generic-errors.json";
    private static final String PROFILE_IRI = CamaraDefinitions.IRI_BASE + "profiles/";
    private static final String GENERIC_IRI = CamaraDefinitions.IRI_BASE + "generic-errors.json";
    private static final String CORRELATOR = "x-correlator";
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The outcome of one exchange: the operation it matched (or {@code METHOD path}) and what is wrong. */
    public record Result(String operation, List<Violation> violations) {
        /**
         * Checks the components.
         *
         * @param operation the operation value
         * @param violations the violations value
         */
        public Result {
            violations = List.copyOf(violations);
        }

        /** {@return whether the exchange broke no rule} */
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private record Carrier(ProfileExtensions profile, List<OperationSpec> operations) {
        Optional<OperationSpec> find(String method, String path) {
            return operations.stream().filter(o -> o.matches(method, path)).findFirst();
        }
    }

    private record SchemaAt(String iri, JsonNode root, Pointers.Located at) {
        String location() {
            return iri + "#" + at.pointer();
        }
    }

    private final Map<String, Carrier> carriers;
    private final JsonNode generic;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private ExchangeValidator(CamaraDefinitions official, Collection<ProfileExtensions> profiles) {
        this.generic = readGeneric();
        Map<String, String> contents = new HashMap<>();
        contents.put(GENERIC_IRI, generic.toString());
        official.documents().forEach(d -> contents.put(d.iri(), d.tree().toString()));
        Map<String, Carrier> byId = new LinkedHashMap<>();
        for (ProfileExtensions p : profiles) {
            if (byId.containsKey(p.carrierId())) {
                throw new IllegalArgumentException("two profiles declare carrier " + p.carrierId());
            }
            List<OperationSpec> ops = new ArrayList<>();
            official.documents().forEach(d -> ops.addAll(d.operations()));
            Set<String> known = ops.stream().map(OperationSpec::operationId).collect(Collectors.toSet());
            p.apis().forEach((name, text) -> {
                ApiDocument doc = ApiDocument.parse(p.carrierId() + "/" + name, PROFILE_IRI + p.carrierId() + "/" + name, text);
                contents.put(doc.iri(), doc.tree().toString());
                for (OperationSpec o : doc.operations()) {
                    if (!known.add(o.operationId())) {
                        throw new IllegalArgumentException(p.carrierId() + ": extension operation " + o.operationId()
                                + " in " + name + " clashes with another operation of that id");
                    }
                    if (ops.stream().anyMatch(x -> x.method().equals(o.method()) && x.template().equals(o.template()))) {
                        throw new IllegalArgumentException(p.carrierId() + ": extension operation " + o
                                + " redefines an official path; an extension may only add operations");
                    }
                }
                ops.addAll(doc.operations());
            });
            checkNamesKnown(p, known);
            contents.put(PROFILE_IRI + p.carrierId() + ".json", p.document().toString());
            byId.put(p.carrierId(), new Carrier(p, List.copyOf(ops)));
        }
        this.carriers = Map.copyOf(byId);
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, b -> b
                .metaSchema(OpenApi30.getInstance())
                .defaultMetaSchemaIri(OpenApi30.getInstance().getIri())
                .schemaLoaders(l -> l.schemas(Map.copyOf(contents))));
        this.config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .nullableKeywordEnabled(true)
                .locale(Locale.ROOT)
                .build();
    }

    /**
     * {@return a validator for {@code official} plus the given profiles, one per carrier}
     *
     * @param official the official value
     * @param profiles the profiles value
     * @throws IllegalArgumentException when two profiles declare one carrier, an extension operation
     *                                  clashes with an official one, or a profile names an unknown operation
     */
    public static ExchangeValidator of(CamaraDefinitions official, Collection<ProfileExtensions> profiles) {
        return new ExchangeValidator(official, profiles);
    }

    /**
     * {@return the official definitions ({@link CamaraDefinitions#official()}) with the reference profiles
     * {@code cht}, {@code twm} and {@code fet}}
     *
     * @throws IllegalStateException when the official definitions cannot be found or verified
     */
    public static ExchangeValidator forReferenceProfiles() {
        return of(CamaraDefinitions.official(), List.of(ProfileExtensions.load("cht"), ProfileExtensions.load("twm"),
                ProfileExtensions.load("fet")));
    }

    private static void checkNamesKnown(ProfileExtensions p, Set<String> known) {
        List<String> named = new ArrayList<>();
        p.errorCodes().forEach(c -> c.operations().stream().filter(o -> !o.equals("*")).forEach(named::add));
        p.properties().forEach(x -> named.add(x.operation()));
        p.requestRules().forEach(x -> named.add(x.operation()));
        p.notOffered().forEach(x -> named.add(x.operation()));
        List<String> unknown = named.stream().filter(n -> !known.contains(n)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(p.carrierId() + " names operations no definition has: " + unknown
                    + "; known: " + new TreeSet<>(known));
        }
    }

    private static JsonNode readGeneric() {
        try (InputStream in = ExchangeValidator.class.getClassLoader().getResourceAsStream(GENERIC)) {
            if (in == null) {
                throw new IllegalStateException("the classpath has no " + GENERIC);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + GENERIC, e);
        }
    }

    /** {@return the carriers this validator has a profile for} */
    public Set<String> carriers() {
        return new TreeSet<>(carriers.keySet());
    }

    /**
     * {@return the operationIds known at {@code carrierId}: the official ones and its extensions}
     *
     * @param carrierId the carrier id
     */
    public List<String> operationIds(String carrierId) {
        Carrier c = carriers.get(carrierId);
        return c == null ? List.of() : c.operations().stream().map(OperationSpec::operationId).toList();
    }

    /**
     * {@return every violation of {@code exchange}; empty when it conforms}
     *
     * @param exchange the exchange value
     */
    public List<Violation> validate(Exchange exchange) {
        return check(exchange).violations();
    }

    /**
     * Validates {@code exchange}.
     *
     * @param exchange the exchange value
     * @throws AssertionError naming every violation, when there is any
     */
    public void assertValid(Exchange exchange) {
        Result r = check(exchange);
        if (!r.valid()) {
            throw new AssertionError(describe(exchange, r.violations()));
        }
    }

    static String describe(Exchange exchange, List<Violation> violations) {
        StringBuilder sb = new StringBuilder();
        sb.append(exchange.carrierId()).append(' ').append(exchange.requestLine()).append(" -> ")
                .append(exchange.status()).append(" breaks the CAMARA definitions or the profile in ")
                .append(violations.size()).append(violations.size() == 1 ? " way:" : " ways:");
        violations.forEach(v -> sb.append("\n  - ").append(v));
        return sb.toString();
    }

    /**
     * {@return the operation {@code exchange} matched and its violations}
     *
     * @param exchange the exchange value
     */
    public Result check(Exchange exchange) {
        List<Violation> out = new ArrayList<>();
        Carrier carrier = carriers.get(exchange.carrierId());
        if (carrier == null) {
            out.add(new Violation(exchange.requestLine(), "carrier '" + exchange.carrierId()
                    + "' has no declared profile; known: " + carriers(), "exchange"));
            return new Result(exchange.requestLine(), out);
        }
        Optional<OperationSpec> found = carrier.find(exchange.method(), exchange.path());
        if (found.isEmpty()) {
            out.add(new Violation(exchange.requestLine(), "no operation of the official definitions or of the "
                    + exchange.carrierId() + " profile is " + exchange.requestLine(), "request line"));
            return new Result(exchange.requestLine(), out);
        }
        OperationSpec op = found.get();
        Checks checks = new Checks(carrier.profile(), op, exchange, out);
        Optional<ProfileExtensions.NotOffered> absent = carrier.profile().notOffered(op.operationId());
        if (absent.isPresent()) {
            checks.notOffered(absent.get());
        } else {
            checks.request();
            checks.response();
        }
        return new Result(op.operationId(), out);
    }

    /** The checks of one exchange; collects violations into {@code out}. */
    private final class Checks {
        private final ProfileExtensions profile;
        private final OperationSpec op;
        private final Exchange ex;
        private final List<Violation> out;

        Checks(ProfileExtensions profile, OperationSpec op, Exchange ex, List<Violation> out) {
            this.profile = profile;
            this.op = op;
            this.ex = ex;
            this.out = out;
        }

        private void add(String what, String where) {
            out.add(new Violation(op.operationId(), what, where));
        }

        private SchemaAt inDocument(Pointers.Located at) {
            return new SchemaAt(op.document().iri(), op.document().tree(), at);
        }

        void notOffered(ProfileExtensions.NotOffered absent) {
            int status = generic.path("notOffered").path("status").asInt();
            String code = generic.path("notOffered").path("code").asText();
            if (ex.status() != status) {
                add("the " + profile.carrierId() + " profile does not offer this operation (" + absent.why()
                        + "), so the only allowed answer is " + status + " " + code + "; got " + ex.status(), "response status");
                return;
            }
            errorBody(genericErrorInfo(), Set.of(code));
        }

        // ------------------------------------------------------------ request

        void request() {
            ex.requestHeader(CORRELATOR).ifPresent(value -> op.requestCorrelatorSchema().ifPresent(schema ->
                    conforms(inDocument(schema), TextNode.valueOf(value), "request header " + CORRELATOR,
                            CORRELATOR + " '" + value + "' ")));
            Optional<Pointers.Located> body = op.requestBody();
            if (body.isEmpty()) {
                if (!ex.requestBody().isBlank()) {
                    add("the operation takes no request body, but one was sent", "request body");
                }
                return;
            }
            if (ex.requestBody().isBlank()) {
                if (body.get().node().path("required").asBoolean(false)) {
                    add("the request body is required (" + OperationSpec.JSON + "), none was sent", "request body");
                }
                return;
            }
            Optional<Pointers.Located> schema = op.jsonSchema(body.get());
            if (schema.isEmpty()) {
                add("the operation's request body has no " + OperationSpec.JSON + " schema", "request body");
                return;
            }
            contentType(ex.requestHeader("Content-Type"), "request");
            Optional<JsonNode> json = parse(ex.requestBody(), "request body");
            if (json.isEmpty()) {
                return;
            }
            body(inDocument(schema.get()), json.get(), "request body", List.of());
            for (ProfileExtensions.RequestRule rule : profile.rulesFor(op.operationId())) {
                SchemaAt ruleSchema = inProfile(rule.schemaPointer());
                for (ValidationMessage m : validate(ruleSchema, json.get())) {
                    add(profile.carrierId() + " profile rule: " + rule.rule() + " (" + message(m) + ")",
                            "request body " + location(m));
                }
            }
        }

        // ------------------------------------------------------------ response

        void response() {
            int status = ex.status();
            Optional<Pointers.Located> declared = op.response(status);
            Set<String> profileCodes = profile.codesFor(op.operationId(), status);
            List<String> genericCodes = new ArrayList<>();
            generic.path("statuses").path(Integer.toString(status)).forEach(c -> genericCodes.add(c.asText()));
            if (declared.isEmpty() && profileCodes.isEmpty() && genericCodes.isEmpty()) {
                add("status " + status + " is not declared for this operation (declared: " + String.join(", ", op.declaredStatuses())
                        + "), nor added by the " + profile.carrierId() + " profile, nor a generic CAMARA error",
                        "response status");
                correlator(op.requestCorrelatorSchema());
                return;
            }
            correlator(declared.isPresent() ? op.responseCorrelatorSchema(declared.get()) : op.requestCorrelatorSchema());
            if (status >= 400) {
                Set<String> allowed = new LinkedHashSet<>(profileCodes);
                SchemaAt base;
                if (declared.isPresent()) {
                    Set<String> listed = op.errorCodes(declared.get());
                    Set<Integer> statuses = op.errorStatuses(declared.get());
                    if (!statuses.isEmpty() && !statuses.contains(status)) {
                        add("the schema of the " + status + " answer allows status " + statuses, "response status");
                    }
                    if (listed.isEmpty()) {
                        allowed.clear();
                    } else {
                        allowed.addAll(listed);
                    }
                    base = op.errorInfoSchema(declared.get()).map(this::inDocument).orElse(genericErrorInfo());
                } else {
                    allowed.addAll(genericCodes);
                    Pointers.Located docErrorInfo = op.document().resolve("/components/schemas/ErrorInfo");
                    base = docErrorInfo.missing() ? genericErrorInfo() : inDocument(docErrorInfo);
                }
                errorBody(base, allowed);
                return;
            }
            Optional<Pointers.Located> schema = op.jsonSchema(declared.orElseThrow());
            if (schema.isEmpty()) {
                if (!ex.responseBody().isBlank()) {
                    add("the " + status + " answer declares no body, but one was sent", "response body");
                }
                return;
            }
            if (ex.responseBody().isBlank()) {
                add("the " + status + " answer must have a " + OperationSpec.JSON + " body, none was sent", "response body");
                return;
            }
            contentType(ex.responseHeader("Content-Type"), "response");
            parse(ex.responseBody(), "response body").ifPresent(json ->
                    body(inDocument(schema.get()), json, "response body", profile.propertiesFor(op.operationId(), status)));
        }

        private void correlator(Optional<Pointers.Located> schema) {
            Optional<String> sent = ex.requestHeader(CORRELATOR);
            Optional<String> echoed = ex.responseHeader(CORRELATOR);
            echoed.ifPresent(value -> schema.ifPresent(s -> conforms(inDocument(s), TextNode.valueOf(value),
                    "response header " + CORRELATOR, CORRELATOR + " '" + value + "' ")));
            // A request correlator outside the operation's pattern cannot be echoed validly: the answer
            // (400 INVALID_ARGUMENT) may then carry a fresh one, which must itself match the pattern.
            boolean sentValid = sent.isEmpty() || op.requestCorrelatorSchema()
                    .map(s -> validate(inDocument(s), TextNode.valueOf(sent.get())).isEmpty()).orElse(true);
            if (sent.isPresent() && sentValid && !sent.equals(echoed)) {
                add(CORRELATOR + " must echo the request's '" + sent.get() + "', was "
                        + echoed.map(v -> "'" + v + "'").orElse("absent"), "response header " + CORRELATOR);
            }
        }

        private void errorBody(SchemaAt base, Set<String> allowedCodes) {
            if (ex.responseBody().isBlank()) {
                add("an error answer must have an ErrorInfo body, none was sent", "response body");
                return;
            }
            contentType(ex.responseHeader("Content-Type"), "response");
            Optional<JsonNode> json = parse(ex.responseBody(), "response body");
            if (json.isEmpty()) {
                return;
            }
            body(base, json.get(), "response body", List.of());
            JsonNode status = json.get().path("status");
            if (status.isInt() && status.asInt() != ex.status()) {
                add("ErrorInfo status " + status.asInt() + " differs from the HTTP status " + ex.status(), "response body /status");
            }
            JsonNode code = json.get().path("code");
            if (code.isTextual() && !allowedCodes.isEmpty() && !allowedCodes.contains(code.asText())) {
                add("code " + code.asText() + " is not one the definition lists for status " + ex.status()
                        + " of this operation" + (profileHas(ex.status()) ? " or the " + profile.carrierId()
                        + " profile adds" : "") + "; allowed: " + allowedCodes, "response body /code");
            }
        }

        private boolean profileHas(int status) {
            return !profile.codesFor(op.operationId(), status).isEmpty();
        }

        // ------------------------------------------------------------ shared

        private void contentType(Optional<String> header, String side) {
            String mediaType = header.map(h -> h.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
            if (!mediaType.equals(OperationSpec.JSON)) {
                add("Content-Type must be " + OperationSpec.JSON + ", was " + header.map(h -> "'" + h + "'").orElse("absent"),
                        side + " header Content-Type");
            }
        }

        private Optional<JsonNode> parse(String text, String where) {
            try {
                return Optional.of(STRICT.readTree(text));
            } catch (JsonProcessingException e) {
                add("not JSON: " + e.getOriginalMessage(), where);
                return Optional.empty();
            }
        }

        /** Schema, closed world, and the profile's extra members checked against their own schemas. */
        private void body(SchemaAt schema, JsonNode instance, String where, List<ProfileExtensions.ExtraProperty> extras) {
            JsonNode official = instance.deepCopy();
            for (ProfileExtensions.ExtraProperty x : extras) {
                JsonNode parent = official.at(x.at());
                if (parent instanceof ObjectNode o && o.has(x.name())) {
                    JsonNode value = o.remove(x.name());
                    String pointer = x.at() + "/" + Pointers.escape(x.name());
                    SchemaAt own = inProfile(x.schemaPointer());
                    for (ValidationMessage m : validate(own, value)) {
                        add(profile.carrierId() + " extension " + x.name() + ": " + message(m),
                                where + " " + pointer + location(m));
                    }
                    for (String p : UndeclaredProperties.find(own.root(), own.at(), value, pointer)) {
                        add("member not declared by the " + profile.carrierId() + " extension " + x.name(), where + " " + p);
                    }
                }
            }
            conforms(schema, official, where, "");
            for (String p : UndeclaredProperties.find(schema.root(), schema.at(), official, "")) {
                add("member not declared by the definition" + (extras.isEmpty() && !hasAnyExtra()
                        ? "" : " nor by the " + profile.carrierId() + " profile here"), where + " " + p);
            }
        }

        private boolean hasAnyExtra() {
            return !profile.properties().isEmpty();
        }

        private void conforms(SchemaAt schema, JsonNode instance, String where, String prefix) {
            for (ValidationMessage m : validate(schema, instance)) {
                add(prefix + message(m), (where + " " + location(m)).strip());
            }
        }

        private SchemaAt inProfile(String pointer) {
            JsonNode root = profile.document();
            return new SchemaAt(PROFILE_IRI + profile.carrierId() + ".json", root, new Pointers.Located(pointer, root.at(pointer)));
        }

        private SchemaAt genericErrorInfo() {
            return new SchemaAt(GENERIC_IRI, generic, new Pointers.Located("/errorInfo", generic.path("errorInfo")));
        }
    }

    /** The validator's message without the instance location it starts with (the violation says where). */
    private static String message(ValidationMessage m) {
        String text = m.getMessage();
        String prefix = location(m) + ": ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    private static String location(ValidationMessage m) {
        String l = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
        return l.isEmpty() ? "" : l;
    }

    private Set<ValidationMessage> validate(SchemaAt schema, JsonNode instance) {
        JsonSchema compiled = schemas.computeIfAbsent(schema.location(),
                loc -> factory.getSchema(SchemaLocation.of(loc), config));
        return compiled.validate(instance);
    }
}
