package tw.mobileauth.examples.web;

/** HTML escaping for text and attribute values: every value the pages print goes through {@link #esc}. */
final class Html {

    private Html() {
    }

    /** {@code s} safe inside element text and double-quoted attributes; null prints as empty. */
    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A hidden CSRF field for a form. */
    static String csrfField(String token) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(token) + "\">";
    }

    /** The {@code #error} / {@code #remedy} block every rejection shows. */
    static String errorBlock(String reason, String remedy) {
        return "<div class=\"alert\" role=\"alert\"><p id=\"error\">" + esc(reason) + "</p><p id=\"remedy\">"
                + esc(remedy) + "</p></div>";
    }
}
