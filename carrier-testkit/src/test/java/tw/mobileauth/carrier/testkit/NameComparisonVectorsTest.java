package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared name-comparison vectors (name-comparison-keys.json, shipped with the testkit so core's
 * PersonName can be held to the same ones): the fake networks compare names exactly as core does.
 */
class NameComparisonVectorsTest {

    private record Vector(String name, String key, String why) {
    }

    private static List<Vector> vectors() throws IOException {
        try (InputStream in = NameKey.class.getResourceAsStream("name-comparison-keys.json")) {
            JsonNode root = Json.MAPPER.readTree(in);
            List<Vector> out = new ArrayList<>();
            root.path("vectors").forEach(v -> out.add(new Vector(v.path("name").asText(), v.path("key").asText(),
                    v.path("why").asText())));
            return out;
        }
    }

    @Test
    void everySharedVectorGivesItsKey() throws IOException {
        List<Vector> vectors = vectors();
        assertTrue(vectors.size() >= 19, "the vectors were read: " + vectors.size());
        for (Vector v : vectors) {
            assertEquals(v.key(), NameKey.of(v.name()), v.why());
        }
    }

    @Test
    void namesMatchExactlyWhenTheirKeysAreEqual() throws IOException {
        List<Vector> vectors = vectors();
        int matches = 0;
        for (Vector a : vectors) {
            for (Vector b : vectors) {
                boolean same = a.key().equals(b.key());
                assertEquals(same, NameKey.matches(a.name(), b.name()), a.why() + " / " + b.why());
                matches += same && a != b ? 1 : 0;
            }
        }
        assertTrue(matches > 0, "some vectors share a key");
        assertFalse(NameKey.matches("Bali\uff65Pawan", "Bali-Pawan"));
    }
}
