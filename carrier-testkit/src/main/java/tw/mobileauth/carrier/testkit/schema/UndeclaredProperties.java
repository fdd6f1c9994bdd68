package tw.mobileauth.carrier.testkit.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The closed-world check: every member of a JSON object must be declared by some schema that
 * applies there ({@code properties} of the schema or of any {@code allOf}/{@code anyOf}/{@code oneOf}
 * branch). The CAMARA definitions leave most objects open (no {@code additionalProperties}), which
 * plain JSON Schema reads as "anything else goes"; the kit reads them as closed, so that a carrier's
 * profile is the only place an extra member can come from. An object whose schema says
 * {@code additionalProperties: true} or gives it a schema stays open.
 */
final class UndeclaredProperties {

    private static final String[] COMBINATORS = {"allOf", "anyOf", "oneOf"};

    private UndeclaredProperties() {
    }

    /** The JSON pointers (below {@code at}) of members of {@code instance} that no schema declares. */
    static List<String> find(JsonNode root, Pointers.Located schema, JsonNode instance, String at) {
        List<String> out = new ArrayList<>();
        walk(root, List.of(schema), instance, at, out);
        return out;
    }

    private static void walk(JsonNode root, List<Pointers.Located> schemas, JsonNode instance, String at, List<String> out) {
        List<Pointers.Located> flat = new ArrayList<>();
        for (Pointers.Located s : schemas) {
            flatten(root, s, flat);
        }
        if (instance.isObject()) {
            boolean open = flat.stream().noneMatch(s -> s.node().has("properties"));
            Map<String, List<Pointers.Located>> declared = new LinkedHashMap<>();
            for (Pointers.Located s : flat) {
                JsonNode extra = s.node().get("additionalProperties");
                if (extra != null && !(extra.isBoolean() && !extra.asBoolean())) {
                    open = true;
                }
                Iterator<String> names = s.node().path("properties").fieldNames();
                while (names.hasNext()) {
                    String name = names.next();
                    declared.computeIfAbsent(name, k -> new ArrayList<>()).add(s.child("properties").child(name));
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = instance.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String pointer = at + "/" + Pointers.escape(f.getKey());
                List<Pointers.Located> sub = declared.get(f.getKey());
                if (sub != null) {
                    walk(root, sub, f.getValue(), pointer, out);
                } else if (!open) {
                    out.add(pointer);
                }
            }
        } else if (instance.isArray()) {
            List<Pointers.Located> items = new ArrayList<>();
            for (Pointers.Located s : flat) {
                Pointers.Located item = s.child("items");
                if (!item.missing()) {
                    items.add(item);
                }
            }
            if (!items.isEmpty()) {
                for (int i = 0; i < instance.size(); i++) {
                    walk(root, items, instance.get(i), at + "/" + i, out);
                }
            }
        }
    }

    private static void flatten(JsonNode root, Pointers.Located schema, List<Pointers.Located> into) {
        Pointers.Located s = Pointers.follow(root, schema);
        if (s.missing()) {
            return;
        }
        into.add(s);
        for (String combinator : COMBINATORS) {
            JsonNode branches = s.node().path(combinator);
            for (int i = 0; i < branches.size(); i++) {
                flatten(root, new Pointers.Located(s.pointer() + "/" + combinator + "/" + i, branches.get(i)), into);
            }
        }
    }
}
