package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;

/** {@code MAINTAINER name} (deprecated in favour of a LABEL). */
public record Maintainer(String name, String original, SourceRange range) implements Instruction {
}
