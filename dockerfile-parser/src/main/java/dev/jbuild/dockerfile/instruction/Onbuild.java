package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;

/**
 * {@code ONBUILD INSTRUCTION}: stored in the image config and run by builds that start FROM it.
 *
 * @param expression the trigger as it goes into the image config ({@code RUN echo hi})
 */
public record Onbuild(Instruction trigger, String expression, String original, SourceRange range)
        implements Instruction {
}
