package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;
import java.util.List;
import java.util.Optional;

/** {@code ARG name[=default] ...}. */
public record Arg(List<Declaration> declarations, String original, SourceRange range)
        implements Instruction, Expandable<Arg> {

    /** One declared build argument; the default is expanded when the ARG is reached. */
    public record Declaration(String name, Optional<String> defaultValue) {
    }

    public Arg {
        declarations = List.copyOf(declarations);
    }

    @Override
    public Arg expand(Expander x) {
        return new Arg(declarations.stream()
                .map(d -> new Declaration(d.name(), d.defaultValue().map(x::word))).toList(), original, range);
    }
}
