package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;

/** {@code WORKDIR path}. */
public record Workdir(String path, String original, SourceRange range)
        implements Instruction, Expandable<Workdir> {

    @Override
    public Workdir expand(Expander x) {
        return new Workdir(x.word(path), original, range);
    }
}
