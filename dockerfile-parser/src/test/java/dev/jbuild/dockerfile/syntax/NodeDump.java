package dev.jbuild.dockerfile.syntax;

import java.util.stream.Collectors;

/** BuildKit's test dump of a parsed node: {@code (copy ["--from=x"] "a" "/b")}. */
final class NodeDump {
    private NodeDump() {
    }

    static String dump(Node node) {
        StringBuilder s = new StringBuilder("(").append(node.keyword());
        if (!node.flags().isEmpty()) {
            s.append(" [").append(node.flags().stream().map(GoQuote::quote).collect(Collectors.joining(" "))).append(']');
        }
        node.onbuild().ifPresent(inner -> s.append(' ').append(dump(inner)));
        for (String arg : node.args()) {
            s.append(' ').append(GoQuote.quote(arg));
        }
        return s.append(')').toString();
    }
}
