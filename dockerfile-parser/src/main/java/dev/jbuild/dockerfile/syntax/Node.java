package dev.jbuild.dockerfile.syntax;

import dev.jbuild.dockerfile.SourceRange;
import java.util.List;
import java.util.Optional;

/**
 * One instruction as the line parser sees it: keyword, flags and arguments split by the rules of
 * its keyword, before variable expansion and before any validation.
 *
 * @param keyword   lower case ({@code run})
 * @param original  the joined instruction line as written (continuations removed)
 * @param flags     leading {@code --name=value} words, quotes removed
 * @param args      arguments; ENV and LABEL give (name, value, "=" or "") triples
 * @param json      the arguments came from a JSON array
 * @param onbuild   for ONBUILD, the instruction it wraps
 * @param heredocs  here-documents, in the order their bodies follow the line
 * @param range     the lines the instruction occupies
 */
public record Node(String keyword, String original, List<String> flags, List<String> args, boolean json,
                   Optional<Node> onbuild, List<Heredoc> heredocs, SourceRange range) {

    public Node {
        flags = List.copyOf(flags);
        args = List.copyOf(args);
        heredocs = List.copyOf(heredocs);
    }

    /** The keyword as the user wrote it is not kept; messages use upper case. */
    public String instructionName() {
        return keyword.toUpperCase(java.util.Locale.ROOT);
    }

    public int line() {
        return range.startLine();
    }

    Node withHeredocs(List<Heredoc> docs, SourceRange newRange) {
        return new Node(keyword, original, flags, args, json, onbuild, docs, newRange);
    }
}
