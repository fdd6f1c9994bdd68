package tw.mobileauth.testing;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import tw.mobileauth.identity.IdClass;
import tw.mobileauth.identity.NationalId;

/**
 * jqwik generators for Taiwanese identity data, for policy owners who property-test their own
 * rules, and for the SDK's own tests.
 *
 * <p>Every ID generated here is synthetic: checksum-valid but made up. A checksum-valid number may
 * still belong to a real person, so never log generated values next to real data.
 *
 * <p>Generators of spellings return a {@link Spelling}: the raw input a person might type plus the
 * value it must parse to. Example:
 * <pre>{@code
 * @Property
 * void phoneSpellingsParse(@ForAll("phones") IdentityArbitraries.Spelling<String> s) throws Exception {
 *     assertEquals(s.expected(), MobileNumber.parse(s.input()).e164());
 * }
 * @Provide Arbitrary<IdentityArbitraries.Spelling<String>> phones() {
 *     return IdentityArbitraries.mobileNumberSpellings();
 * }
 * }</pre>
 */
public final class IdentityArbitraries {

    /** Letter values: index in this string plus 10, per docs/identifiers.md. */
    private static final String LETTER_ORDER = "ABCDEFGHJKLMNPQRSTUVXYWZIO";
    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 1, 1};

    /** The earliest birth date generated, 1900-01-01 (the earliest {@code BirthDate} accepts). */
    private static final LocalDate FIRST_BIRTH_DATE = LocalDate.of(1900, 1, 1);
    /** The latest birth date generated, 2020-12-31, so generated dates are never in the future. */
    private static final LocalDate LAST_BIRTH_DATE = LocalDate.of(2020, 12, 31);

    private IdentityArbitraries() {
    }

    /**
     * A raw input and the value it must parse to.
     *
     * @param input    what a person might type, e.g. {@code "＋８８６ ９１２-３４５-６７８"}
     * @param expected the value the input stands for, e.g. {@code "+886912345678"}
     * @param <T>      the expected value's type
     */
    public record Spelling<T>(String input, T expected) {
        /**
         * Checks the components.
         *
         * @param input    the raw input
         * @param expected the value it stands for
         * @throws NullPointerException if either is null
         */
        public Spelling {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(expected, "expected");
        }
    }

    // ---------------------------------------------------------------- national IDs

    /**
     * Checksum-valid IDs of one class, in canonical form (upper case, 10 characters). Every first
     * letter A–Z occurs; citizen IDs have every third digit 0–9, including 6–9 (naturalised and
     * former HK/Macau/mainland residents, who are citizens).
     *
     * @param idClass the class to generate
     * @return canonical ID strings, e.g. {@code T200000009}, {@code A800000014}, {@code AC03095424}
     */
    public static Arbitrary<String> nationalIdStrings(IdClass idClass) {
        Objects.requireNonNull(idClass, "idClass");
        Arbitrary<Character> second;
        switch (idClass) {
            case CITIZEN:
                second = Arbitraries.of('1', '2');
                break;
            case RESIDENT_NEW_FORMAT:
                second = Arbitraries.of('8', '9');
                break;
            default:
                second = Arbitraries.of('A', 'B', 'C', 'D');
                break;
        }
        return Combinators.combine(letters(), second, Arbitraries.strings().numeric().ofLength(7))
                .as((letter, sec, digits) -> withCheckDigit(letter + "" + sec + digits));
    }

    /** @return checksum-valid IDs of every class, canonical, citizens most often */
    public static Arbitrary<String> nationalIdStrings() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, nationalIdStrings(IdClass.CITIZEN)),
                Tuple.of(1, nationalIdStrings(IdClass.RESIDENT_NEW_FORMAT)),
                Tuple.of(1, nationalIdStrings(IdClass.RESIDENT_OLD_FORMAT)));
    }

    /**
     * Citizen IDs whose third digit is 6–9: naturalised citizens, former nationals without
     * household registration, former HK/Macau and former mainland residents. All are citizens.
     *
     * @return canonical citizen ID strings with a third digit of 6, 7, 8 or 9
     */
    public static Arbitrary<String> naturalisedCitizenIdStrings() {
        return Combinators.combine(letters(), Arbitraries.of('1', '2'), Arbitraries.of('6', '7', '8', '9'),
                        Arbitraries.strings().numeric().ofLength(6))
                .as((letter, sec, third, digits) -> withCheckDigit(letter + "" + sec + third + digits));
    }

    /**
     * @param idClass the class to generate
     * @return parsed IDs of that class
     */
    public static Arbitrary<NationalId> nationalIds(IdClass idClass) {
        return nationalIdStrings(idClass).map(IdentityArbitraries::parseValidId);
    }

    /** @return parsed IDs of every class */
    public static Arbitrary<NationalId> nationalIds() {
        return nationalIdStrings().map(IdentityArbitraries::parseValidId);
    }

    /**
     * IDs with the right shape but a wrong check digit: a valid ID whose last digit is replaced
     * by each of the other nine digits (the last digit has weight 1, so each one is wrong).
     *
     * @return canonical-looking ID strings that must be rejected with {@code BAD_CHECKSUM}
     */
    public static Arbitrary<String> badChecksumNationalIdStrings() {
        return Combinators.combine(nationalIdStrings(), Arbitraries.integers().between(1, 9))
                .as((id, shift) -> id.substring(0, 9) + (char) ('0' + (id.charAt(9) - '0' + shift) % 10));
    }

    /**
     * Strings shaped almost, but not quite, like an ID: 9 or 11 characters, a digit as the first
     * character, an impossible second character (0, 3–7, E–Z), a letter among the last 8
     * characters, or punctuation inside.
     *
     * @return strings that must be rejected with {@code BAD_FORMAT}
     */
    public static Arbitrary<String> badFormatNationalIdStrings() {
        Arbitrary<String> valid = nationalIdStrings();
        Arbitrary<String> tooShort = valid.map(id -> id.substring(0, 9));
        Arbitrary<String> tooLong = Combinators.combine(valid, Arbitraries.chars().range('0', '9')).as((id, d) -> id + d);
        Arbitrary<String> digitFirst = Combinators.combine(valid, Arbitraries.chars().range('0', '9'))
                .as((id, d) -> d + id.substring(1));
        Arbitrary<String> badSecond = Combinators.combine(valid, Arbitraries.of('0', '3', '4', '5', '6', '7', 'E', 'K', 'Z'))
                .as((id, c) -> id.charAt(0) + "" + c + id.substring(2));
        Arbitrary<String> letterInDigits = Combinators.combine(valid, Arbitraries.integers().between(2, 9),
                        Arbitraries.chars().range('A', 'Z'))
                .as((id, pos, c) -> id.substring(0, pos) + c + id.substring(pos + 1));
        Arbitrary<String> punctuation = Combinators.combine(valid, Arbitraries.integers().between(1, 9),
                        Arbitraries.of('_', '/', '#', '*', '!'))
                .as((id, pos, c) -> id.substring(0, pos) + c + id.substring(pos));
        return Arbitraries.oneOf(tooShort, tooLong, digitFirst, badSecond, letterInDigits, punctuation);
    }

    /**
     * The ways a person types a valid ID: every character independently full-width or not,
     * lower-case or not, and spaces, U+3000 or hyphens (half- or full-width) between characters
     * and around the ID.
     *
     * @return spellings whose {@link Spelling#expected()} is the canonical ID
     */
    public static Arbitrary<Spelling<String>> nationalIdSpellings() {
        Arbitrary<List<Integer>> styles = Arbitraries.integers().between(0, 3).list().ofSize(10);
        Arbitrary<List<String>> gaps = Arbitraries.of("", "", "", "", " ", "-", "\u3000", "\uFF0D", " - ")
                .list().ofSize(11);
        return Combinators.combine(nationalIdStrings(), styles, gaps).as((id, style, gap) -> {
            StringBuilder sb = new StringBuilder(gap.get(0));
            for (int i = 0; i < 10; i++) {
                char c = id.charAt(i);
                int s = style.get(i);
                if ((s & 2) != 0 && Character.isLetter(c)) {
                    c = Character.toLowerCase(c);
                }
                sb.append((s & 1) != 0 ? fullWidth(c) : c);
                sb.append(gap.get(i + 1));
            }
            return new Spelling<>(sb.toString(), id);
        });
    }

    // ---------------------------------------------------------------- mobile numbers

    /** @return valid mobile numbers in domestic form, {@code 09} + 8 digits */
    public static Arbitrary<String> mobileNumberStrings() {
        return Arbitraries.strings().numeric().ofLength(8).map(d -> "09" + d);
    }

    /**
     * A mobile number in every accepted spelling: domestic {@code 09…} or with {@code +886},
     * {@code 886}, {@code 00886}, {@code 002886} or {@code +886 (0)} in front of the {@code 9…}
     * digits; grouped 4-3-3, 2-4-4 or {@code (09)}-4-4, or not at all; separated by spaces,
     * hyphens or dots; optionally in full-width characters; optionally with spaces around.
     *
     * @return spellings whose {@link Spelling#expected()} is the E.164 form, e.g. {@code +886912345678}
     */
    public static Arbitrary<Spelling<String>> mobileNumberSpellings() {
        Arbitrary<String> prefixes = Arbitraries.of("0", "+886", "+886 ", "886", "00886", "002886", "+886 (0)", "+886-");
        Arbitrary<Integer> groupings = Arbitraries.integers().between(0, 2);
        Arbitrary<String> separators = Arbitraries.of("", " ", "-", ".", " - ");
        return Combinators.combine(Arbitraries.strings().numeric().ofLength(8), prefixes, groupings, separators,
                        Arbitraries.of(false, true), Arbitraries.of("", " ", "\u3000"))
                .as((digits, prefix, grouping, sep, wide, pad) -> {
                    String nsn = "9" + digits; // 9 digits after the country code
                    String body;
                    if (prefix.equals("0")) {
                        String national = "0" + nsn;
                        switch (grouping) {
                            case 0:
                                body = national.substring(0, 4) + sep + national.substring(4, 7) + sep + national.substring(7);
                                break;
                            case 1:
                                body = national.substring(0, 2) + sep + national.substring(2, 6) + sep + national.substring(6);
                                break;
                            default:
                                body = "(09)" + national.substring(2, 6) + sep + national.substring(6);
                                break;
                        }
                    } else {
                        body = prefix + (grouping == 0 ? nsn
                                : nsn.substring(0, 3) + sep + nsn.substring(3, 6) + sep + nsn.substring(6));
                    }
                    String input = pad + (wide ? fullWidth(body) : body) + pad;
                    return new Spelling<>(input, "+886" + nsn);
                });
    }

    // ---------------------------------------------------------------- NHI card numbers

    /** @return valid NHI card numbers: 12 digits */
    public static Arbitrary<String> nhiCardNumberStrings() {
        return Arbitraries.strings().numeric().ofLength(12);
    }

    /**
     * NHI card numbers as typed: grouped 4-4-4 or not, separated by spaces or hyphens,
     * optionally full-width.
     *
     * @return spellings whose {@link Spelling#expected()} is the 12 digits
     */
    public static Arbitrary<Spelling<String>> nhiCardNumberSpellings() {
        return Combinators.combine(nhiCardNumberStrings(), Arbitraries.of("", " ", "-", " - "), Arbitraries.of(false, true))
                .as((digits, sep, wide) -> {
                    String body = digits.substring(0, 4) + sep + digits.substring(4, 8) + sep + digits.substring(8);
                    return new Spelling<>(wide ? fullWidth(body) : body, digits);
                });
    }

    // ---------------------------------------------------------------- names

    /**
     * Names as people type them: Chinese names of 2–4 characters, sometimes with a CJK
     * Extension B character (a surrogate pair, e.g. 𠀋 U+2000B) or a compatibility ideograph
     * (U+FA0C, U+FA0D); and romanised or indigenous names of 2–3 words joined by a space or a
     * middle dot (U+00B7, U+2027, U+30FB, U+FF0E, {@code .}), e.g. {@code Bali‧Pawan}, some in
     * full-width letters. At most 30 code points.
     *
     * @return valid names
     */
    public static Arbitrary<String> personNames() {
        return Arbitraries.oneOf(chineseNames(), romanisedNames());
    }

    /**
     * Pairs of spellings of the same name that must share one comparison key: the variant adds
     * spaces (U+0020 or U+3000) around and between characters, swaps middle-dot variants, and
     * turns ASCII letters full-width; the expected value is the plain spelling (half-width, no
     * spaces, U+00B7 dots).
     *
     * @return spellings whose {@link Spelling#expected()} is a reference spelling of the same name
     */
    public static Arbitrary<Spelling<String>> personNameSpellings() {
        Arbitrary<String> reference = Arbitraries.oneOf(
                chineseNames(),
                Combinators.combine(latinWord(), latinWord()).as((a, b) -> a + "\u00B7" + b));
        Arbitrary<List<Integer>> styles = Arbitraries.integers().between(0, 7).list().ofSize(20);
        return Combinators.combine(reference, styles).as((ref, style) -> {
            StringBuilder sb = new StringBuilder();
            int i = 0;
            for (int k = 0; k < ref.length(); ) {
                int cp = ref.codePointAt(k);
                k += Character.charCount(cp);
                int s = style.get(i++ % style.size());
                if ((s & 4) != 0) {
                    sb.append(i % 2 == 0 ? " " : "\u3000");
                }
                if (cp == 0x00B7) {
                    sb.append(MIDDLE_DOTS.charAt(s % MIDDLE_DOTS.length()));
                } else if (cp < 0x80 && (s & 1) != 0) {
                    sb.append(fullWidth((char) cp));
                } else {
                    sb.appendCodePoint(cp);
                }
            }
            if ((style.get(0) & 2) != 0) {
                sb.insert(0, ' ').append('\u3000');
            }
            return new Spelling<>(sb.toString(), ref);
        });
    }

    private static final String MIDDLE_DOTS = "\u00B7\u2027\u30FB\uFF0E.";

    private static Arbitrary<String> chineseNames() {
        Arbitrary<Integer> common = Arbitraries.integers().between(0x4E00, 0x9FA5);
        Arbitrary<Integer> extB = Arbitraries.integers().between(0x20000, 0x2A6D6);
        Arbitrary<Integer> compat = Arbitraries.of(0xFA0C, 0xFA0D, 0xF900, 0xF9D4);
        Arbitrary<Integer> character = Arbitraries.frequencyOf(Tuple.of(8, common), Tuple.of(1, extB), Tuple.of(1, compat));
        return character.list().ofMinSize(2).ofMaxSize(4).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    private static Arbitrary<String> latinWord() {
        return Combinators.combine(Arbitraries.chars().range('A', 'Z'), Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(7))
                .as((first, rest) -> first + rest);
    }

    private static Arbitrary<String> romanisedNames() {
        Arbitrary<String> joiner = Arbitraries.of(" ", "\u00B7", "\u2027", "\u30FB", "\uFF0E", ".");
        return Combinators.combine(latinWord().list().ofMinSize(2).ofMaxSize(3), joiner, Arbitraries.of(false, true))
                .as((words, join, wide) -> {
                    String name = String.join(join, words);
                    return wide ? fullWidth(name) : name;
                });
    }

    // ---------------------------------------------------------------- birth dates

    /** @return birth dates from 1900-01-01 to 2020-12-31, uniformly spread, never in the future */
    public static Arbitrary<LocalDate> birthDates() {
        long span = LAST_BIRTH_DATE.toEpochDay() - FIRST_BIRTH_DATE.toEpochDay();
        return Arbitraries.longs().between(0, span)
                .withDistribution(RandomDistribution.uniform())
                .map(d -> FIRST_BIRTH_DATE.plusDays(d));
    }

    /**
     * A birth date in every accepted spelling. Gregorian: {@code 1986-03-14}, {@code 1986/03/14},
     * {@code 1986.03.14}, {@code 19860314}, {@code 1986/3/14}, {@code 1986年3月14日}. ROC, for
     * dates from 1912 on: {@code 75/03/14}, {@code 075/03/14}, {@code 075-03-14}, {@code 0750314},
     * {@code 民國75年3月14日}, {@code 75年3月14日}, {@code 民國0750314}. Each optionally in
     * full-width characters and with spaces around.
     *
     * @return spellings whose {@link Spelling#expected()} is the date
     */
    public static Arbitrary<Spelling<LocalDate>> birthDateSpellings() {
        return Combinators.combine(birthDates(), Arbitraries.integers().between(0, 12), Arbitraries.of(false, true),
                        Arbitraries.of("", " ", "\u3000"))
                .as((date, form, wide, pad) -> {
                    String text = spell(date, date.getYear() >= 1912 ? form : form % 6);
                    return new Spelling<>(pad + (wide ? fullWidth(text) : text) + pad, date);
                });
    }

    private static String spell(LocalDate date, int form) {
        int y = date.getYear();
        int m = date.getMonthValue();
        int d = date.getDayOfMonth();
        String mm = two(m);
        String dd = two(d);
        int roc = y - 1911;
        String r3 = roc < 10 ? "00" + roc : roc < 100 ? "0" + roc : Integer.toString(roc);
        switch (form) {
            case 0: return y + "-" + mm + "-" + dd;
            case 1: return y + "/" + mm + "/" + dd;
            case 2: return y + "." + mm + "." + dd;
            case 3: return y + mm + dd;
            case 4: return y + "/" + m + "/" + d;
            case 5: return y + "年" + m + "月" + d + "日";
            case 6: return roc + "/" + mm + "/" + dd;
            case 7: return r3 + "/" + mm + "/" + dd;
            case 8: return r3 + "-" + mm + "-" + dd;
            case 9: return r3 + mm + dd;
            case 10: return "民國" + roc + "年" + m + "月" + d + "日";
            case 11: return roc + "年" + m + "月" + d + "日";
            default: return "民國" + r3 + mm + dd;
        }
    }

    // ---------------------------------------------------------------- hostile input

    /**
     * Input meant to break parsers: arbitrary UTF-16 (including unpaired surrogates), strings
     * dense in NUL, controls, RTL overrides (U+202E), isolates (U+2066–U+2069), zero-width
     * characters, BOM and characters the parsers treat specially, valid IDs, phones and dates with
     * one such character spliced in, and, rarely (about 1 in 250), one of a few 1 MB strings.
     * A parser given any of these may only reject it with {@code InvalidInputException}.
     *
     * @return hostile strings
     */
    public static Arbitrary<String> hostileStrings() {
        Arbitrary<String> anyUtf16 = Arbitraries.strings().all().ofMaxLength(60);
        Arbitrary<String> dense = Arbitraries.strings().withChars(NASTY).withChars(SPECIAL).ofMaxLength(40);
        Arbitrary<String> spliceTarget = Arbitraries.oneOf(nationalIdStrings(),
                mobileNumberSpellings().map(Spelling::input), birthDateSpellings().map(Spelling::input), personNames());
        Arbitrary<String> spliced = Combinators.combine(spliceTarget, Arbitraries.of(NASTY.toCharArray()).map(String::valueOf),
                        Arbitraries.doubles().between(0, 1))
                .as((s, c, at) -> {
                    int pos = (int) (at * s.length());
                    return s.substring(0, pos) + c + s.substring(pos);
                });
        return Arbitraries.frequencyOf(
                Tuple.of(100, anyUtf16),
                Tuple.of(70, dense),
                Tuple.of(79, spliced),
                Tuple.of(1, hugeStrings()));
    }

    /**
     * A few 1 MB strings (about a million chars each): plain letters, NULs, unpaired surrogates,
     * a valid ID after a megabyte of spaces, and CJK. Built once and shared.
     *
     * @return huge strings, without edge-case injection
     */
    public static Arbitrary<String> hugeStrings() {
        return Arbitraries.of(Huge.STRINGS).withoutEdgeCases();
    }

    private static final String NASTY = "\u0000\u0001\u0007\u001B\u007F\u0085\u200B\u200D\u200E\u200F\u202A\u202B\u202C"
            + "\u202D\u202E\u2066\u2067\u2068\u2069\uFEFF\uFFFE\uFFFF\uD800\uDBFF\uDC00\uDFFF\u2028\u2029\t\n\r";
    private static final String SPECIAL = "0123456789+-/().TtAaCc \u3000\uFF10\uFF19\uFF0B\uFF0D\uFF0F民國年月日·‧・．王𠀋";

    /** Holder, so the megabytes are built only by tests that use them. */
    private static final class Huge {
        private static final int MB = 1 << 20;
        static final List<String> STRINGS = List.of(
                "a".repeat(MB),
                "\u0000".repeat(MB),
                "\uD800".repeat(MB),
                " ".repeat(MB) + "T200000009",
                "王".repeat(MB / 2));
    }

    // ---------------------------------------------------------------- helpers

    private static Arbitrary<Character> letters() {
        return Arbitraries.chars().range('A', 'Z');
    }

    /** The 9 characters plus the check digit that makes S mod 10 = 0. */
    private static String withCheckDigit(String first9) {
        int letter = LETTER_ORDER.indexOf(first9.charAt(0)) + 10;
        int sum = letter / 10 + 9 * (letter % 10);
        for (int i = 1; i < 9; i++) {
            char c = first9.charAt(i);
            int v = Character.isLetter(c) ? (LETTER_ORDER.indexOf(c) + 10) % 10 : c - '0';
            sum += WEIGHTS[i - 1] * v;
        }
        return first9 + (char) ('0' + (10 - sum % 10) % 10);
    }

    private static NationalId parseValidId(String id) {
        try {
            return NationalId.parse(id);
        } catch (Exception e) {
            throw new IllegalStateException("generated ID failed to parse; the generator is wrong", e);
        }
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    /** ASCII printable to full-width (space to U+3000); everything else unchanged. */
    private static String fullWidth(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            sb.append(fullWidth(s.charAt(i)));
        }
        return sb.toString();
    }

    private static char fullWidth(char c) {
        if (c == ' ') {
            return '\u3000';
        }
        return c > ' ' && c < 0x7F ? (char) (c + 0xFEE0) : c;
    }
}
