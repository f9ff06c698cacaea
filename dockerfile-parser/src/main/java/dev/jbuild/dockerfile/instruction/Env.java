package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;
import java.util.List;

/** {@code ENV k=v ...} (or the legacy {@code ENV k v}). */
public record Env(List<KeyValue> variables, String original, SourceRange range)
        implements Instruction, Expandable<Env> {

    public Env {
        variables = List.copyOf(variables);
    }

    @Override
    public Env expand(Expander x) {
        return new Env(variables.stream().map(kv -> new KeyValue(kv.key(), x.word(kv.value()))).toList(),
                original, range);
    }
}
