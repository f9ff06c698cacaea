package dev.jbuild.dockerfile.ignore;

import java.util.regex.Pattern;

/**
 * One .dockerignore pattern: Go's filepath.Match syntax ({@code * ? [a-z] [^a] \x}) plus {@code **}
 * for any number of directories. {@code *} and {@code ?} never cross a {@code /}.
 */
final class IgnorePattern {
    private enum Kind { EXACT, PREFIX, SUFFIX, REGEX }

    private final String text;
    private final boolean exclusion;
    private final Kind kind;
    private final Pattern regex;
    private final String literal;
    /** A re-including pattern's names, each a pattern of its own (null: any, "**"), for {@link #mayMatchBelow}. */
    private final IgnorePattern[] names;

    IgnorePattern(String raw) {
        boolean excl = raw.startsWith("!");
        String p = excl ? raw.substring(1) : raw;
        if (p.isEmpty()) {
            throw new IllegalArgumentException("illegal exclusion pattern: \"!\"");
        }
        p = CleanPath.clean(p);
        GlobSyntax.validate(p);
        this.text = p;
        this.exclusion = excl;
        StringBuilder re = new StringBuilder("^");
        Kind k = Kind.EXACT;
        int[] cps = p.codePoints().toArray();
        for (int i = 0, token = 0; i < cps.length; i++, token++) {
            int ch = cps[i];
            if (ch == '*' && i + 1 < cps.length && cps[i + 1] == '*') {
                i++;
                if (i + 1 < cps.length && cps[i + 1] == '/') {
                    i++; // "**/" is "**"
                }
                if (i + 1 >= cps.length) {
                    if (k == Kind.EXACT) {
                        k = Kind.PREFIX;
                    } else {
                        re.append(".*");
                        k = Kind.REGEX;
                    }
                } else {
                    re.append("(.*/)?");
                    k = Kind.REGEX;
                }
                if (token == 0) {
                    k = Kind.SUFFIX;
                }
            } else if (ch == '*') {
                re.append("[^/]*");
                k = Kind.REGEX;
            } else if (ch == '?') {
                re.append("[^/]");
                k = Kind.REGEX;
            } else if (ch == '[') {
                i = appendClass(cps, i, re);
                k = Kind.REGEX;
            } else if (ch == '\\' && i + 1 < cps.length) {
                re.append(Pattern.quote(Character.toString(cps[++i])));
                k = Kind.REGEX; // the literal differs from the pattern text
            } else {
                re.append(Pattern.quote(Character.toString(ch)));
            }
        }
        this.kind = k;
        this.literal = switch (k) {
            case PREFIX -> p.substring(0, p.length() - 2);
            case SUFFIX -> p.substring(2);
            default -> p;
        };
        this.regex = k == Kind.REGEX ? Pattern.compile(re.append('$').toString()) : null;
        this.names = excl ? namePatterns(p) : null;
    }

    /** A rooted pattern ("/a/b") names the same paths as "a/b"; "/" alone, like "**", any. */
    private static IgnorePattern[] namePatterns(String pattern) {
        String[] names = (pattern.startsWith("/") ? pattern.substring(1) : pattern).split("/");
        IgnorePattern[] out = new IgnorePattern[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = names[i].equals("**") || names[i].isEmpty() ? null : new IgnorePattern(names[i]);
        }
        return out;
    }

    /** Copies a {@code [...]} class, escaping what Java's regex syntax treats specially inside classes. */
    private static int appendClass(int[] cps, int start, StringBuilder re) {
        re.append('[');
        int i = start + 1;
        if (i < cps.length && cps[i] == '^') {
            re.append('^');
            i++;
        }
        for (; i < cps.length && cps[i] != ']'; i++) {
            int c = cps[i];
            if (c == '\\' && i + 1 < cps.length) {
                re.append('\\').appendCodePoint(cps[++i]);
            } else if (c == '-') {
                re.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                re.appendCodePoint(c);
            } else {
                re.append('\\').appendCodePoint(c);
            }
        }
        re.append(']');
        return i;
    }

    boolean exclusion() {
        return exclusion;
    }

    /** Whether this pattern could match a path below the directory whose names are {@code dir}: its leading names match them. */
    boolean mayMatchBelow(String[] dir) {
        for (int i = 0; i < names.length; i++) {
            if (names[i] == null) {
                return true; // "**"
            }
            if (i == dir.length) {
                return true; // the pattern goes on below the directory
            }
            if (!names[i].matches(dir[i])) {
                return false;
            }
        }
        return false;
    }

    boolean matches(String path) {
        return switch (kind) {
            case EXACT -> path.equals(literal);
            case PREFIX -> path.startsWith(literal);
            case SUFFIX -> path.endsWith(literal) || (literal.startsWith("/") && path.equals(literal.substring(1)));
            case REGEX -> regex.matcher(path).matches();
        };
    }

    @Override
    public String toString() {
        return (exclusion ? "!" : "") + text;
    }
}
