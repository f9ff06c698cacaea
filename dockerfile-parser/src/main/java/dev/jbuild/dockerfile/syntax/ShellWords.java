package dev.jbuild.dockerfile.syntax;

import dev.jbuild.dockerfile.shell.GoText;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits ARG, ENV and LABEL text into words on whitespace outside quotes. Quotes stay in the words;
 * the escape character stays with the character after it (outside quotes and inside double quotes).
 */
final class ShellWords {
    private ShellWords() {
    }

    static List<String> split(String rest, char escape) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean blankOk = false;
        char quote = 0;
        int n = rest.length();
        for (int i = 0; i < n; i++) {
            char ch = rest.charAt(i);
            if (!inWord) {
                if (GoText.isSpace(ch)) {
                    continue;
                }
                inWord = true;
            }
            if (quote == 0) {
                if (GoText.isSpace(ch)) {
                    if (blankOk || word.length() > 0) {
                        words.add(word.toString());
                    }
                    word.setLength(0);
                    blankOk = false;
                    inWord = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                }
                if (ch == escape) {
                    if (i + 1 == n) {
                        continue;
                    }
                    word.append(ch);
                    ch = rest.charAt(++i);
                }
                word.append(ch);
            } else {
                if (ch == quote) {
                    quote = 0;
                }
                if (ch == escape && quote != '\'') {
                    if (i + 1 == n) {
                        quote = 0;
                        continue;
                    }
                    word.append(ch);
                    ch = rest.charAt(++i);
                }
                word.append(ch);
            }
        }
        if (inWord && (blankOk || word.length() > 0)) {
            words.add(word.toString());
        }
        return words;
    }
}
