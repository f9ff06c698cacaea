package dev.jbuild.store.name;

import dev.jbuild.store.Ascii;

/**
 * The grammar of image references (distribution/reference's), checked character by character: the
 * regular expressions that state it cost 20-40 ms to compile on a cold JVM, paid by every command
 * that reads a name. ReferenceGrammarTest holds those expressions and checks these methods against them.
 */
final class ReferenceGrammar {
    private ReferenceGrammar() {
    }

    /** Where a reference's name ends, and its tag's ':' and digest's '@' are (-1: none). */
    record Split(int nameEnd, int tagColon, int digestAt) {
    }

    /**
     * NAME[:TAG][@DIGEST] as the expression {@code (.+?)(?::([^:/@]+))?(?:@(.+))?} splits it: the
     * shortest name that leaves a valid rest. Null when there is none, or the text holds a line break.
     */
    static Split split(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isLineBreak(text.charAt(i))) {
                return null;
            }
        }
        for (int nameEnd = 1; nameEnd <= text.length(); nameEnd++) {
            Split split = rest(text, nameEnd);
            if (split != null) {
                return split;
            }
        }
        return null;
    }

    /** The split when what follows the name is nothing, :TAG, @DIGEST or :TAG@DIGEST; else null. */
    private static Split rest(String text, int nameEnd) {
        int n = text.length();
        if (nameEnd == n) {
            return new Split(nameEnd, -1, -1);
        }
        if (text.charAt(nameEnd) == '@') {
            return nameEnd + 1 < n ? new Split(nameEnd, -1, nameEnd) : null;
        }
        if (text.charAt(nameEnd) != ':') {
            return null;
        }
        int tagEnd = nameEnd + 1;
        while (tagEnd < n && ":/@".indexOf(text.charAt(tagEnd)) < 0) {
            tagEnd++;
        }
        if (tagEnd == nameEnd + 1) {
            return null;
        }
        if (tagEnd == n) {
            return new Split(nameEnd, nameEnd, -1);
        }
        return text.charAt(tagEnd) == '@' && tagEnd + 1 < n ? new Split(nameEnd, nameEnd, tagEnd) : null;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}. */
    static boolean isTag(String tag) {
        if (tag.isEmpty() || tag.length() > 128 || !isWord(tag.charAt(0))) {
            return false;
        }
        for (int i = 1; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (!isWord(c) && c != '.' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Components of [a-z0-9] runs joined by '.', '_', '__' or any number of '-', separated by '/'. */
    static boolean isPath(String path) {
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            if (!isComponent(path, start, end)) {
                return false;
            }
            if (slash < 0) {
                return true;
            }
            start = slash + 1;
        }
    }

    private static boolean isComponent(String s, int from, int to) {
        if (from == to || !isLowerAlnum(s.charAt(from)) || !isLowerAlnum(s.charAt(to - 1))) {
            return false;
        }
        for (int i = from; i < to; ) {
            if (isLowerAlnum(s.charAt(i))) {
                i++;
                continue;
            }
            int run = i;
            while (i < to && !isLowerAlnum(s.charAt(i))) {
                i++;
            }
            if (!isSeparator(s.substring(run, i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSeparator(String s) {
        if (s.equals(".") || s.equals("_") || s.equals("__")) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    /** HOST[:PORT], the host dot-separated labels of letters, digits and inner '-', or [IPv6]. */
    static boolean isDomain(String domain) {
        int end = domain.length();
        int colon = domain.lastIndexOf(':');
        if (colon >= 0 && colon > domain.lastIndexOf(']')) {
            if (!Ascii.isDigits(domain, colon + 1, end)) {
                return false;
            }
            end = colon;
        }
        if (end > 0 && domain.charAt(0) == '[') {
            if (end < 3 || domain.charAt(end - 1) != ']') {
                return false;
            }
            for (int i = 1; i < end - 1; i++) {
                char c = domain.charAt(i);
                if (!Ascii.isLowerHexDigit(Character.toLowerCase(c)) && c != ':') {
                    return false;
                }
            }
            return true;
        }
        int start = 0;
        while (true) {
            int dot = domain.indexOf('.', start);
            int labelEnd = dot < 0 || dot > end ? end : dot;
            if (!isLabel(domain, start, labelEnd)) {
                return false;
            }
            if (labelEnd == end) {
                return true;
            }
            start = labelEnd + 1;
        }
    }

    private static boolean isLabel(String s, int from, int to) {
        if (from == to || !Ascii.isAlnum(s.charAt(from)) || !Ascii.isAlnum(s.charAt(to - 1))) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Ascii.isAlnum(s.charAt(i)) && s.charAt(i) != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerAlnum(char c) {
        return c >= 'a' && c <= 'z' || Ascii.isDigit(c);
    }

    private static boolean isWord(char c) {
        return Ascii.isAlnum(c) || c == '_';
    }
}
