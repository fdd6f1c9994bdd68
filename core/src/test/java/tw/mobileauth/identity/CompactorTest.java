package tw.mobileauth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

class CompactorTest {

    private static final String FIELD = "someField";
    private static final Compactor.Rule DIGITS = (c, kept) -> Chars.isAsciiDigit(c) ? c : Compactor.REJECT;

    private static FieldReason reasonFor(String input, Compactor.Rule rule) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Compactor.compact(input, FIELD, rule));
        assertEquals(1, e.errors().size());
        assertEquals(FIELD, e.errors().get(0).field());
        return e.errors().get(0).reason();
    }

    @Test
    void spacesAndDashesAreDroppedUnlessTheRuleKeepsThem() throws Exception {
        assertEquals("123", Compactor.compact(" 1\u3000-2\u2013\t3 ", FIELD, DIGITS));
        Compactor.Rule dashToSlash = (c, kept) -> Chars.isDash(c) ? '/' : DIGITS.keep(c, kept);
        assertEquals("1/2/3", Compactor.compact(" 1-2\u2212 3", FIELD, dashToSlash));
    }

    @Test
    void theRuleSeesHalfWidthCodePointsAndHowManyAreKept() throws Exception {
        List<Integer> seen = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        String kept = Compactor.compact("１ a\uD840\uDC0B", FIELD, (c, n) -> {
            seen.add(c);
            counts.add(n);
            return c == 0x2000B ? 'X' : c;
        });
        assertEquals(List.of((int) '1', (int) ' ', (int) 'a', 0x2000B), seen);
        assertEquals(List.of(0, 1, 2, 3), counts);
        assertEquals("1 aX", kept);
    }

    @Test
    void dropSkipsACharacterThatWouldOtherwiseBeBadFormat() throws Exception {
        assertEquals(FieldReason.BAD_FORMAT, reasonFor("(1)", DIGITS));
        Compactor.Rule dropParens = (c, kept) -> c == '(' || c == ')' ? Compactor.DROP : DIGITS.keep(c, kept);
        assertEquals("1", Compactor.compact("(1)", FIELD, dropParens));
    }

    @Test
    void aForbiddenCharacterOutranksAnEarlierMisfit() {
        assertEquals(FieldReason.BAD_FORMAT, reasonFor("x1", DIGITS));
        assertEquals(FieldReason.INVALID_CHARACTER, reasonFor("x1\u202E", DIGITS));
        assertEquals(FieldReason.INVALID_CHARACTER, reasonFor("1\uD800", DIGITS));
    }

    @Test
    void nullOrNothingKeptIsRequired() throws Exception {
        assertEquals(FieldReason.REQUIRED, reasonFor(null, DIGITS));
        assertEquals(FieldReason.REQUIRED, reasonFor(" - \n", DIGITS));
        assertEquals("0", Compactor.compact(" - 0", FIELD, DIGITS));
    }

    @Test
    void inputOverTheRawLimitIsTooLongBeforeItIsRead() throws Exception {
        String atLimit = "1".repeat(Compactor.MAX_RAW_LENGTH);
        assertEquals(atLimit, Compactor.compact(atLimit, FIELD, DIGITS));
        assertEquals(FieldReason.TOO_LONG, reasonFor("\u0000".repeat(Compactor.MAX_RAW_LENGTH + 1), DIGITS));
    }
}
