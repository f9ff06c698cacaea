package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;

/** {@code ENTRYPOINT}. */
public record Entrypoint(Command command, String original, SourceRange range) implements Instruction {
}
