package dev.jbuild.store;

/**
 * Character classes of the ASCII the store's names and numbers are made of, checked by hand: the
 * regular expressions that would say the same cost a cold JVM milliseconds to compile, and their
 * character classes link lambdas (everyday commands avoid both).
 */
public final class Ascii {
    private Ascii() {
    }

    /** [0-9]. */
    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** [0-9a-f]. */
    public static boolean isLowerHexDigit(char c) {
        return isDigit(c) || c >= 'a' && c <= 'f';
    }

    /** [a-zA-Z0-9]. */
    public static boolean isAlnum(char c) {
        return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Whether {@code s} from {@code from} to {@code to} is one or more of [0-9]. */
    public static boolean isDigits(CharSequence s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
