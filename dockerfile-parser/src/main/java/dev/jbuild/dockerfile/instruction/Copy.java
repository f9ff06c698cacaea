package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;
import dev.jbuild.dockerfile.syntax.Heredoc;
import java.util.List;
import java.util.Optional;

/** {@code COPY [--from=] [--chown=] [--chmod=] [--link] [--parents] [--exclude=]... SRC... DEST}. */
public record Copy(List<String> sources, String destination, Optional<String> from, Optional<String> chown,
                   Optional<String> chmod, boolean link, boolean parents, List<String> excludes,
                   List<Heredoc> heredocs, String original, SourceRange range)
        implements Instruction, Expandable<Copy> {

    public Copy {
        sources = List.copyOf(sources);
        excludes = List.copyOf(excludes);
        heredocs = List.copyOf(heredocs);
    }

    @Override
    public Copy expand(Expander x) {
        return new Copy(x.eachWord(sources), x.word(destination), from.map(x::word), chown.map(x::word),
                chmod.map(x::word), link, parents, x.eachWord(excludes), x.heredocs(heredocs), original, range);
    }
}
