package dev.jbuild.dockerfile.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shell-word processing as Dockerfile instructions use it: quotes, escapes and the variable forms
 * {@code $v ${v} ${v:-w} ${v-w} ${v:+w} ${v+w} ${v:?m} ${v?m} ${v#p} ${v##p} ${v%p} ${v%%p} ${v/p/r} ${v//p/r}}.
 * No command substitution, no arithmetic: this is not a shell, only its word rules.
 */
public final class ShellLexer {
    private final char escape;
    private final boolean rawQuotes;
    private final boolean rawEscapes;

    public ShellLexer(char escape) {
        this(escape, false, false);
    }

    private ShellLexer(char escape, boolean rawQuotes, boolean rawEscapes) {
        this.escape = escape;
        this.rawQuotes = rawQuotes;
        this.rawEscapes = rawEscapes;
    }

    /** A lexer that keeps quote and escape characters in its output (used to find heredoc words). */
    public ShellLexer keepingQuotesAndEscapes() {
        return new ShellLexer(escape, true, true);
    }

    /**
     * A lexer for heredoc bodies (COPY/ADD with an unquoted delimiter): quotes are part of the text, only
     * variables and escapes are processed, as BuildKit expands them.
     */
    public ShellLexer keepingQuotes() {
        return new ShellLexer(escape, true, false);
    }

    /** Expands {@code text} as one word. */
    public String expandWord(String text, Variables vars) {
        return process(text, vars).word();
    }

    /** Expands {@code text} and splits it into words. */
    public List<String> expandWords(String text, Variables vars) {
        return process(text, vars).words();
    }

    public Expansion process(String text, Variables vars) {
        Run run = new Run(text, vars, rawEscapes);
        Words words = new Words();
        String word;
        try {
            word = run.until(-1, rawEscapes, words);
        } catch (ExpansionException e) {
            throw new ExpansionException("failed to process \"" + text + "\": " + e.getMessage());
        }
        return new Expansion(word, words.finish(), run.used);
    }

    /** Accumulates words as the shell splits them: unquoted whitespace separates, quoted text does not. */
    private static final class Words {
        private final List<String> done = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean inWord;

        void addChar(int ch) {
            if (GoText.isSpace(ch)) {
                if (inWord && word.length() > 0) {
                    done.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                addRawChar(ch);
            }
        }

        void addRawChar(int ch) {
            word.appendCodePoint(ch);
            inWord = true;
        }

        void addString(String s) {
            for (int i = 0; i < s.length(); ) {
                int ch = s.codePointAt(i);
                addChar(ch);
                i += Character.charCount(ch);
            }
        }

        void addRawString(String s) {
            word.append(s);
            inWord = true;
        }

        List<String> finish() {
            if (word.length() > 0) {
                done.add(word.toString());
                word.setLength(0);
                inWord = false;
            }
            return done;
        }
    }

    /** One pass over one text. */
    private final class Run {
        private static final int EOF = -1;
        private final int[] cps;
        private final Variables vars;
        private final Set<String> used = new LinkedHashSet<>();
        private int pos;
        private boolean rawEscapesNow;

        Run(String text, Variables vars, boolean rawEscapes) {
            this.cps = text.codePoints().toArray();
            this.vars = vars;
            this.rawEscapesNow = rawEscapes;
        }

        private int peek() {
            return pos < cps.length ? cps[pos] : EOF;
        }

        private int next() {
            return pos < cps.length ? cps[pos++] : EOF;
        }

        private String lookup(String name) {
            used.add(name);
            return vars.get(name);
        }

        String until(int stop, boolean raw, Words words) {
            boolean saved = rawEscapesNow;
            rawEscapesNow = raw;
            try {
                return untilStop(stop, words);
            } finally {
                rawEscapesNow = saved;
            }
        }

        private String untilStop(int stop, Words words) {
            StringBuilder result = new StringBuilder();
            while (peek() != EOF) {
                int ch = peek();
                if (stop != EOF && ch == stop) {
                    next();
                    return result.toString();
                }
                if (ch == '$') {
                    String value = dollar();
                    result.append(value);
                    words.addString(value);
                } else if (!rawQuotes && ch == '\'') {
                    String value = singleQuoted();
                    result.append(value);
                    words.addRawString(value);
                } else if (!rawQuotes && ch == '"') {
                    String value = doubleQuoted();
                    result.append(value);
                    words.addRawString(value);
                } else {
                    ch = next();
                    if (ch == escape) {
                        if (rawEscapesNow) {
                            words.addRawChar(ch);
                            result.appendCodePoint(ch);
                        }
                        ch = next();
                        if (ch == EOF) {
                            break;
                        }
                        words.addRawChar(ch);
                    } else {
                        words.addChar(ch);
                    }
                    result.appendCodePoint(ch);
                }
            }
            if (stop != EOF) {
                throw new ExpansionException("unexpected end of statement while looking for matching " + Character.toString(stop));
            }
            return result.toString();
        }

        private String singleQuoted() {
            StringBuilder result = new StringBuilder();
            int ch = next();
            if (rawQuotes) {
                result.appendCodePoint(ch);
            }
            while (true) {
                ch = next();
                if (ch == EOF) {
                    throw new ExpansionException("unexpected end of statement while looking for matching single-quote");
                }
                if (ch == '\'') {
                    if (rawQuotes) {
                        result.appendCodePoint(ch);
                    }
                    return result.toString();
                }
                result.appendCodePoint(ch);
            }
        }

        private String doubleQuoted() {
            StringBuilder result = new StringBuilder();
            int ch = next();
            if (rawQuotes) {
                result.appendCodePoint(ch);
            }
            while (true) {
                int p = peek();
                if (p == EOF) {
                    throw new ExpansionException("unexpected end of statement while looking for matching double-quote");
                }
                if (p == '"') {
                    next();
                    if (rawQuotes) {
                        result.append('"');
                    }
                    return result.toString();
                }
                if (p == '$') {
                    result.append(dollar());
                    continue;
                }
                ch = next();
                if (ch == escape) {
                    if (rawEscapesNow) {
                        result.appendCodePoint(ch);
                    }
                    int after = peek();
                    if (after == EOF) {
                        continue;
                    }
                    if (after == '"' || after == '$' || after == escape) {
                        ch = next();
                    }
                }
                result.appendCodePoint(ch);
            }
        }

        private String dollar() {
            next();
            if (peek() != '{') {
                String name = name();
                if (name.isEmpty()) {
                    return "$";
                }
                String value = lookup(name);
                return value == null ? "" : value;
            }
            next();
            int p = peek();
            if (p == EOF) {
                throw new ExpansionException("syntax error: missing '}'");
            }
            if (p == '{' || p == '}' || p == ':') {
                throw new ExpansionException("syntax error: bad substitution");
            }
            String name = name();
            int ch = next();
            if (ch == '}') {
                String value = lookup(name);
                return value == null ? "" : value;
            }
            if (ch == '/') {
                return replace(name);
            }
            boolean nullIsUnset = false;
            String modifier = ch == EOF ? "" : Character.toString(ch);
            if (ch == ':') {
                nullIsUnset = true;
                ch = next();
                modifier += ch == EOF ? "" : Character.toString(ch);
            } else if ("+-?#%".indexOf(ch) < 0 || ch == EOF) {
                if (ch == EOF) {
                    throw new ExpansionException("syntax error: missing '}'");
                }
                throw new ExpansionException("unsupported modifier (" + modifier + ") in substitution");
            }
            boolean patternOp = ch == '#' || ch == '%';
            if (nullIsUnset && patternOp) {
                throw new ExpansionException("unsupported modifier (" + modifier + ") in substitution");
            }
            String word = wordUntil('}', patternOp);
            String value = lookup(name);
            boolean unset = value == null || (nullIsUnset && value.isEmpty());
            switch (ch) {
                case '-':
                    return unset ? word : value;
                case '+':
                    return unset ? "" : word;
                case '?':
                    if (value == null) {
                        throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                    }
                    if (unset) {
                        throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                    }
                    return value;
                case '#':
                case '%':
                    return trim(ch, word, value == null ? "" : value);
                default:
                    throw new ExpansionException("unsupported modifier (" + modifier + ") in substitution");
            }
        }

        private String wordUntil(int stop, boolean raw) {
            try {
                return until(stop, raw, new Words());
            } catch (ExpansionException e) {
                if (peek() == EOF) {
                    throw new ExpansionException("syntax error: missing '" + Character.toString(stop) + "'");
                }
                throw e;
            }
        }

        private String trim(int op, String word, String value) {
            boolean greedy = !word.isEmpty() && word.charAt(0) == op;
            String glob = greedy ? word.substring(1) : word;
            if (op == '#') {
                Matcher m = ShellPattern.compile(glob, greedy, true).matcher(value);
                return m.find() ? value.substring(m.end()) : value;
            }
            String reversed = ShellPattern.reverseText(value);
            Matcher m = ShellPattern.compile(ShellPattern.reverse(glob), greedy, true).matcher(reversed);
            return ShellPattern.reverseText(m.find() ? reversed.substring(m.end()) : reversed);
        }

        private String replace(String name) {
            boolean all = peek() == '/';
            if (all) {
                next();
            }
            String pattern = wordUntil('/', true);
            String substitute = wordUntil('}', true);
            String value = lookup(name);
            if (value == null) {
                value = "";
            }
            Pattern re = ShellPattern.compile(pattern, true, false);
            Matcher m = re.matcher(value);
            String literal = Matcher.quoteReplacement(substitute);
            return all ? m.replaceAll(literal) : m.replaceFirst(literal);
        }

        /** A name: letters, digits and _; or all the digits of a positional parameter; or one special parameter. */
        private String name() {
            StringBuilder name = new StringBuilder();
            while (peek() != EOF) {
                int ch = peek();
                if (name.length() == 0 && Character.isDigit(ch)) {
                    while (peek() != EOF && Character.isDigit(peek())) {
                        name.appendCodePoint(next());
                    }
                    return name.toString();
                }
                if (name.length() == 0 && "@*#?-$!0".indexOf(ch) >= 0) {
                    return Character.toString(next());
                }
                if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
                    break;
                }
                name.appendCodePoint(next());
            }
            return name.toString();
        }
    }
}
