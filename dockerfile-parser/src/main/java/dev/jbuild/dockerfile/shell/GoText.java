package dev.jbuild.dockerfile.shell;

/** Whitespace rules of the reference parser, which is written in Go: its notion of space differs from Java's. */
public final class GoText {
    private GoText() {
    }

    /** Go's unicode.IsSpace. */
    public static boolean isSpace(int ch) {
        if (ch > ' ' && ch < 0x7F) {
            return false;
        }
        switch (ch) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0:
                return true;
            default:
                return ch > 0xFF && Character.isSpaceChar(ch);
        }
    }

    /** The separators the parser splits instruction words on: {@code [ \t\v\f\r]}. */
    public static boolean isSeparator(char ch) {
        return ch == ' ' || ch == '\t' || ch == 0x0B || ch == '\f' || ch == '\r';
    }

    /** Go's strings.TrimSpace. */
    public static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    public static String trimLeadingSpace(String s) {
        int start = 0;
        while (start < s.length() && isSpace(s.charAt(start))) {
            start++;
        }
        return start == 0 ? s : s.substring(start);
    }

    /** Splits on runs of {@link #isSeparator} at most {@code limit} ways (0 = no limit). */
    public static java.util.List<String> splitOnSeparators(String s, int limit) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        int i = 0;
        int n = s.length();
        int start = 0;
        while (i < n) {
            if (isSeparator(s.charAt(i)) && (limit == 0 || parts.size() < limit - 1)) {
                parts.add(s.substring(start, i));
                while (i < n && isSeparator(s.charAt(i))) {
                    i++;
                }
                start = i;
            } else {
                i++;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
