package tw.mobileauth.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Records the random secrets a test was handed (desktop secrets, phone sessions, handoff tokens),
 * one a line in {@code target/secrets-seen/<kind>.txt}, so the leak scan (docs/leak-scan.md) can
 * search the build's logs and table dumps for exactly those values. They are random per run, so
 * only the test that received one knows it.
 *
 * <pre>{@code
 * SecretsSeen.record("desktop-secret", begun.desktopSecret().revealForTransport());
 * SecretsSeen.record("handoff-token", SecretsSeen.handoffToken(qr.handoffUrl()).orElseThrow());
 * }</pre>
 */
public final class SecretsSeen {

    /** Where the secrets are written: under the module's {@code target}, where Maven runs tests. */
    public static final Path DEFAULT_DIRECTORY = Path.of("target", "secrets-seen");

    private SecretsSeen() {
    }

    /**
     * Appends {@code secrets} (nulls skipped) to {@code target/secrets-seen/<kind>.txt}.
     *
     * @param kind letters, digits and {@code -}, e.g. {@code desktop-secret}
     * @param secrets the values the test received, one line each; nulls and blanks are skipped
     */
    public static synchronized void record(String kind, String... secrets) {
        if (kind == null || !kind.matches("[A-Za-z0-9-]{1,50}")) {
            throw new IllegalArgumentException("kind must be 1-50 letters, digits or '-': " + kind);
        }
        List<String> lines = new ArrayList<>();
        for (String s : Objects.requireNonNull(secrets, "secrets")) {
            if (s != null && !s.isBlank()) {
                if (s.contains("\n") || s.contains("\r")) {
                    throw new IllegalArgumentException("a secret is one line");
                }
                lines.add(s);
            }
        }
        try {
            Files.createDirectories(DEFAULT_DIRECTORY);
            Files.write(DEFAULT_DIRECTORY.resolve(kind + ".txt"), lines, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record secrets in " + DEFAULT_DIRECTORY, e);
        }
    }

    /**
     * The handoff token of a handoff URL: its {@code t} query parameter, if it has one.
     *
     * @param handoffUrl the URL the QR code or the same-device link carries
     * @return the token, or empty when the URL has no {@code t} parameter
     */
    public static Optional<String> handoffToken(URI handoffUrl) {
        String query = Objects.requireNonNull(handoffUrl, "handoffUrl").getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("t=") && pair.length() > 2) {
                return Optional.of(pair.substring(2));
            }
        }
        return Optional.empty();
    }
}
