package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;

/** {@code CMD}: the default command or the default arguments of the ENTRYPOINT. */
public record Cmd(Command command, String original, SourceRange range) implements Instruction {
}
