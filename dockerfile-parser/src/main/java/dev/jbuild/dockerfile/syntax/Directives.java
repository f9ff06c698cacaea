package dev.jbuild.dockerfile.syntax;

import dev.jbuild.dockerfile.DockerfileException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser directives ({@code # syntax=}, {@code # escape=}, {@code # check=}). They count only in the
 * comment lines at the very top: the first line that is not one ends the section.
 */
public final class Directives {
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$");
    private static final Set<String> KNOWN = Set.of("syntax", "escape", "check");

    private final Set<String> seen = new HashSet<>();
    private boolean done;
    private char escape = '\\';
    private String syntax;
    private String check;

    public char escape() {
        return escape;
    }

    public Optional<String> syntax() {
        return Optional.ofNullable(syntax);
    }

    /** The {@code check} directive's value, e.g. {@code skip=JSONArgsRecommended;error=true}. */
    public Optional<String> check() {
        return Optional.ofNullable(check);
    }

    /** Looks at a left-trimmed line; records it when it is a directive still allowed here. */
    void consider(String line, int lineNumber) {
        if (done) {
            return;
        }
        Matcher m = DIRECTIVE.matcher(line);
        if (!m.matches()) {
            done = true;
            return;
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        if (!KNOWN.contains(name)) {
            done = true;
            return;
        }
        if (!seen.add(name)) {
            throw new DockerfileException(lineNumber, "only one " + name + " parser directive can be used");
        }
        String value = m.group(2);
        switch (name) {
            case "escape" -> {
                if (!value.equals("`") && !value.equals("\\")) {
                    throw new DockerfileException(lineNumber,
                            "invalid escape token '" + value + "' does not match ` or \\");
                }
                escape = value.charAt(0);
            }
            case "syntax" -> syntax = value;
            default -> check = value;
        }
    }
}
