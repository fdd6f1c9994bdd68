package tw.mobileauth.carrier.testkit.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One OpenAPI 3.0 document, parsed twice: by swagger-parser (which checks that it is a valid
 * OpenAPI document and lists its operations) and as a plain JSON tree (which the schema validator
 * reads through JSON pointers, so every {@code $ref} resolves exactly as the document wrote it).
 */
final class ApiDocument {

    private static final YAMLMapper YAML = new YAMLMapper();

    private final String name;
    private final String iri;
    private final JsonNode tree;
    private final String title;
    private final String version;
    private final String basePath;
    private final List<OperationSpec> operations;

    private ApiDocument(String name, String iri, JsonNode tree, OpenAPI model) {
        this.name = name;
        this.iri = iri;
        this.tree = tree;
        this.title = model.getInfo() == null ? name : model.getInfo().getTitle();
        this.version = model.getInfo() == null ? "" : model.getInfo().getVersion();
        this.basePath = basePath(name, model.getServers());
        List<OperationSpec> ops = new ArrayList<>();
        model.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            if (op.getOperationId() == null || op.getOperationId().isBlank()) {
                throw new IllegalArgumentException(name + ": " + method + " " + path + " has no operationId");
            }
            ops.add(new OperationSpec(this, op.getOperationId(), method.name(), basePath + path,
                    "/paths/" + Pointers.escape(path) + "/" + method.name().toLowerCase(Locale.ROOT)));
        }));
        this.operations = List.copyOf(ops);
    }

    /**
     * Parses {@code yaml} (JSON is YAML too).
     *
     * @param name a name for messages, e.g. the file name
     * @param iri  the IRI the schema validator knows the document by
     * @throws IllegalArgumentException when it is not a valid OpenAPI 3 document with one server URL
     */
    static ApiDocument parse(String name, String iri, String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
        if (result.getOpenAPI() == null || result.getOpenAPI().getPaths() == null) {
            throw new IllegalArgumentException(name + " is not an OpenAPI 3 document: " + result.getMessages());
        }
        if (result.getMessages() != null && !result.getMessages().isEmpty()) {
            throw new IllegalArgumentException(name + " does not parse cleanly as OpenAPI 3: " + result.getMessages());
        }
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " is not YAML: " + e.getMessage(), e);
        }
        return new ApiDocument(name, iri, tree, result.getOpenAPI());
    }

    /** {@code {apiRoot}/number-verification/v2} gives {@code /number-verification/v2}. */
    private static String basePath(String name, List<Server> servers) {
        if (servers == null || servers.size() != 1) {
            throw new IllegalArgumentException(name + " must declare exactly one server URL, has "
                    + (servers == null ? 0 : servers.size()));
        }
        String url = servers.get(0).getUrl();
        String prefix = "{apiRoot}";
        if (!url.startsWith(prefix)) {
            throw new IllegalArgumentException(name + ": the server URL must start with {apiRoot}, was " + url);
        }
        String path = url.substring(prefix.length());
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    String name() {
        return name;
    }

    String iri() {
        return iri;
    }

    JsonNode tree() {
        return tree;
    }

    String title() {
        return title;
    }

    String version() {
        return version;
    }

    String basePath() {
        return basePath;
    }

    List<OperationSpec> operations() {
        return operations;
    }

    /** The node at {@code pointer} after following any chain of local {@code $ref}s. */
    Pointers.Located resolve(String pointer) {
        return Pointers.resolve(tree, pointer);
    }
}
