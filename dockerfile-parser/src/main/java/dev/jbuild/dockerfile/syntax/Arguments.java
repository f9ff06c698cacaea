package dev.jbuild.dockerfile.syntax;

import dev.jbuild.dockerfile.shell.GoText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Splits the text after an instruction's flags into arguments, by the rules of each keyword. */
final class Arguments {
    private Arguments() {
    }

    /** Arguments plus whether they came from a JSON array. */
    record Parsed(List<String> args, boolean json) {
        static Parsed of(List<String> args) {
            return new Parsed(args, false);
        }

        static final Parsed NONE = new Parsed(List.of(), false);
    }

    /** A malformed argument list: the reason becomes the instruction's error. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    static Parsed parse(String keyword, String rest, char escape) {
        try {
            return switch (keyword) {
                case "run", "cmd", "entrypoint", "shell" -> maybeJson(rest);
                case "add", "copy", "volume" -> maybeJsonList(rest);
                case "from", "expose" -> whitespaceDelimited(rest);
                case "user", "workdir", "stopsignal", "maintainer" ->
                        rest.isEmpty() ? Parsed.NONE : Parsed.of(List.of(rest));
                case "arg" -> Parsed.of(ShellWords.split(rest, escape));
                case "env", "label" -> nameValues(keyword, rest, escape);
                case "healthcheck" -> healthcheck(rest);
                default -> Parsed.of(List.of(""));
            };
        } catch (JsonArray.NotStringArray e) {
            throw new Invalid(e.getMessage());
        }
    }

    private static Parsed maybeJson(String rest) {
        if (rest.isEmpty()) {
            return Parsed.NONE;
        }
        Optional<List<String>> json = JsonArray.parse(rest);
        return json.map(values -> new Parsed(values, true)).orElseGet(() -> Parsed.of(List.of(rest)));
    }

    private static Parsed maybeJsonList(String rest) {
        Optional<List<String>> json = JsonArray.parse(rest);
        return json.map(values -> new Parsed(values, true)).orElseGet(() -> whitespaceDelimited(rest));
    }

    private static Parsed whitespaceDelimited(String rest) {
        return rest.isEmpty() ? Parsed.NONE : Parsed.of(GoText.splitOnSeparators(rest, 0));
    }

    /** ENV and LABEL: (name, value, "=") per {@code name=value} word, or legacy (name, value, ""). */
    private static Parsed nameValues(String keyword, String rest, char escape) {
        List<String> words = ShellWords.split(rest, escape);
        if (words.isEmpty()) {
            return Parsed.NONE;
        }
        List<String> out = new ArrayList<>();
        if (!words.get(0).contains("=")) {
            List<String> parts = GoText.splitOnSeparators(rest, 2);
            if (parts.size() < 2) {
                throw new Invalid(keyword.toUpperCase(java.util.Locale.ROOT) + " must have two arguments");
            }
            out.add(parts.get(0));
            out.add(parts.get(1));
            out.add("");
            return Parsed.of(out);
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw new Invalid("Syntax error - can't find = in \"" + word + "\". Must be of the form: name=value");
            }
            out.add(word.substring(0, eq));
            out.add(word.substring(eq + 1));
            out.add("=");
        }
        return Parsed.of(out);
    }

    /** HEALTHCHECK: its first word (CMD, NONE, ...), then the command as for CMD. */
    private static Parsed healthcheck(String rest) {
        int sep = 0;
        while (sep < rest.length() && !GoText.isSpace(rest.charAt(sep))) {
            sep++;
        }
        if (sep == 0) {
            return Parsed.NONE;
        }
        int next = sep;
        while (next < rest.length() && GoText.isSpace(rest.charAt(next))) {
            next++;
        }
        Parsed command = maybeJson(rest.substring(next));
        List<String> args = new ArrayList<>();
        args.add(rest.substring(0, sep));
        args.addAll(command.args());
        return new Parsed(args, command.json());
    }
}
