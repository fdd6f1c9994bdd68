package tw.mobileauth.leakscan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.carrier.testkit.SubscriberFixture;
import tw.mobileauth.examples.web.DemoNetworks;

/**
 * What the scan looks for: every spelling of every fixture person's data, the passwords the tests
 * and journeys type, and the shapes in which the per-run random secrets (session cookies, handoff
 * tokens, desktop secrets) would show up.
 */
final class Needles {

    /** A literal to find (compared in lower case) and what it is, in words that do not repeat it. */
    record Needle(String text, String what) {
        Needle {
            text = text.toLowerCase(Locale.ROOT);
        }
    }

    /** A shape of a random secret: a name followed by its value. */
    record Shape(Pattern pattern, String what) {
    }

    /**
     * The passwords typed by the journeys (the demo, browser, portal and store tests' "Kiwi-Lantern"),
     * the unit tests' long passphrases and certificate password. Not the literal {@code password}, which
     * is a word, not a secret.
     */
    static final List<String> PASSWORDS = List.of("Kiwi-Lantern-8462!", "Kiwi-Lantern-8463!",
            "correct horse battery staple", "bubble tea at the night market", "憑證密碼 Pa55!🔑");

    /** The fake NHI registry's own people (RegistryCards) and the unit tests' card number. */
    static final Map<String, List<String>> REGISTRY_CARDS = Map.of(
            "Q120000117", List.of("900000000011", "900000000099"),
            "Q220000128", List.of("900000000022", "900000000021"),
            "Q120000135", List.of("900000000033", "900000000032"),
            "Q800000160", List.of("900000000066"),
            "Q220000146", List.of("000012345678"));

    /** A base64url value of at least {@code min} characters, the form of the SDK's random ids, secrets and tokens. */
    private static String value(int min) {
        return "[A-Za-z0-9_-]{" + min + ",}";
    }

    static final List<Shape> SHAPES = List.of(
            new Shape(Pattern.compile("mobileauth_session=" + value(8)), "a desktop session cookie with its value"),
            new Shape(Pattern.compile("mobileauth_phone=[A-Za-z0-9_.-]{8,}"), "a phone session cookie with its value"),
            new Shape(Pattern.compile("[?&]t=" + value(16)), "a handoff URL with its token (t=)"),
            new Shape(Pattern.compile("(?i)mobileauth-desktop-secret\\s*[:=]\\s*" + value(8)),
                    "a desktop secret header with its value"),
            new Shape(Pattern.compile("(?i)mobileauth-phone-session\\s*[:=]\\s*[A-Za-z0-9_.-]{8,}"),
                    "a phone session header with its value"),
            new Shape(Pattern.compile("(?i)desktop_?secret\"?\\s*[:=]\\s*\"?" + value(16)), "a desktop secret field with its value"));

    private Needles() {
    }

    /** Every literal: the built-in fixture's people, the registry's cards, the passwords. */
    static List<Needle> fixture() {
        List<Needle> out = new ArrayList<>();
        List<Subscriber> all = SubscriberFixture.builtIn().all();
        for (int i = 0; i < all.size(); i++) {
            out.addAll(person(all.get(i), "subscriber #" + i + " (" + all.get(i).carrierId() + " " + all.get(i).scenario() + ")"));
        }
        REGISTRY_CARDS.forEach((id, cards) -> {
            Spellings.id(id).forEach(s -> out.add(new Needle(s, "registry person " + id.charAt(0) + "…: ID")));
            cards.forEach(card -> Spellings.nhiCard(card).forEach(s -> out.add(new Needle(s, "registry NHI card …"
                    + card.substring(card.length() - 2)))));
        });
        for (int i = 0; i < PASSWORDS.size(); i++) {
            out.add(new Needle(PASSWORDS.get(i), "test password #" + i));
            out.add(new Needle(Spellings.fullWidth(PASSWORDS.get(i)), "test password #" + i + ", full-width"));
        }
        return out;
    }

    /** Every spelling of one subscriber's ID, phone, name, birth date and demo NHI card number. */
    static List<Needle> person(Subscriber s, String who) {
        List<Needle> out = new ArrayList<>();
        Spellings.id(s.holderId()).forEach(v -> out.add(new Needle(v, who + ": ID")));
        Spellings.phone(s.msisdn().e164()).forEach(v -> out.add(new Needle(v, who + ": phone")));
        Spellings.name(s.name()).forEach(v -> out.add(new Needle(v, who + ": name")));
        Spellings.birthDate(s.birthDate()).forEach(v -> out.add(new Needle(v, who + ": birth date")));
        Spellings.nhiCard(DemoNetworks.nhiCardFor(s)).forEach(v -> out.add(new Needle(v, who + ": NHI card")));
        return out;
    }

    /**
     * Secrets a test recorded as it created them, one a line, in {@code target/secrets-seen/*.txt}
     * of any module (lines shorter than 8 characters are ignored: too short to search for).
     */
    static List<Needle> recorded(List<Path> files) {
        List<Needle> out = new ArrayList<>();
        for (Path file : files) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.strip().length() >= 8) {
                        out.add(new Needle(line.strip(), "a secret recorded in " + file.getFileName()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
