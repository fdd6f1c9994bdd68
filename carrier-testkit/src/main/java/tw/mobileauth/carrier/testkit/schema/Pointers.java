package tw.mobileauth.carrier.testkit.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** JSON pointers into a definition and local {@code $ref} resolution (RFC 6901). */
final class Pointers {

    /** Far more than any real chain; a longer one is a cycle. */
    private static final int MAX_REF_HOPS = 32;

    private Pointers() {
    }

    /** A node and the pointer it was found at. */
    record Located(String pointer, JsonNode node) {
        boolean missing() {
            return node == null || node.isMissingNode();
        }

        /** The child {@code name} (unresolved), with its pointer. */
        Located child(String name) {
            return new Located(pointer + "/" + escape(name), node.path(name));
        }
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** The node at {@code pointer}, following {@code $ref}s; a missing node when there is none. */
    static Located resolve(JsonNode root, String pointer) {
        return follow(root, new Located(pointer, root.at(pointer)));
    }

    /**
     * Follows local {@code $ref}s from {@code at} until a node without one.
     *
     * @throws IllegalArgumentException for a reference outside the document, a dangling one or a cycle
     */
    static Located follow(JsonNode root, Located at) {
        Located current = at;
        for (int hops = 0; hops < MAX_REF_HOPS; hops++) {
            JsonNode ref = current.node().get("$ref");
            if (ref == null) {
                return current;
            }
            String target = ref.asText();
            if (!target.startsWith("#")) {
                throw new IllegalArgumentException("only references inside the document are supported, "
                        + current.pointer() + " has " + target);
            }
            String pointer = target.substring(1);
            JsonNode node = root.at(pointer);
            if (node.isMissingNode()) {
                throw new IllegalArgumentException(current.pointer() + " refers to " + target + ", which does not exist");
            }
            current = new Located(pointer, node);
        }
        throw new IllegalArgumentException("$ref cycle at " + at.pointer());
    }
}
