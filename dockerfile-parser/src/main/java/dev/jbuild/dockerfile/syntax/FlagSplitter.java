package dev.jbuild.dockerfile.syntax;

import dev.jbuild.dockerfile.shell.GoText;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the leading {@code --flag} words off an instruction's text. Quotes inside a flag are removed
 * (their content kept), the escape character makes the next character literal, a bare {@code --}
 * ends the flags and is dropped.
 */
final class FlagSplitter {
    private FlagSplitter() {
    }

    record Split(List<String> flags, String rest) {
    }

    static Split split(String line, char escape) {
        int start = 0;
        while (start < line.length() && GoText.isSpace(line.charAt(start))) {
            start++;
        }
        if (!line.startsWith("--", start)) {
            return new Split(List.of(), line.substring(start));
        }
        List<String> flags = new ArrayList<>();
        int n = line.length();
        int pos = 0;
        while (true) {
            while (pos < n && GoText.isSpace(line.charAt(pos))) {
                pos++;
            }
            if (pos >= n) {
                return new Split(flags, "");
            }
            if (line.charAt(pos) != '-' || pos + 1 >= n || line.charAt(pos + 1) != '-') {
                return new Split(flags, line.substring(pos));
            }
            StringBuilder word = new StringBuilder();
            boolean blankOk = false;
            char quote = 0;
            for (; pos < n; pos++) {
                char ch = line.charAt(pos);
                if (quote != 0) {
                    if (ch == quote) {
                        quote = 0;
                        continue;
                    }
                } else if (GoText.isSpace(ch)) {
                    break;
                } else if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                    continue;
                }
                if (ch == escape) {
                    if (pos + 1 == n) {
                        quote = 0;
                        continue; // an escape at the very end is dropped
                    }
                    ch = line.charAt(++pos);
                }
                word.append(ch);
            }
            String w = word.toString();
            if (w.equals("--")) {
                return new Split(flags, pos >= n ? "" : line.substring(pos));
            }
            if (blankOk || !w.isEmpty()) {
                flags.add(w);
            }
        }
    }
}
