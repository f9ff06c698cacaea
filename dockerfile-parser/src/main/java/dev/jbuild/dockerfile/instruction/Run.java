package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;
import dev.jbuild.dockerfile.syntax.Heredoc;
import java.util.List;
import java.util.Optional;

/**
 * {@code RUN [--mount=...]... [--network=...] [--security=...] COMMAND}.
 *
 * @param mounts the --mount specifications, unparsed ({@code type=cache,target=/root/.cache})
 */
public record Run(Command command, List<String> mounts, Optional<String> network, Optional<String> security,
                  List<Heredoc> heredocs, String original, SourceRange range)
        implements Instruction, Expandable<Run> {

    public Run {
        mounts = List.copyOf(mounts);
        heredocs = List.copyOf(heredocs);
    }

    @Override
    public Run expand(Expander x) {
        return new Run(command, x.eachWord(mounts), network, security, heredocs, original, range);
    }
}
