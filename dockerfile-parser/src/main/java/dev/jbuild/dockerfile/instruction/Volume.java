package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;
import java.util.List;

/** {@code VOLUME /a /b} or {@code VOLUME ["/a"]}. */
public record Volume(List<String> paths, String original, SourceRange range)
        implements Instruction, Expandable<Volume> {

    public Volume {
        paths = List.copyOf(paths);
    }

    @Override
    public Volume expand(Expander x) {
        return new Volume(x.eachWord(paths), original, range);
    }
}
