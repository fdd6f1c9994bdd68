package tw.mobileauth.examples.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Dates and times as Taiwanese government sites print them: ROC years (民國), Asia/Taipei time. */
final class Roc {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    private Roc() {
    }

    /** {@code 115/12/06 10:15:00} for 2026-12-06T02:15:00Z. */
    static String dateTime(Instant instant) {
        ZonedDateTime t = instant.atZone(TAIPEI);
        return String.format("%03d/%02d/%02d %02d:%02d:%02d", t.getYear() - 1911, t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
    }

    /** {@code 075/03/14} for 1986-03-14. */
    static String date(LocalDate date) {
        return String.format("%03d/%02d/%02d", date.getYear() - 1911, date.getMonthValue(), date.getDayOfMonth());
    }
}
