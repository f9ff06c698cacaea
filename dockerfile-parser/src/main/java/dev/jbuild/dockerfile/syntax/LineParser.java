package dev.jbuild.dockerfile.syntax;

import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.Problem;
import dev.jbuild.dockerfile.SourceRange;
import dev.jbuild.dockerfile.shell.GoText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Dockerfile text into instruction nodes: parser directives, comments, line continuations
 * (with the file's escape character), heredoc bodies, and each instruction's source lines.
 */
public final class LineParser {
    private static final Set<String> HEREDOC_KEYWORDS = Set.of("run", "copy", "add");

    private final String[] lines;
    private final Directives directives = new Directives();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private int next; // index of the next unread line

    private LineParser(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] split = text.split("\n", -1);
        // A final newline does not start another line.
        int count = text.endsWith("\n") ? split.length - 1 : split.length;
        lines = new String[count];
        for (int i = 0; i < count; i++) {
            String l = split[i];
            lines[i] = l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
        }
    }

    /** Parses the whole text; throws only for what makes the file as a whole unusable. */
    public static SyntaxTree parse(String text) {
        LineParser parser = new LineParser(text);
        parser.run();
        if (parser.nodes.isEmpty() && parser.problems.stream().noneMatch(Problem::isError)) {
            throw new DockerfileException(0, "file with no instructions");
        }
        return new SyntaxTree(parser.directives, parser.nodes, parser.problems);
    }

    private boolean hasNext() {
        return next < lines.length;
    }

    /** Reads the next line, left-trimmed when asked, telling the directive reader about it. */
    private String read(boolean trimLeft) {
        String line = lines[next++];
        String trimmed = GoText.trimLeadingSpace(line);
        directives.consider(trimLeft ? trimmed : line, next);
        if (trimmed.startsWith("#")) {
            return "";
        }
        return trimLeft ? trimmed : line;
    }

    private static boolean isComment(String line) {
        return GoText.trimLeadingSpace(line).startsWith("#");
    }

    private void run() {
        while (hasNext()) {
            String first = read(true);
            int startLine = next;
            Continuation c = trimContinuation(first);
            if (!c.continues && c.text.isEmpty()) {
                continue;
            }
            StringBuilder joined = new StringBuilder(c.text);
            boolean emptyContinuation = false;
            while (c.continues && hasNext()) {
                String raw = lines[next];
                String line = read(false);
                if (isComment(raw)) {
                    continue;
                }
                if (GoText.trimLeadingSpace(line).isEmpty()) {
                    emptyContinuation = true;
                    continue;
                }
                c = trimContinuation(line);
                joined.append(c.text);
            }
            String instruction = joined.toString();
            if (emptyContinuation) {
                problems.add(Problem.warning(startLine, "empty continuation line in " + summary(instruction)
                        + " (a future Dockerfile syntax makes this an error)"));
            }
            try {
                Node node = nodeFromLine(instruction, new SourceRange(startLine, next));
                nodes.add(withHeredocBodies(node, instruction, startLine));
            } catch (Arguments.Invalid e) {
                problems.add(Problem.error(startLine, e.getMessage()));
            }
        }
    }

    private static String summary(String instruction) {
        String t = GoText.trimSpace(instruction);
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }

    private record Continuation(String text, boolean continues) {
    }

    /** A line continues when it ends in the escape character (plus blanks) not itself escaped. */
    private Continuation trimContinuation(String line) {
        char escape = directives.escape();
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end == 0 || line.charAt(end - 1) != escape) {
            return new Continuation(line, false);
        }
        if (end == 1) {
            return new Continuation("", true);
        }
        if (line.charAt(end - 2) == escape) {
            return new Continuation(line, false);
        }
        return new Continuation(line.substring(0, end - 1), true);
    }

    private Node nodeFromLine(String line, SourceRange range) {
        String trimmed = GoText.trimSpace(line);
        int split = 0;
        while (split < trimmed.length() && !GoText.isSeparator(trimmed.charAt(split))) {
            split++;
        }
        String keyword = trimmed.substring(0, split).toLowerCase(Locale.ROOT);
        List<String> flags = List.of();
        String rest = "";
        if (split < trimmed.length()) {
            FlagSplitter.Split s = FlagSplitter.split(trimmed.substring(split), directives.escape());
            flags = s.flags();
            rest = GoText.trimSpace(s.rest());
        }
        if (keyword.equals("onbuild")) {
            Optional<Node> inner = rest.isEmpty() ? Optional.empty() : Optional.of(nodeFromLine(rest, range));
            return new Node(keyword, line, flags, List.of(), false, inner, List.of(), range);
        }
        Arguments.Parsed parsed = Arguments.parse(keyword, rest, directives.escape());
        return new Node(keyword, line, flags, parsed.args(), parsed.json(), Optional.empty(), List.of(), range);
    }

    private static boolean canHaveHeredoc(Node node) {
        Node target = node.onbuild().orElse(node);
        return HEREDOC_KEYWORDS.contains(target.keyword()) && !target.json();
    }

    private Node withHeredocBodies(Node node, String line, int startLine) {
        if (!canHaveHeredoc(node) || !line.contains("<<")) {
            return node;
        }
        List<Heredoc> docs = new ArrayList<>();
        for (Heredoc doc : HeredocWords.find(line)) {
            StringBuilder body = new StringBuilder();
            boolean terminated = false;
            while (hasNext()) {
                String l = lines[next++];
                String candidate = doc.chomp() ? l.replaceFirst("^\t+", "") : l;
                if (candidate.equals(doc.name())) {
                    terminated = true;
                    break;
                }
                body.append(l).append('\n');
            }
            if (!terminated) {
                throw new Arguments.Invalid("unterminated heredoc " + doc.name()
                        + " (no line '" + doc.name() + "' before the end of the file)");
            }
            docs.add(doc.withContent(body.toString()));
        }
        return node.withHeredocs(docs, new SourceRange(startLine, next));
    }
}
