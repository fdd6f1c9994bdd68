package tw.mobileauth.identity;

/**
 * Character classes shared by the identity parsers. Hand-rolled so that parsing compiles no
 * regex and allocates little.
 */
final class Chars {

    private Chars() {
    }

    /** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space U+3000 to half-width; others unchanged. */
    static int halfWidth(int cp) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            return cp - 0xFEE0;
        }
        return cp == 0x3000 ? ' ' : cp;
    }

    /** Blanks that may separate groups of digits in typed or pasted numbers: tab, CR, LF and every Unicode space. */
    static boolean isSpace(int cp) {
        return cp == '\t' || cp == '\n' || cp == '\r' || Character.isSpaceChar(cp);
    }

    /** Hyphen-minus and the dashes people paste instead of it. */
    static boolean isDash(int cp) {
        return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 || cp == 0xFE63;
    }

    static boolean isAsciiDigit(int cp) {
        return cp >= '0' && cp <= '9';
    }

    /**
     * Characters never legitimate in any identity field: controls, format characters (RTL
     * overrides, isolates, zero-width joiners, BOM …), unpaired surrogates and unassigned code
     * points. Unassigned code points in the ideographic planes 2 and 3 are allowed, because new
     * CJK extensions land there before the JDK's Unicode tables know them.
     */
    static boolean isForbidden(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
                return true;
            case Character.UNASSIGNED:
                return cp < 0x20000 || cp > 0x3FFFF;
            default:
                return false;
        }
    }
}
