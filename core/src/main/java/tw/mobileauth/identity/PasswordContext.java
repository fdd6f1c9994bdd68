package tw.mobileauth.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The applicant's own data that a password must not contain (see {@link PasswordPolicy}).
 *
 * <p>Immutable; start from {@link #none()} and add what is known. The words derived from each
 * value (matched case-insensitively as substrings of the password):
 * <ul>
 *   <li>ID: the whole ID ({@code t200000009}) and its last 9 characters ({@code 200000009});</li>
 *   <li>birth date, e.g. 1986-03-14 = ROC 75: {@code 19860314}, {@code 1986-03-14},
 *       {@code 1986/03/14}, {@code 860314}, and for dates from 1912 on {@code 750314},
 *       {@code 0750314}, {@code 75/03/14}, {@code 075/03/14};</li>
 *   <li>phone: {@code 0912345678} and {@code 912345678}.</li>
 * </ul>
 * {@link #toString()} shows only how many words there are.
 */
public final class PasswordContext {

    private static final PasswordContext NONE = new PasswordContext(List.of());
    private static final int ROC_OFFSET = 1911;

    private final List<String> words;

    private PasswordContext(List<String> words) {
        this.words = words;
    }

    /** @return a context with no personal data: only the length and common-password rules apply */
    public static PasswordContext none() {
        return NONE;
    }

    /**
     * @param id the applicant's ID
     * @return a context that also forbids the ID
     */
    public PasswordContext withNationalId(NationalId id) {
        String v = id.value().toLowerCase(Locale.ROOT);
        return plus(List.of(v, v.substring(1)));
    }

    /**
     * @param birthDate the applicant's birth date
     * @return a context that also forbids the birth date in its common spellings
     */
    public PasswordContext withBirthDate(BirthDate birthDate) {
        LocalDate d = birthDate.toLocalDate();
        String y = Integer.toString(d.getYear());
        String mm = pad(d.getMonthValue(), 2);
        String dd = pad(d.getDayOfMonth(), 2);
        List<String> spellings = new ArrayList<>(List.of(
                y + mm + dd, y + "-" + mm + "-" + dd, y + "/" + mm + "/" + dd, pad(d.getYear() % 100, 2) + mm + dd));
        int roc = d.getYear() - ROC_OFFSET;
        if (roc >= 1) {
            String r = Integer.toString(roc);
            String r3 = pad(roc, 3);
            spellings.addAll(List.of(r + mm + dd, r3 + mm + dd, r + "/" + mm + "/" + dd, r3 + "/" + mm + "/" + dd));
        }
        return plus(spellings);
    }

    /**
     * @param number the applicant's mobile number
     * @return a context that also forbids the phone digits, with and without the leading 0
     */
    public PasswordContext withMobileNumber(MobileNumber number) {
        String national = number.national();
        return plus(List.of(national, national.substring(1)));
    }

    /** The forbidden words, lower case. */
    List<String> words() {
        return words;
    }

    private PasswordContext plus(List<String> more) {
        Objects.requireNonNull(more);
        List<String> all = new ArrayList<>(words);
        for (String w : more) {
            if (!all.contains(w)) {
                all.add(w);
            }
        }
        return new PasswordContext(List.copyOf(all));
    }

    private static String pad(int value, int width) {
        String s = Integer.toString(value);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** @return {@code PasswordContext[n words]}; never the words themselves */
    @Override
    public String toString() {
        return "PasswordContext[" + words.size() + " words]";
    }
}
