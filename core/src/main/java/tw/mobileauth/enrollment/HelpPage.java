package tw.mobileauth.enrollment;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tw.mobileauth.eligibility.EligibilityHelp;
import tw.mobileauth.i18n.LocalizedText;

/**
 * What the portal's help page says about mobile phone authentication: who can and who cannot use
 * it (from the eligibility rules in force) and notes on how this portal checks identity, e.g. that
 * it does not check NHI card numbers when it runs without an identity registry.
 *
 * @param eligibility 哪些人適合使用 / 不適合使用
 * @param notes       further lines, in display order; possibly empty
 */
public record HelpPage(EligibilityHelp eligibility, List<LocalizedText> notes) {

    /**
     * Both required; the list is copied.
     *
     * @param eligibility the eligibility value
     * @param notes the notes value
     */
    public HelpPage {
        Objects.requireNonNull(eligibility, "eligibility");
        notes = List.copyOf(notes);
    }

    /**
     * {@return plain text in one language: the two lists, then each note on its own line}
     *
     * @param locale the language to answer in
     */
    public String render(Locale locale) {
        StringBuilder out = new StringBuilder(eligibility.render(locale));
        for (LocalizedText note : notes) {
            out.append('\n').append(note.in(locale)).append('\n');
        }
        return out.toString();
    }
}
