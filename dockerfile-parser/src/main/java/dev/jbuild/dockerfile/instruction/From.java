package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;
import java.util.Optional;

/** {@code FROM [--platform=P] IMAGE [AS NAME]}. Expanded with the ARGs declared before the first FROM only. */
public record From(String image, Optional<String> stageName, Optional<String> platform, String original,
                   SourceRange range) implements Instruction, Expandable<From> {

    @Override
    public From expand(Expander x) {
        return new From(x.word(image), stageName, platform.map(x::word), original, range);
    }
}
