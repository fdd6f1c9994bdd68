package tw.mobileauth.carrier.testkit.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One operation of an {@link ApiDocument}: its method, its full path template (server base path plus
 * path key) and pointers to the parts the validator checks.
 */
final class OperationSpec {

    static final String JSON = "application/json";
    private static final String CORRELATOR = "x-correlator";

    private final ApiDocument document;
    private final String operationId;
    private final String method;
    private final String template;
    private final Pattern pathPattern;
    private final String pointer;

    OperationSpec(ApiDocument document, String operationId, String method, String template, String pointer) {
        this.document = document;
        this.operationId = operationId;
        this.method = method;
        this.template = template;
        this.pathPattern = Pattern.compile(toRegex(template));
        this.pointer = pointer;
    }

    /** {@code /a/{id}/b} matches {@code /a/x/b}: a path parameter is one non-empty segment. */
    private static String toRegex(String template) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                sb.append(Pattern.quote(template.substring(i)));
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unbalanced path template " + template);
            }
            if (open > i) {
                sb.append(Pattern.quote(template.substring(i, open)));
            }
            sb.append("[^/]+");
            i = close + 1;
        }
        return sb.toString();
    }

    boolean matches(String method, String path) {
        return this.method.equals(method) && pathPattern.matcher(path).matches();
    }

    ApiDocument document() {
        return document;
    }

    String operationId() {
        return operationId;
    }

    String method() {
        return method;
    }

    String template() {
        return template;
    }

    private Pointers.Located operation() {
        return document.resolve(pointer);
    }

    /** The schema of the {@code x-correlator} request header parameter, if the operation declares one. */
    Optional<Pointers.Located> requestCorrelatorSchema() {
        Pointers.Located params = operation().child("parameters");
        if (!params.node().isArray()) {
            return Optional.empty();
        }
        for (int i = 0; i < params.node().size(); i++) {
            Pointers.Located p = Pointers.follow(document.tree(),
                    new Pointers.Located(params.pointer() + "/" + i, params.node().get(i)));
            if (CORRELATOR.equalsIgnoreCase(p.node().path("name").asText())
                    && "header".equals(p.node().path("in").asText())) {
                return Optional.of(p.child("schema"));
            }
        }
        return Optional.empty();
    }

    /** The response keys the operation declares, e.g. {@code 200, 400, 401}. */
    Set<String> declaredStatuses() {
        Set<String> keys = new TreeSet<>();
        operation().child("responses").node().fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** The request body object, if the operation takes one. */
    Optional<Pointers.Located> requestBody() {
        Pointers.Located body = operation().child("requestBody");
        return body.missing() ? Optional.empty() : Optional.of(Pointers.follow(document.tree(), body));
    }

    /** The response object for {@code status}, else for {@code default}; empty when neither is declared. */
    Optional<Pointers.Located> response(int status) {
        Pointers.Located responses = operation().child("responses");
        for (String key : new String[] {Integer.toString(status), (status / 100) + "XX", "default"}) {
            Pointers.Located r = responses.child(key);
            if (!r.missing()) {
                return Optional.of(Pointers.follow(document.tree(), r));
            }
        }
        return Optional.empty();
    }

    /** The JSON schema of a request body or response object, if it has {@code application/json} content. */
    Optional<Pointers.Located> jsonSchema(Pointers.Located bodyOrResponse) {
        Pointers.Located schema = bodyOrResponse.child("content").child(JSON).child("schema");
        return schema.missing() ? Optional.empty() : Optional.of(schema);
    }

    /** The schema of the {@code x-correlator} header of a response object, if it declares one. */
    Optional<Pointers.Located> responseCorrelatorSchema(Pointers.Located response) {
        JsonNode headers = response.node().path("headers");
        Iterator<String> names = headers.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (CORRELATOR.equalsIgnoreCase(name)) {
                Pointers.Located header = Pointers.follow(document.tree(), response.child("headers").child(name));
                return Optional.of(header.child("schema"));
            }
        }
        return Optional.empty();
    }

    /**
     * The error codes a response object allows, from the {@code enum} of {@code code} in its schema
     * (CAMARA writes {@code allOf: [ErrorInfo, {properties: {status: {enum}, code: {enum}}}]}); when no
     * enum is given, from the {@code code} of its examples. Empty when neither names a code (then any
     * code is allowed).
     */
    Set<String> errorCodes(Pointers.Located response) {
        Set<String> codes = new LinkedHashSet<>();
        jsonSchema(response).ifPresent(schema -> collectEnums(Pointers.follow(document.tree(), schema), "code", codes));
        if (codes.isEmpty()) {
            JsonNode media = response.node().path("content").path(JSON);
            if (media.path("example").path("code").isTextual()) {
                codes.add(media.path("example").path("code").asText());
            }
            media.path("examples").forEach(ex -> {
                JsonNode value = Pointers.follow(document.tree(), new Pointers.Located("", ex)).node().path("value");
                if (value.path("code").isTextual()) {
                    codes.add(value.path("code").asText());
                }
            });
        }
        return codes;
    }

    /** The {@code status} values the response's schema allows (empty: any). */
    Set<Integer> errorStatuses(Pointers.Located response) {
        Set<String> statuses = new LinkedHashSet<>();
        jsonSchema(response).ifPresent(schema -> collectEnums(Pointers.follow(document.tree(), schema), "status", statuses));
        Set<Integer> out = new LinkedHashSet<>();
        statuses.forEach(s -> out.add(Integer.parseInt(s)));
        return out;
    }

    /** The schema an error body's common shape is checked against: the {@code $ref}'d branch of an allOf, else the schema. */
    Optional<Pointers.Located> errorInfoSchema(Pointers.Located response) {
        Optional<Pointers.Located> schema = jsonSchema(response);
        if (schema.isEmpty()) {
            return Optional.empty();
        }
        Pointers.Located s = Pointers.follow(document.tree(), schema.get());
        JsonNode allOf = s.node().path("allOf");
        for (int i = 0; i < allOf.size(); i++) {
            if (allOf.get(i).has("$ref")) {
                return Optional.of(new Pointers.Located(s.pointer() + "/allOf/" + i, allOf.get(i)));
            }
        }
        return Optional.of(s);
    }

    private void collectEnums(Pointers.Located schema, String property, Set<String> into) {
        JsonNode values = Pointers.follow(document.tree(), schema.child("properties").child(property)).node().path("enum");
        values.forEach(v -> into.add(v.asText()));
        JsonNode allOf = schema.node().path("allOf");
        for (int i = 0; i < allOf.size(); i++) {
            collectEnums(Pointers.follow(document.tree(), new Pointers.Located(schema.pointer() + "/allOf/" + i,
                    allOf.get(i))), property, into);
        }
    }

    @Override
    public String toString() {
        return operationId + " (" + method + " " + template + " in " + document.name() + ")";
    }
}
