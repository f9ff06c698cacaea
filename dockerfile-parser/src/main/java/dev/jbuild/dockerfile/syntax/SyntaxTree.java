package dev.jbuild.dockerfile.syntax;

import dev.jbuild.dockerfile.Problem;
import java.util.List;

/**
 * A Dockerfile split into instruction nodes.
 *
 * @param problems errors of single instructions (their nodes are left out) and warnings; a file that
 *                 could not be read at all throws instead
 */
public record SyntaxTree(Directives directives, List<Node> nodes, List<Problem> problems) {

    public SyntaxTree {
        nodes = List.copyOf(nodes);
        problems = List.copyOf(problems);
    }
}
