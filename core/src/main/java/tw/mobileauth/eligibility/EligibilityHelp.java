package tw.mobileauth.eligibility;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import tw.mobileauth.i18n.LocalizedText;

/**
 * A portal's help text for mobile phone authentication, generated from the rules of a policy so it
 * cannot drift from them: "哪些人適合使用行動電話認證？" (who can use it) and
 * "哪些人不適合使用行動電話認證？" (who cannot). Get it from {@link EligibilityPolicy#help()}.
 *
 * <p>Each rule contributes its {@link RuleDescription} lines; removing a rule removes its lines.
 * Lines the BLI manual has keep the manual's order and wording: when both the not-Wi-Fi and the
 * not-roaming rule are in force their lines join into "Wifi、漫遊連線", and the parent-child and
 * prepaid lines join into "親子卡、預付卡". Other lines follow in rule order. Equal lines appear
 * once.
 *
 * <p>Immutable.
 */
public final class EligibilityHelp {

    /**
     * One of the two lists.
     *
     * @param title the list's heading, e.g. "哪些人適合使用行動電話認證？"
     * @param lines the entries, in display order; unmodifiable, possibly empty
     */
    public record Section(LocalizedText title, List<LocalizedText> lines) {

        /**
         * @param title the title value
         * @param lines the lines value
         * @throws NullPointerException if the title, the list or a line is null
         */
        public Section {
            Objects.requireNonNull(title, "title");
            lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        }
    }

    /** Pairs of lines the manual shows as one, and the line it shows. */
    private static final List<List<LocalizedText>> JOINED = List.of(
            List.of(EligibilityTexts.NOT_WIFI_CANNOT, EligibilityTexts.NOT_ROAMING_CANNOT,
                    EligibilityTexts.WIFI_ROAMING_COMBINED),
            List.of(EligibilityTexts.PARENT_CHILD_CANNOT, EligibilityTexts.POSTPAID_CANNOT,
                    EligibilityTexts.PARENT_CHILD_PREPAID_COMBINED));

    /** The manual's order of "who can" lines; lines not listed come after, in rule order. */
    private static final List<LocalizedText> WHO_CAN_ORDER = List.of(
            EligibilityTexts.CITIZEN_ONLY_CAN,
            EligibilityTexts.RESIDENTS_ALLOWED_CAN,
            EligibilityTexts.POSTPAID_CAN,
            EligibilityTexts.ON_4G_5G_CAN,
            EligibilityTexts.SMARTPHONE_CAN);

    /** The manual's order of "who cannot" lines; the sub-line line is ours, after the manual's five. */
    private static final List<LocalizedText> WHO_CANNOT_ORDER = List.of(
            EligibilityTexts.WIFI_ROAMING_COMBINED,
            EligibilityTexts.NOT_WIFI_CANNOT,
            EligibilityTexts.NOT_ROAMING_CANNOT,
            EligibilityTexts.PARENT_CHILD_PREPAID_COMBINED,
            EligibilityTexts.PARENT_CHILD_CANNOT,
            EligibilityTexts.POSTPAID_CANNOT,
            EligibilityTexts.CITIZEN_ONLY_CANNOT,
            EligibilityTexts.PERSONAL_HOLDER_CANNOT,
            EligibilityTexts.NOT_MVNO_CANNOT,
            EligibilityTexts.SUB_LINES_CANNOT);

    private final Section whoCan;
    private final Section whoCannot;

    private EligibilityHelp(Section whoCan, Section whoCannot) {
        this.whoCan = whoCan;
        this.whoCannot = whoCannot;
    }

    /** The help for these rules, in this order. */
    static EligibilityHelp of(List<EligibilityRule> rules) {
        Set<LocalizedText> can = new LinkedHashSet<>();
        Set<LocalizedText> cannot = new LinkedHashSet<>();
        for (EligibilityRule rule : rules) {
            RuleDescription description = rule.description();
            can.addAll(description.whoCan());
            cannot.addAll(description.whoCannot());
        }
        return new EligibilityHelp(
                new Section(EligibilityTexts.HELP_WHO_CAN_TITLE, inManualOrder(new ArrayList<>(can), WHO_CAN_ORDER)),
                new Section(EligibilityTexts.HELP_WHO_CANNOT_TITLE,
                        inManualOrder(joined(new ArrayList<>(cannot)), WHO_CANNOT_ORDER)));
    }

    private static List<LocalizedText> joined(List<LocalizedText> lines) {
        for (List<LocalizedText> join : JOINED) {
            int first = lines.indexOf(join.get(0));
            int second = lines.indexOf(join.get(1));
            if (first >= 0 && second >= 0) {
                lines.set(first, join.get(2));
                lines.remove(second);
            }
        }
        return lines;
    }

    private static List<LocalizedText> inManualOrder(List<LocalizedText> lines, List<LocalizedText> manualOrder) {
        List<LocalizedText> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.comparingInt(line -> {
            int rank = manualOrder.indexOf(line);
            return rank >= 0 ? rank : manualOrder.size();
        }));
        return sorted;
    }

    /** {@return "哪些人適合使用行動電話認證？": who can use mobile phone authentication} */
    public Section whoCan() {
        return whoCan;
    }

    /** {@return "哪些人不適合使用行動電話認證？": who cannot use mobile phone authentication} */
    public Section whoCannot() {
        return whoCannot;
    }

    /**
     * {@return plain text in one language: each non-empty list as its title, then numbered lines, with a
     * blank line between the lists} English for any English locale, zh-TW otherwise (as
     * {@link LocalizedText#in(Locale)}). Example:
     *
     * <pre>
     * 哪些人適合使用行動電話認證？
     * 1. 限本國自然人使用
     * 2. 限月租型門號
     * …
     *
     * 哪些人不適合使用行動電話認證？
     * 1. Wifi、漫遊連線
     * …
     * </pre>
     *
     * @param locale the language; null means zh-TW
     */
    public String render(Locale locale) {
        StringBuilder out = new StringBuilder();
        for (Section section : List.of(whoCan, whoCannot)) {
            if (section.lines().isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(section.title().in(locale)).append('\n');
            int number = 1;
            for (LocalizedText line : section.lines()) {
                out.append(number++).append(". ").append(line.in(locale)).append('\n');
            }
        }
        return out.toString();
    }

    /** Equal when both lists are equal. */
    @Override
    public boolean equals(Object other) {
        return other instanceof EligibilityHelp that && whoCan.equals(that.whoCan) && whoCannot.equals(that.whoCannot);
    }

    @Override
    public int hashCode() {
        return whoCan.hashCode() * 31 + whoCannot.hashCode();
    }

    /** Both languages, zh-TW first. */
    @Override
    public String toString() {
        return render(Locale.TAIWAN) + "\n" + render(Locale.ENGLISH);
    }
}
