package tw.mobileauth.eligibility;

import java.util.List;
import java.util.Objects;
import tw.mobileauth.i18n.LocalizedText;

/**
 * How a rule describes itself on the help page: lines for "哪些人適合使用行動電話認證？" (who can
 * use it) and lines for "哪些人不適合使用行動電話認證？" (who cannot). A rule may contribute to
 * either list or to both; it contributes at least one line.
 *
 * <p>Example: the citizen-only rule says who can: "限本國自然人使用", and who cannot:
 * "外國人(含大陸人)".
 *
 * @param whoCan    lines for "who can use it", in order; unmodifiable
 * @param whoCannot lines for "who cannot use it", in order; unmodifiable
 */
public record RuleDescription(List<LocalizedText> whoCan, List<LocalizedText> whoCannot) {

    /**
     * @param whoCan the who can
     * @param whoCannot the who cannot
     * @throws NullPointerException     if a list or a line is null
     * @throws IllegalArgumentException if both lists are empty: every rule must say something
     */
    public RuleDescription {
        whoCan = List.copyOf(Objects.requireNonNull(whoCan, "whoCan"));
        whoCannot = List.copyOf(Objects.requireNonNull(whoCannot, "whoCannot"));
        if (whoCan.isEmpty() && whoCannot.isEmpty()) {
            throw new IllegalArgumentException(
                    "a rule description needs at least one \"who can\" or \"who cannot\" line");
        }
    }

    /**
     * {@return a rule that only says who can use the method, e.g. "限月租型門號"}
     *
     * @param line the line value
     */
    public static RuleDescription whoCan(LocalizedText line) {
        return new RuleDescription(List.of(line), List.of());
    }

    /**
     * {@return a rule that only says who cannot use the method, e.g. "企業戶"}
     *
     * @param line the line value
     */
    public static RuleDescription whoCannot(LocalizedText line) {
        return new RuleDescription(List.of(), List.of(line));
    }

    /**
     * {@return a rule that says both, e.g. "限本國自然人使用" and "外國人(含大陸人)"}
     *
     * @param whoCanLine the who can line
     * @param whoCannotLine the who cannot line
     */
    public static RuleDescription of(LocalizedText whoCanLine, LocalizedText whoCannotLine) {
        return new RuleDescription(List.of(whoCanLine), List.of(whoCannotLine));
    }
}
