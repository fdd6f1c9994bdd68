package tw.mobileauth.identity;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.util.Objects;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

/**
 * A birth date (出生日期), typed in the Gregorian or the ROC (民國) calendar and stored as an ISO date.
 *
 * <p>Accepted dates run from {@link #EARLIEST} (1900-01-01) to today in Taiwan (Asia/Taipei)
 * inclusive. The lower bound is older than anyone alive; what it catches in practice is a year
 * typed in the wrong calendar.
 *
 * <p>Equality is on the date. {@link #toString()} hides the whole date.
 */
public final class BirthDate {

    /** The earliest accepted birth date, 1900-01-01. */
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    /** "Today" is the date in Taiwan, whatever the server's or the clock's zone. */
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final int ROC_OFFSET = 1911;

    private final LocalDate date;

    private BirthDate(LocalDate date) {
        this.date = date;
    }

    /**
     * Parses a birth date against the system clock; see {@link #parse(CharSequence, Clock)}.
     *
     * @param input the raw input; may be null
     * @return the birth date, never null
     * @throws InvalidInputException if the input is not an acceptable birth date
     */
    public static BirthDate parse(CharSequence input) throws InvalidInputException {
        return parse(input, Clock.systemUTC());
    }

    /**
     * Parses a birth date as a person typed it.
     *
     * <p>Accepted spellings (digits may be full-width; spaces are ignored; {@code / - .} and
     * their full-width forms are interchangeable separators):
     * <ul>
     *   <li>Gregorian: {@code 1986-03-14}, {@code 1986/3/14}, {@code 19860314}, {@code 1986年3月14日};</li>
     *   <li>ROC, year = ROC year + 1911: {@code 75/03/14}, {@code 075/03/14}, {@code 075-03-14},
     *       {@code 0750314} (7 digits), {@code 民國75年3月14日}, {@code 75年3月14日},
     *       {@code 民國750314}.</li>
     * </ul>
     * A year of 4 digits is Gregorian, a year of 1–3 digits is ROC. A bare 6-digit string such as
     * {@code 750314} is rejected as ambiguous (ROC or Gregorian YYMMDD?) unless it starts with 民國.
     *
     * <p>Reasons, all for field {@link FieldNames#BIRTH_DATE}: {@code REQUIRED}, {@code TOO_LONG}
     * (over 100 raw characters), {@code INVALID_CHARACTER}, {@code BAD_FORMAT},
     * {@code IMPOSSIBLE_DATE} (30 February, month 13, ROC year 0), {@code DATE_TOO_EARLY}
     * (before {@link #EARLIEST}), {@code FUTURE_DATE} (after today in Asia/Taipei per {@code clock}).
     *
     * @param input the raw input; may be null
     * @param clock the clock that says what "today" is
     * @return the birth date, never null
     * @throws InvalidInputException if the input is not an acceptable birth date
     * @throws NullPointerException  if {@code clock} is null (a programming error, not bad input)
     */
    public static BirthDate parse(CharSequence input, Clock clock) throws InvalidInputException {
        Objects.requireNonNull(clock, "clock");
        String kept = Compactor.compact(input, FieldNames.BIRTH_DATE, BirthDate::keep);
        return of(new Grammar(kept).read(), clock);
    }

    /** Keeps digits and 民 國 国 年 月 日; turns {@code / . -} and other dashes into {@code '/'}; drops spaces. */
    private static int keep(int c, int kept) {
        if (Chars.isAsciiDigit(c) || c == '民' || c == '國' || c == '国' || c == '年' || c == '月' || c == '日') {
            return c;
        }
        return c == '/' || c == '.' || Chars.isDash(c) ? '/' : Compactor.REJECT;
    }

    /**
     * A birth date from a date already known, checked against the same bounds as {@link #parse}.
     *
     * @param date  the date; may be null
     * @param clock the clock that says what "today" is
     * @return the birth date, never null
     * @throws InvalidInputException for field {@link FieldNames#BIRTH_DATE}: {@code REQUIRED}
     *     (null), {@code DATE_TOO_EARLY}, {@code FUTURE_DATE}
     * @throws NullPointerException  if {@code clock} is null
     */
    public static BirthDate of(LocalDate date, Clock clock) throws InvalidInputException {
        Objects.requireNonNull(clock, "clock");
        if (date == null) {
            throw error(FieldReason.REQUIRED);
        }
        if (date.isBefore(EARLIEST)) {
            throw error(FieldReason.DATE_TOO_EARLY);
        }
        if (date.isAfter(LocalDate.ofInstant(clock.instant(), TAIPEI))) {
            throw error(FieldReason.FUTURE_DATE);
        }
        return new BirthDate(date);
    }

    private static InvalidInputException error(FieldReason reason) {
        return InvalidInputException.of(FieldNames.BIRTH_DATE, reason);
    }

    /** @return the date; personal data, do not log */
    public LocalDate toLocalDate() {
        return date;
    }

    /** @return the ISO form {@code yyyy-MM-dd}, e.g. {@code 1986-03-14}; personal data, do not log */
    public String iso() {
        return date.toString();
    }

    /** Equal when the dates are equal, whichever calendar they were typed in. */
    @Override
    public boolean equals(Object o) {
        return o instanceof BirthDate && ((BirthDate) o).date.equals(date);
    }

    @Override
    public int hashCode() {
        return date.hashCode();
    }

    /** @return {@code BirthDate[****-**-**]}: a birth date is never shown in logs */
    @Override
    public String toString() {
        return "BirthDate[****-**-**]";
    }

    /**
     * Reads the normalised characters: digits, {@code '/'} for any separator, and 民 國 国 年 月 日.
     */
    private static final class Grammar {
        private final String t;
        private final int len;
        private int pos;

        Grammar(String t) {
            this.t = t;
            this.len = t.length();
        }

        LocalDate read() throws InvalidInputException {
            boolean rocPrefix = len >= 2 && t.charAt(0) == '民' && (t.charAt(1) == '國' || t.charAt(1) == '国');
            if (rocPrefix) {
                pos = 2;
            }
            int aStart = pos;
            int aLen = digitRun();
            if (aLen == 0) {
                throw error(FieldReason.BAD_FORMAT);
            }
            if (pos == len) {
                return compact(aStart, aLen, rocPrefix);
            }
            char sep = t.charAt(pos++);
            if (sep != '/' && sep != '年') {
                throw error(FieldReason.BAD_FORMAT);
            }
            int bStart = pos;
            int bLen = digitRun();
            char sep2 = sep == '/' ? '/' : '月';
            if (pos >= len || t.charAt(pos) != sep2) {
                throw error(FieldReason.BAD_FORMAT);
            }
            pos++;
            int cStart = pos;
            int cLen = digitRun();
            if (sep == '年' && pos < len && t.charAt(pos) == '日') {
                pos++;
            }
            if (pos != len || bLen < 1 || bLen > 2 || cLen < 1 || cLen > 2) {
                throw error(FieldReason.BAD_FORMAT);
            }
            boolean roc;
            if (aLen <= 3) {
                roc = true;
            } else if (aLen == 4 && !rocPrefix) {
                roc = false;
            } else {
                throw error(FieldReason.BAD_FORMAT);
            }
            return date(number(aStart, aLen), roc, number(bStart, bLen), number(cStart, cLen));
        }

        private LocalDate compact(int start, int digits, boolean rocPrefix) throws InvalidInputException {
            if (digits == 8 && !rocPrefix) {
                return date(number(start, 4), false, number(start + 4, 2), number(start + 6, 2));
            }
            if (digits == 7 || (digits == 6 && rocPrefix)) {
                int yearDigits = digits - 4;
                return date(number(start, yearDigits), true,
                        number(start + yearDigits, 2), number(start + yearDigits + 2, 2));
            }
            throw error(FieldReason.BAD_FORMAT);
        }

        private int digitRun() {
            int start = pos;
            while (pos < len && Chars.isAsciiDigit(t.charAt(pos))) {
                pos++;
            }
            return pos - start;
        }

        private int number(int start, int digits) {
            int v = 0;
            for (int i = start; i < start + digits; i++) {
                v = v * 10 + (t.charAt(i) - '0');
            }
            return v;
        }

        private static LocalDate date(int year, boolean roc, int month, int day) throws InvalidInputException {
            if (roc) {
                if (year == 0) {
                    throw error(FieldReason.IMPOSSIBLE_DATE);
                }
                year += ROC_OFFSET;
            }
            if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))) {
                throw error(FieldReason.IMPOSSIBLE_DATE);
            }
            if (year < EARLIEST.getYear()) {
                throw error(FieldReason.DATE_TOO_EARLY);
            }
            return LocalDate.of(year, month, day);
        }
    }
}
