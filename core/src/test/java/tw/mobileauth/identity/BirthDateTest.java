package tw.mobileauth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

class BirthDateTest {

    private static final Clock CLOCK = IdFixtures.CLOCK; // 2025-06-01 in Taipei

    private static FieldReason reasonFor(String input) {
        return reasonFor(input, CLOCK);
    }

    private static FieldReason reasonFor(String input, Clock clock) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> BirthDate.parse(input, clock));
        assertEquals(FieldNames.BIRTH_DATE, e.errors().get(0).field());
        return e.errors().get(0).reason();
    }

    @Test
    void rocSlashRocCharactersAndIsoAreTheSameDate() throws Exception {
        BirthDate roc = BirthDate.parse("75/03/14", CLOCK);
        BirthDate chinese = BirthDate.parse("民國75年3月14日", CLOCK);
        BirthDate iso = BirthDate.parse("1986-03-14", CLOCK);
        assertEquals(LocalDate.of(1986, 3, 14), iso.toLocalDate());
        assertEquals(iso, roc);
        assertEquals(iso, chinese);
        assertEquals("1986-03-14", roc.iso());
        assertNotEquals(iso, BirthDate.parse("75/03/15", CLOCK));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1986-03-14", "1986/03/14", "19860314", "1986/3/14", "1986.03.14", "1986年3月14日",
        "75/03/14", "075/03/14", "075-03-14", "0750314", "75/3/14", "75.03.14",
        "民國75年3月14日", "民國075年03月14日", "75年3月14日", "民國 75 年 3 月 14 日", "民国75年3月14日", "民國750314",
        "７５／０３／１４", "民國７５年３月１４日", "１９８６－０３－１４", " 1986 - 03 - 14 "})
    void everyDocumentedSpellingParses(String spelling) throws Exception {
        assertEquals(LocalDate.of(1986, 3, 14), BirthDate.parse(spelling, CLOCK).toLocalDate());
    }

    @Test
    void rocYearsOfThreeDigitsWork() throws Exception {
        assertEquals(LocalDate.of(2011, 1, 2), BirthDate.parse("100/01/02", CLOCK).toLocalDate());
        assertEquals(LocalDate.of(2011, 1, 2), BirthDate.parse("1000102", CLOCK).toLocalDate());
        assertEquals(LocalDate.of(1912, 1, 1), BirthDate.parse("1/1/1", CLOCK).toLocalDate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"75/02/30", "1986-02-29", "75/13/01", "75/00/10", "75/04/31", "0750230", "民國0年1月1日"})
    void impossibleDatesAreRejected(String input) throws Exception {
        assertEquals(FieldReason.IMPOSSIBLE_DATE, reasonFor(input));
        assertEquals(LocalDate.of(1988, 2, 29), BirthDate.parse("77/02/29", CLOCK).toLocalDate());
    }

    @Test
    void futureDatesAreRejectedAgainstTheInjectedClock() throws Exception {
        assertEquals(FieldReason.FUTURE_DATE, reasonFor("2025-06-02"));
        assertEquals(FieldReason.FUTURE_DATE, reasonFor("114/06/02"));
        assertEquals(FieldReason.FUTURE_DATE, reasonFor("2100-01-01"));
        assertEquals(LocalDate.of(2025, 6, 1), BirthDate.parse("2025-06-01", CLOCK).toLocalDate());
        // The same input is fine once the clock has moved on a day.
        Clock later = Clock.offset(CLOCK, java.time.Duration.ofDays(1));
        assertEquals(LocalDate.of(2025, 6, 2), BirthDate.parse("2025-06-02", later).toLocalDate());
    }

    @Test
    void todayIsTakenInTaipeiNotInUtc() throws Exception {
        // 2025-05-31T16:30Z is already 2025-06-01 00:30 in Taipei.
        Clock lateUtc = Clock.fixed(Instant.parse("2025-05-31T16:30:00Z"), ZoneOffset.UTC);
        assertEquals(LocalDate.of(2025, 6, 1), BirthDate.parse("2025-06-01", lateUtc).toLocalDate());
        Clock earlierUtc = Clock.fixed(Instant.parse("2025-05-31T15:30:00Z"), ZoneOffset.UTC);
        assertEquals(FieldReason.FUTURE_DATE, reasonFor("2025-06-01", earlierUtc));
    }

    @Test
    void datesBefore1900AreTooEarly() throws Exception {
        assertEquals(FieldReason.DATE_TOO_EARLY, reasonFor("1899-12-31"));
        assertEquals(FieldReason.DATE_TOO_EARLY, reasonFor("0075/03/14"));
        assertEquals(LocalDate.of(1900, 1, 1), BirthDate.parse("1900-01-01", CLOCK).toLocalDate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"750314", "1986-03", "1986-03-14-01", "民國1986年3月14日", "1986年3月", "March 14 1986",
        "75//03/14", "75/03年14", "19860314日", "民國", "/", "12345/01/01", "1986-003-14"})
    void ambiguousAndMalformedSpellingsAreBadFormat(String input) throws Exception {
        assertEquals(FieldReason.BAD_FORMAT, reasonFor(input));
        assertEquals(LocalDate.of(1986, 3, 14), BirthDate.parse("19860314", CLOCK).toLocalDate());
    }

    @Test
    void missingHiddenAndHugeInputs() throws Exception {
        assertEquals(FieldReason.REQUIRED, reasonFor(null));
        assertEquals(FieldReason.REQUIRED, reasonFor(" "));
        assertEquals(FieldReason.INVALID_CHARACTER, reasonFor("75/03/14\u0000"));
        assertEquals(FieldReason.INVALID_CHARACTER, reasonFor("\u202E75/03/14"));
        assertEquals(FieldReason.TOO_LONG, reasonFor("1".repeat(1 << 20)));
        assertEquals(FieldReason.REQUIRED, assertThrows(InvalidInputException.class,
                () -> BirthDate.of(null, CLOCK)).errors().get(0).reason());
        assertEquals(LocalDate.of(1986, 3, 14), BirthDate.of(LocalDate.of(1986, 3, 14), CLOCK).toLocalDate());
    }

    @Test
    void toStringHidesTheWholeDate() throws Exception {
        BirthDate d = BirthDate.parse("1986-03-14", CLOCK);
        assertEquals("BirthDate[****-**-**]", d.toString());
        assertFalse(d.toString().contains("1986"));
        assertFalse(d.toString().contains("14"));
    }
}
