package tw.mobileauth.testing.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.identity.ApplicationForm;
import tw.mobileauth.identity.ApplicationFormValidator;
import tw.mobileauth.identity.BirthDate;
import tw.mobileauth.identity.CertificatePassword;
import tw.mobileauth.identity.MobileNumber;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.identity.NhiCardNumber;
import tw.mobileauth.identity.PasswordContext;
import tw.mobileauth.identity.PasswordPolicy;
import tw.mobileauth.identity.PersonName;
import tw.mobileauth.identity.ValidatedApplication;
import tw.mobileauth.testing.IdentityArbitraries;

/**
 * Every public entry point that takes user input either returns a value or throws
 * {@link InvalidInputException}: never NPE, IAE, DateTimeException, StringIndexOutOfBounds or
 * anything else, whatever it is given (controls, NUL, RTL overrides, unpaired surrogates, 1 MB).
 */
class HostileInputProperties {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ApplicationFormValidator VALIDATOR = ApplicationFormValidator.builder().clock(CLOCK).build();

    @FunctionalInterface
    interface Parse {
        Object run() throws Exception;
    }

    /** Runs {@code parse}; the only acceptable failure is InvalidInputException. */
    private static void onlyInvalidInput(String what, Parse parse) {
        try {
            Object result = parse.run();
            assertTrue(result != null, what + " returned null");
        } catch (InvalidInputException expected) {
            assertFalse(expected.errors().isEmpty());
        } catch (Throwable t) {
            fail(what + " threw " + t.getClass().getName() + " instead of InvalidInputException", t);
        }
    }

    private static List<Parse> everyParser(String s) {
        return List.of(
                () -> NationalId.parse(s),
                () -> MobileNumber.parse(s),
                () -> NhiCardNumber.parse(s),
                () -> BirthDate.parse(s),
                () -> BirthDate.parse(s, CLOCK),
                () -> PersonName.of(s),
                () -> {
                    try (CertificatePassword pw = CertificatePassword.of(s.toCharArray())) {
                        PasswordPolicy.standard().check(pw, PasswordContext.none());
                        return pw;
                    }
                });
    }

    private static final String[] NAMES = {
        "NationalId.parse", "MobileNumber.parse", "NhiCardNumber.parse", "BirthDate.parse",
        "BirthDate.parse(clock)", "PersonName.of", "PasswordPolicy.check"};

    @Property(tries = 1000)
    void everyParserOnlyEverThrowsInvalidInputException(@ForAll("hostile") String s) {
        List<Parse> parsers = everyParser(s);
        for (int i = 0; i < parsers.size(); i++) {
            onlyInvalidInput(NAMES[i], parsers.get(i));
        }
    }

    @Property(tries = 1000)
    void passwordPolicyWithContextOnlyEverThrowsInvalidInputException(
            @ForAll("hostile") String password, @ForAll("ids") NationalId id, @ForAll("phones") String phone) {
        onlyInvalidInput("PasswordPolicy.check(context)", () -> {
            PasswordContext context = PasswordContext.none().withNationalId(id)
                    .withMobileNumber(MobileNumber.parse(phone))
                    .withBirthDate(BirthDate.parse("75/03/14", CLOCK));
            try (CertificatePassword pw = CertificatePassword.of(password.toCharArray())) {
                PasswordPolicy.standard().check(pw, context);
                return pw;
            }
        });
    }

    @Property(tries = 1000)
    void validatorOnlyEverThrowsInvalidInputException(@ForAll("fields") List<String> f) {
        onlyInvalidInput("ApplicationFormValidator.validate", () -> {
            ApplicationForm form = ApplicationForm.builder()
                    .nationalId(f.get(0)).carrierId(f.get(1)).mobileNumber(f.get(2)).nhiCardNumber(f.get(3))
                    .birthDate(f.get(4)).name(f.get(5))
                    .password(f.get(6) == null ? null : f.get(6).toCharArray())
                    .passwordConfirmation(f.get(7) == null ? null : f.get(7).toCharArray())
                    .build();
            try (form; ValidatedApplication app = VALIDATOR.validate(form)) {
                return app;
            }
        });
    }

    @Example
    void nullIsRequiredForEveryParser() {
        onlyInvalidInput("NationalId.parse(null)", () -> NationalId.parse(null));
        onlyInvalidInput("MobileNumber.parse(null)", () -> MobileNumber.parse(null));
        onlyInvalidInput("NhiCardNumber.parse(null)", () -> NhiCardNumber.parse(null));
        onlyInvalidInput("BirthDate.parse(null)", () -> BirthDate.parse(null, CLOCK));
        onlyInvalidInput("BirthDate.of(null)", () -> BirthDate.of(null, CLOCK));
        onlyInvalidInput("PersonName.of(null)", () -> PersonName.of(null));
        onlyInvalidInput("CertificatePassword.of(null)", () -> CertificatePassword.of(null));
        onlyInvalidInput("PasswordPolicy.check(null)", () -> {
            PasswordPolicy.standard().check(null);
            return "";
        });
        onlyInvalidInput("validate(null)", () -> VALIDATOR.validate(null));
    }

    /** The 1 MB inputs, each through every parser once: a handful of edge cases, not 1000 × 1 MB. */
    @Example
    void megabyteInputsAreRejectedQuickly() {
        long start = System.nanoTime();
        for (String huge : IdentityArbitraries.hugeStrings().allValues().orElseThrow().toArray(String[]::new)) {
            List<Parse> parsers = everyParser(huge);
            for (int i = 0; i < parsers.size(); i++) {
                onlyInvalidInput(NAMES[i] + " on 1 MB", parsers.get(i));
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5_000, "1 MB inputs took " + millis + " ms");
    }

    @Provide
    Arbitrary<String> hostile() {
        return IdentityArbitraries.hostileStrings();
    }

    @Provide
    Arbitrary<NationalId> ids() {
        return IdentityArbitraries.nationalIds();
    }

    @Provide
    Arbitrary<String> phones() {
        return IdentityArbitraries.mobileNumberStrings();
    }

    /** Eight form fields, each hostile, valid-looking or missing (null). */
    @Provide
    Arbitrary<List<String>> fields() {
        Arbitrary<String> field = Arbitraries.frequencyOf(
                Tuple.of(6, IdentityArbitraries.hostileStrings()),
                Tuple.of(3, Arbitraries.of("T200000009", "cht", "0912-345-678", "0000 1234 5678",
                        "75/03/14", "王小明", "bubble tea at the night market")),
                Tuple.of(1, Arbitraries.just(null)));
        return field.list().ofSize(8);
    }
}
