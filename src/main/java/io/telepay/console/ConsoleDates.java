package io.telepay.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and times as the reader's language writes them, in the business time zone: templates use
 * {@code ${@when.dateTime(at)}}, {@code ${@when.time(at)}} and {@code ${@when.date(day)}}.
 */
@Component("when")
public class ConsoleDates {

    private final ZoneId zone;

    ConsoleDates(@Value("${telepay.analytics.zone:Asia/Taipei}") ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    public String dateTime(Instant at) {
        return at == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale()).withZone(zone).format(at);
    }

    public String time(Instant at) {
        return at == null ? "" : DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale()).withZone(zone).format(at);
    }

    public String date(LocalDate day) {
        return day == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(day);
    }

    /**
     * The last day something lasting until {@code until} still holds, when {@code until} is the start of a day in the
     * business time zone (an analyst's "last day" is stored as the start of the next); null for any other instant.
     */
    public LocalDate lastDay(Instant until) {
        if (until == null) {
            return null;
        }
        var local = until.atZone(zone);
        return local.toLocalTime().equals(LocalTime.MIDNIGHT) ? local.toLocalDate().minusDays(1) : null;
    }

    /** The value for an {@code <input type="datetime-local">}, in the business time zone. */
    public String input(Instant at) {
        return at == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(zone).format(at);
    }

    /** Seconds as {@code 4:05} or {@code 1:02:03}. */
    public String duration(Long seconds) {
        if (seconds == null) {
            return "";
        }
        long s = seconds;
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
