package tw.mobileauth.examples.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import tw.mobileauth.MobileAuth;

/**
 * Where core ships the browser client: {@code META-INF/resources/webjars/mobileauth/<version>/mobileauth.js}
 * in the {@code mobileauth-core} jar (or its {@code target/classes} in an IDE). The version is read from
 * what core actually packaged, never written into a test, so the tests serve exactly the shipped file.
 */
public final class MobileAuthJs {

    /** The folder of every packaged version, inside core's jar. */
    public static final String WEBJAR_ROOT = "META-INF/resources/webjars/mobileauth/";

    private static final Pattern ENTRY = Pattern.compile(Pattern.quote(WEBJAR_ROOT) + "([^/]+)/mobileauth\\.js");

    private MobileAuthJs() {
    }

    /** The version folder core packaged, e.g. {@code 0.1.0-SNAPSHOT}; fails unless there is exactly one. */
    public static String version() {
        Path core = coreLocation();
        List<String> versions;
        try (Stream<String> names = Files.isDirectory(core) ? directoryEntries(core) : jarEntries(core)) {
            versions = names.map(ENTRY::matcher).filter(Matcher::matches).map(m -> m.group(1))
                    .distinct().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list mobileauth-core at " + core, e);
        }
        if (versions.size() != 1) {
            throw new IllegalStateException("mobileauth-core at " + core + " should ship exactly one "
                    + WEBJAR_ROOT + "<version>/mobileauth.js, found versions " + versions);
        }
        return versions.get(0);
    }

    /** The classpath resource name, {@code META-INF/resources/webjars/mobileauth/<version>/mobileauth.js}. */
    public static String resource() {
        return WEBJAR_ROOT + version() + "/mobileauth.js";
    }

    /** The URL path a portal serves it at: {@code /webjars/mobileauth/<version>/mobileauth.js}. */
    public static String urlPath() {
        return "/webjars/mobileauth/" + version() + "/mobileauth.js";
    }

    /** The shipped file's bytes, read from the classpath. */
    public static byte[] bytes() {
        String resource = resource();
        try (InputStream in = MobileAuth.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("not on the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static Path coreLocation() {
        try {
            return Path.of(MobileAuth.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate mobileauth-core", e);
        }
    }

    private static Stream<String> directoryEntries(Path classes) throws IOException {
        Path root = classes.resolve(WEBJAR_ROOT);
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        return Files.walk(root).map(path -> classes.relativize(path).toString().replace('\\', '/'));
    }

    private static Stream<String> jarEntries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> names = zip.stream().map(entry -> entry.getName()).collect(Collectors.toList());
            return names.stream();
        }
    }
}
