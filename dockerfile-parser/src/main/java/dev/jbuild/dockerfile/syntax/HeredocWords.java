package dev.jbuild.dockerfile.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the here-document operators of an instruction line: {@code <<EOF}, {@code <<-EOF},
 * {@code 3<<EOF}, {@code << EOF}, with quoted names meaning "do not expand the body".
 */
final class HeredocWords {
    private static final Pattern OPERATOR = Pattern.compile("^(\\d*)<<(-?)(.*)$", Pattern.DOTALL);

    private HeredocWords() {
    }

    /** Heredocs (bodies still empty) in the order their bodies follow; throws on a badly quoted name. */
    static List<Heredoc> find(String line) {
        List<Heredoc> docs = new ArrayList<>();
        List<String> words = ShellWords.split(line, '\\');
        for (int i = 0; i < words.size(); i++) {
            Matcher m = OPERATOR.matcher(words.get(i));
            if (!m.matches() || m.group(3).startsWith("<")) {
                continue;
            }
            String rawName = m.group(3);
            if (rawName.isEmpty()) {
                if (i + 1 >= words.size()) {
                    continue;
                }
                rawName = words.get(++i);
            }
            docs.add(named(rawName, m.group(2).equals("-"), m.group(1).isEmpty() ? 0 : Integer.parseInt(m.group(1))));
        }
        return docs;
    }

    private static Heredoc named(String raw, boolean chomp, int fd) {
        StringBuilder name = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                name.append(raw.charAt(++i));
            } else if (c == '\'' || c == '"') {
                quoted = true;
                int close = raw.indexOf(c, i + 1);
                if (close < 0) {
                    throw new Arguments.Invalid("unbalanced quotes in heredoc name " + raw);
                }
                name.append(raw, i + 1, close);
                i = close;
            } else {
                name.append(c);
            }
        }
        if (name.length() == 0) {
            throw new Arguments.Invalid("empty heredoc name");
        }
        return new Heredoc(name.toString(), "", !quoted, chomp, fd);
    }
}
