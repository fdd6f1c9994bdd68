package tw.mobileauth.leakscan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The spellings a leaked value could take in a log line or a table cell: the forms people type and
 * the SDK accepts (ASCII and full-width, E.164 with and without the plus, grouped national numbers,
 * Gregorian and ROC dates, names with and without spaces). Case is left to the scanner, which
 * compares lower case with lower case.
 */
final class Spellings {

    private Spellings() {
    }

    /** ASCII letters, digits and signs as their full-width forms (ＡＢＣ１２３), as Taiwanese IMEs type them. */
    static String fullWidth(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.chars().forEach(c -> b.append(c >= '!' && c <= '~' ? (char) (c + 0xFEE0) : c == ' ' ? '\u3000' : (char) c));
        return b.toString();
    }

    /** Each of {@code forms}, and its full-width form where that differs. */
    static Set<String> withFullWidth(List<String> forms) {
        Set<String> out = new LinkedHashSet<>(forms);
        forms.forEach(f -> out.add(fullWidth(f)));
        return out;
    }

    /** A mobile number given in E.164 ({@code +886912345678}). */
    static Set<String> phone(String e164) {
        if (!e164.matches("\\+8869[0-9]{8}")) {
            throw new IllegalArgumentException("not a Taiwanese mobile number in E.164: " + e164.length() + " characters");
        }
        String nsn = e164.substring(4); // 912345678
        String national = "0" + nsn;
        String a = nsn.substring(0, 3);
        String b = nsn.substring(3, 6);
        String c = nsn.substring(6);
        return withFullWidth(List.of(e164, e164.substring(1), national, nsn,
                "0" + a + "-" + b + "-" + c, "0" + a + " " + b + " " + c, "0" + a + "-" + b + c,
                "+886 " + a + " " + b + " " + c, "+886-" + a + "-" + b + "-" + c, "+886-" + nsn, "+886 " + nsn));
    }

    /** A birth date in the Gregorian and ROC forms the SDK's BirthDate accepts, with and without zero padding. */
    static Set<String> birthDate(LocalDate d) {
        int y = d.getYear();
        int m = d.getMonthValue();
        int day = d.getDayOfMonth();
        String mm = String.format("%02d", m);
        String dd = String.format("%02d", day);
        int roc = y - 1911;
        String roc3 = String.format("%03d", roc);
        List<String> forms = new ArrayList<>(List.of(
                y + "-" + mm + "-" + dd, y + "/" + mm + "/" + dd, y + "." + mm + "." + dd, y + mm + dd,
                y + "/" + m + "/" + day, y + "-" + m + "-" + day, y + "年" + m + "月" + day + "日",
                y + "年" + mm + "月" + dd + "日",
                roc + "/" + mm + "/" + dd, roc3 + "/" + mm + "/" + dd, roc + "-" + mm + "-" + dd,
                roc3 + "-" + mm + "-" + dd, roc + "." + mm + "." + dd, roc3 + mm + dd, roc + "/" + m + "/" + day,
                roc + "年" + m + "月" + day + "日", roc + "年" + mm + "月" + dd + "日"));
        return withFullWidth(forms);
    }

    /**
     * A name as written; without its spaces; CJK names with a space (ASCII or ideographic) between
     * characters; other names with their separator (‧, ·, ・, space) as a space, as nothing, and full-width.
     */
    static Set<String> name(String name) {
        String bare = name.replaceAll("[\\s\u3000]", "");
        Set<String> out = new LinkedHashSet<>(List.of(name, bare));
        if (bare.codePoints().allMatch(Character::isIdeographic)) {
            List<String> chars = bare.codePoints().mapToObj(Character::toString).toList();
            out.add(String.join(" ", chars));
            out.add(String.join("\u3000", chars));
        } else {
            String spaced = name.replaceAll("[\\s\u3000\u2027\u00b7\u30fb\u2022.]+", " ");
            for (String form : List.of(name, spaced, spaced.replace(" ", ""))) {
                out.add(form);
                out.add(fullWidth(form));
            }
        }
        return out;
    }

    /** An ID (national ID card or resident certificate number) as written and full-width; case is the scanner's. */
    static Set<String> id(String id) {
        return withFullWidth(List.of(id));
    }

    /** A 12-digit NHI card number, plain, grouped in fours and full-width. */
    static Set<String> nhiCard(String card) {
        return withFullWidth(List.of(card, card.substring(0, 4) + "-" + card.substring(4, 8) + "-" + card.substring(8),
                card.substring(0, 4) + " " + card.substring(4, 8) + " " + card.substring(8)));
    }
}
