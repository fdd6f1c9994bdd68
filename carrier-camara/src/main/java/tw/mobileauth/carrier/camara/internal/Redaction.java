package tw.mobileauth.carrier.camara.internal;

import java.util.regex.Pattern;

/**
 * Makes carrier-supplied text safe to put in exception messages and logs: runs of six or more
 * digits (phone numbers, ID numbers) are masked, control characters dropped, length capped. Not API.
 */
public final class Redaction {

    static final int MAX_LENGTH = 200;
    private static final Pattern DIGIT_RUN = Pattern.compile("\\+?[0-9][0-9 \\-]{4,}[0-9]");
    private static final Pattern ID_LIKE = Pattern.compile("[A-Za-z][0-9A-Da-d][0-9]{8}");

    private Redaction() {
    }

    /** {@code text} with identifiers masked as {@code ***}, at most 200 characters. */
    public static String redact(String text) {
        String s = ID_LIKE.matcher(text).replaceAll("***");
        s = DIGIT_RUN.matcher(s).replaceAll("***");
        s = s.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) + "…" : s;
    }
}
