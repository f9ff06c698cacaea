package dev.jbuild.dockerfile.shell;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Shell glob patterns of {@code ${v#p}}, {@code ${v%p}} and {@code ${v/p/r}} as Java regular expressions. */
final class ShellPattern {
    private ShellPattern() {
    }

    static Pattern compile(String glob, boolean greedy, boolean anchored) {
        StringBuilder out = new StringBuilder(glob.length() + 4);
        if (anchored) {
            out.append('^');
        }
        String star = greedy ? ".*" : ".*?";
        int[] cps = glob.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            switch (c) {
                case '*' -> out.append(star);
                case '?' -> out.append('.');
                case '\\' -> {
                    if (i + 1 < cps.length && (cps[i + 1] == '}' || cps[i + 1] == '/')) {
                        continue; // the escape belonged to ${...}, not to the pattern
                    }
                    if (i + 1 >= cps.length || (cps[i + 1] != '*' && cps[i + 1] != '?' && cps[i + 1] != '\\')) {
                        String bad = i + 1 < cps.length ? Character.toString(cps[i + 1]) : "";
                        throw new ExpansionException("invalid pattern (" + glob + ") in substitution: invalid escape '\\" + bad + "'");
                    }
                    out.append('\\').appendCodePoint(cps[++i]);
                }
                default -> {
                    if ("[]{}.+()|^$".indexOf(c) >= 0) {
                        out.append('\\');
                    }
                    out.appendCodePoint(c);
                }
            }
        }
        try {
            return Pattern.compile(out.toString(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new ExpansionException("invalid pattern (" + glob + ") in substitution");
        }
    }

    /** Reverses a pattern by code point, keeping each escape before the character it escapes. */
    static String reverse(String glob) {
        int[] cps = glob.codePoints().toArray();
        int[] out = new int[cps.length];
        int last = cps.length - 1;
        for (int i = 0; i <= last; ) {
            if (cps[i] == '\\' && i != last) {
                out[last - i - 1] = '\\';
                out[last - i] = cps[i + 1];
                i += 2;
            } else {
                out[last - i] = cps[i];
                i++;
            }
        }
        return new String(out, 0, out.length);
    }

    static String reverseText(String s) {
        return new StringBuilder(s).reverse().toString();
    }
}
