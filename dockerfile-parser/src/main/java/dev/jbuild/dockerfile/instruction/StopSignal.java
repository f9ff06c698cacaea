package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;

/** {@code STOPSIGNAL SIGTERM}. */
public record StopSignal(String signal, String original, SourceRange range)
        implements Instruction, Expandable<StopSignal> {

    @Override
    public StopSignal expand(Expander x) {
        return new StopSignal(x.word(signal), original, range);
    }
}
