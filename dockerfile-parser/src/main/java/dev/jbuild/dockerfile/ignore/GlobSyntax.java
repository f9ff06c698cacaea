package dev.jbuild.dockerfile.ignore;

/** Rejects patterns Go's filepath.Match calls bad: unclosed or empty classes, bad ranges, a trailing {@code \}. */
final class GlobSyntax {
    private GlobSyntax() {
    }

    static void validate(String pattern) {
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw bad(pattern);
                }
                i += 2;
            } else if (c == '[') {
                i = classEnd(pattern, i + 1);
            } else {
                i++;
            }
        }
    }

    /** Index after the class that starts at {@code i} (just after its '['). */
    private static int classEnd(String p, int i) {
        int n = p.length();
        if (i < n && p.charAt(i) == '^') {
            i++;
        }
        int ranges = 0;
        while (true) {
            if (i < n && p.charAt(i) == ']' && ranges > 0) {
                return i + 1;
            }
            i = escapedChar(p, i);
            if (i < n && p.charAt(i) == '-') {
                i = escapedChar(p, i + 1);
            }
            ranges++;
        }
    }

    /** Index after one class character (possibly escaped); '-' and ']' are not characters here. */
    private static int escapedChar(String p, int i) {
        int n = p.length();
        if (i >= n || p.charAt(i) == '-' || p.charAt(i) == ']') {
            throw bad(p);
        }
        if (p.charAt(i) == '\\') {
            if (i + 1 >= n) {
                throw bad(p);
            }
            return i + 2;
        }
        return i + 1;
    }

    private static IllegalArgumentException bad(String pattern) {
        return new IllegalArgumentException("syntax error in pattern: " + pattern);
    }
}
