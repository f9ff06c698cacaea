package dev.jbuild.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * RFC 3339 times as image configs and container states hold them ({@code 2026-12-02T19:40:00.123Z}),
 * read and written as {@link Instant#parse} and {@link Instant#toString} do. The common forms are done
 * here by hand: java.time's formatter machinery costs ~10 ms on its first use, paid by every command
 * that lists or starts something. Anything else goes to java.time, which so decides what is valid.
 */
public final class Timestamps {
    private static final int MAX_YEAR = 9999;

    private Timestamps() {
    }

    /** As {@link Instant#parse}. */
    public static Instant parse(String text) {
        Instant quick = quickParse(text);
        return quick != null ? quick : Instant.parse(text);
    }

    /** As {@link Instant#toString}: the fraction in groups of three digits, only as long as needed. */
    public static String format(Instant when) {
        long seconds = when.getEpochSecond();
        long day = Math.floorDiv(seconds, 86400);
        LocalDate date = LocalDate.ofEpochDay(day);
        if (date.getYear() < 1000 || date.getYear() > MAX_YEAR) {
            return when.toString();
        }
        int secondOfDay = (int) Math.floorMod(seconds, 86400);
        StringBuilder b = new StringBuilder(30);
        b.append(date.getYear()).append('-');
        two(b, date.getMonthValue()).append('-');
        two(b, date.getDayOfMonth()).append('T');
        two(b, secondOfDay / 3600).append(':');
        two(b, secondOfDay / 60 % 60).append(':');
        two(b, secondOfDay % 60);
        int nanos = when.getNano();
        if (nanos > 0) {
            String digits = Integer.toString(1_000_000_000 + nanos).substring(1);
            int length = nanos % 1_000_000 == 0 ? 3 : nanos % 1000 == 0 ? 6 : 9;
            b.append('.').append(digits, 0, length);
        }
        return b.append('Z').toString();
    }

    private static StringBuilder two(StringBuilder b, int value) {
        return b.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z, or null for java.time to judge. */
    private static Instant quickParse(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && Character.isDigit(t.charAt(i))) {
                nanos = nanos * 10 + (t.charAt(i++) - '0');
            }
            if (i == start || i < n && Character.isDigit(t.charAt(i))) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (i != n - 1 || t.charAt(i) != 'Z') {
            return null; // an offset, or more: java.time's
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86400 + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal number in t[from, to), or -1 if a character is not a digit. */
    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
