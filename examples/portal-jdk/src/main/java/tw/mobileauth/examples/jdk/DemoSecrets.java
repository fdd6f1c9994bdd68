package tw.mobileauth.examples.jdk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import tw.mobileauth.credential.CaConfigurationException;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.HmacKey;

/**
 * The demo's HMAC and AEAD keys and its development CA, generated once and kept in the data
 * directory with owner-only permissions, so enrolled credentials survive a restart. A DEMO ONLY
 * arrangement: a real portal takes its keys from a secret store and its CA from a managed PKCS#12.
 *
 * @param hmacKey the verifier key
 * @param aeadKey the pending-data key
 * @param ca      the development CA
 */
record DemoSecrets(HmacKey hmacKey, AeadKey aeadKey, EnrollmentCa ca) {

    private static final String ALIAS = "mobileauth-demo-ca";

    /** Loads the secrets from {@code dir}, creating whichever is missing. */
    static DemoSecrets loadOrCreate(Path dir, SecureRandom random, Clock clock) {
        try {
            Files.createDirectories(dir);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            byte[] hmac = readOrCreate(dir.resolve("hmac.key"), () -> HmacKey.generate(random).exposeRawBytesForStorage());
            byte[] aead = readOrCreate(dir.resolve("aead.key"), () -> AeadKey.generate(random).exposeRawBytesForStorage());
            byte[] password = readOrCreate(dir.resolve("ca.password"), () -> {
                byte[] b = new byte[24];
                random.nextBytes(b);
                return Base64.getUrlEncoder().withoutPadding().encodeToString(b).getBytes(StandardCharsets.US_ASCII);
            });
            char[] pw = new String(password, StandardCharsets.US_ASCII).toCharArray();
            byte[] p12 = readOrCreate(dir.resolve("ca.p12"), () -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    EnrollmentCa.generateDevelopmentCa("MobileAuth TW demo CA", clock).exportToPkcs12(out, pw, ALIAS);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return out.toByteArray();
            });
            EnrollmentCa ca = EnrollmentCa.fromPkcs12(new ByteArrayInputStream(p12), pw, ALIAS);
            return new DemoSecrets(HmacKey.fromBytes(hmac), AeadKey.fromBytes(aead), ca);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo's keys in " + dir, e);
        } catch (CaConfigurationException e) {
            throw new IllegalStateException("the demo CA in " + dir + " cannot be read; delete ca.p12 to make a new one", e);
        }
    }

    private interface Maker {
        byte[] make() throws IOException;
    }

    private static byte[] readOrCreate(Path file, Maker maker) throws IOException {
        if (Files.exists(file)) {
            return Files.readAllBytes(file);
        }
        byte[] bytes = maker.make();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.write(tmp, bytes);
        Files.move(tmp, file);
        return bytes;
    }
}
