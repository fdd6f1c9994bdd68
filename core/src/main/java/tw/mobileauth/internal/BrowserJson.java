package tw.mobileauth.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Base64;
import java.util.Optional;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.identity.FieldNames;

/**
 * A JSON object the browser posted (the application form, a login attempt), read defensively:
 * bounded size and depth, a field that is absent, {@code null} or not a string is simply missing
 * (the caller's validation then names it), and anything that is not a JSON object is one typed
 * {@code request: BAD_FORMAT} error. Not API: {@code *.internal} packages may change at any time.
 */
public final class BrowserJson {

    /** The largest body read: {@value} characters (a form with a key and a signature is under 2 KB). */
    public static final int MAX_CHARS = 16 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(MAX_CHARS)
                    .build())
            .build()).build();

    private final JsonNode root;

    private BrowserJson(JsonNode root) {
        this.root = root;
    }

    /**
     * Parses {@code json}.
     *
     * @throws InvalidInputException {@code request: BAD_FORMAT} if it is null, too long, not JSON, or not an object
     */
    public static BrowserJson parse(String json) throws InvalidInputException {
        if (json == null || json.length() > MAX_CHARS) {
            throw InvalidInputException.of(FieldNames.REQUEST, FieldReason.BAD_FORMAT);
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw InvalidInputException.of(FieldNames.REQUEST, FieldReason.BAD_FORMAT);
        }
        if (root == null || !root.isObject()) {
            throw InvalidInputException.of(FieldNames.REQUEST, FieldReason.BAD_FORMAT);
        }
        return new BrowserJson(root);
    }

    /** The string member {@code name}; absent, {@code null} or not a string is empty. */
    public Optional<String> text(String name) {
        JsonNode n = root.get(name);
        return n != null && n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }

    /** The string member {@code name} as characters, for a password; {@code null} when absent. */
    public char[] chars(String name) {
        return text(name).map(String::toCharArray).orElse(null);
    }

    /**
     * The base64url (or standard base64) member {@code name}, decoded; absent, not a string or not
     * base64 is empty, so the caller's validation reports the part as missing or wrong.
     */
    public Optional<byte[]> bytes(String name) {
        return text(name).flatMap(BrowserJson::decode);
    }

    private static Optional<byte[]> decode(String s) {
        try {
            return Optional.of(s.indexOf('+') >= 0 || s.indexOf('/') >= 0 ? Base64.getDecoder().decode(s)
                    : Base64.getUrlDecoder().decode(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
