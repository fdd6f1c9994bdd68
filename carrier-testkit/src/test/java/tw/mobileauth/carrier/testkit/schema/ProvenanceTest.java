package tw.mobileauth.carrier.testkit.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PROVENANCE.md pins exactly the versions issue 9 names, and a file with other bytes is refused. */
class ProvenanceTest {

    @Test
    void provenanceRecordsExactlyTheSixVersionsTheWireSpecNames() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Number Verification", "2.1.0");
        expected.put("KYC Match", "0.4.0");
        expected.put("KYC Tenure", "0.2.0");
        expected.put("SIM Swap", "2.1.0");
        expected.put("Device Roaming Status", "1.0.0");
        expected.put("Connected Network Type", "0.1.0");
        Map<String, String> recorded = new LinkedHashMap<>();
        CamaraDefinitions.provenance().forEach(r -> recorded.put(r.api(), r.version()));
        assertEquals(expected, recorded);
        CamaraDefinitions.provenance().forEach(r -> {
            assertEquals("Apache-2.0", r.licence(), r.file());
            assertTrue(r.repository().startsWith("camaraproject/"), r.file());
        });
    }

    @Test
    void aDefinitionWhoseBytesDifferFromTheRecordedSha256IsRefused(@TempDir Path dir) throws IOException {
        List<OfficialDefinition> rows = CamaraDefinitions.provenance();
        for (OfficialDefinition r : rows) {
            Files.writeString(dir.resolve(r.file()), "openapi: 3.0.3\n", StandardCharsets.UTF_8);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CamaraDefinitions.fromDirectory(dir));
        assertTrue(e.getMessage().contains("is not the official") && e.getMessage().contains(rows.get(0).sha256()),
                e.getMessage());
    }

    @Test
    void aMissingDefinitionIsNamedWithItsApiAndVersion(@TempDir Path dir) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CamaraDefinitions.fromDirectory(dir));
        assertTrue(e.getMessage().contains("number-verification.yaml") && e.getMessage().contains("2.1.0"), e.getMessage());
    }

    @Test
    void aProvenanceRowWithoutNineCellsIsRejected() {
        String table = "| File | API |\n|---|---|\n| a.yaml | A |\n";
        assertThrows(IllegalArgumentException.class, () -> OfficialDefinition.parseTable(table));
    }
}
