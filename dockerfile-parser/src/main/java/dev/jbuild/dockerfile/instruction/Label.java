package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;
import java.util.List;

/** {@code LABEL k=v ...}. */
public record Label(List<KeyValue> labels, String original, SourceRange range)
        implements Instruction, Expandable<Label> {

    public Label {
        labels = List.copyOf(labels);
    }

    @Override
    public Label expand(Expander x) {
        return new Label(labels.stream().map(kv -> new KeyValue(x.word(kv.key()), x.word(kv.value()))).toList(),
                original, range);
    }
}
