package tw.mobileauth.examples.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The demo's command line: a mistake is a one-line reason naming the option, never a stack trace. */
class PortalJdkOptionsTest {

    @Test
    void portAndDataDirAreRead() {
        PortalJdk.Config config = PortalJdk.configFrom(new String[] {"--port", "9090", "--data-dir", "/tmp/demo-x"});
        assertEquals(9090, config.port());
        assertEquals(Path.of("/tmp/demo-x"), config.dataDir());
    }

    @Test
    void aPortThatIsNotANumberNamesTheOptionAndTheFix() {
        var e = assertThrows(IllegalArgumentException.class, () -> PortalJdk.configFrom(new String[] {"--port", "http"}));
        assertTrue(e.getMessage().startsWith("--port "), e.getMessage());
        assertTrue(e.getMessage().contains("1 到 65535") && e.getMessage().contains("from 1 to 65535"), e.getMessage());
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PortalJdk.configFrom(new String[] {"--port", "70000"}));
        assertThrows(IllegalArgumentException.class, () -> PortalJdk.configFrom(new String[] {"--port", "0"}));
    }

    @Test
    void anUnknownOptionOrAMissingValueIsNamed() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> PortalJdk.configFrom(new String[] {"--prot", "1"}));
        assertTrue(unknown.getMessage().contains("--prot"), unknown.getMessage());
        var missing = assertThrows(IllegalArgumentException.class, () -> PortalJdk.configFrom(new String[] {"--port"}));
        assertTrue(missing.getMessage().contains("needs a value"), missing.getMessage());
    }
}
