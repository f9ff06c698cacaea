package dev.jbuild.dockerfile.instruction;

import dev.jbuild.dockerfile.SourceRange;
import dev.jbuild.dockerfile.syntax.Heredoc;
import java.util.List;
import java.util.Optional;

/**
 * {@code ADD [--chown=] [--chmod=] [--link] [--checksum=] [--keep-git-dir] [--exclude=]... [--unpack]
 * SRC... DEST}: COPY plus URLs, git repositories and auto-extracted local archives.
 */
public record Add(List<String> sources, String destination, Optional<String> chown, Optional<String> chmod,
                  boolean link, Optional<String> checksum, boolean keepGitDir, List<String> excludes,
                  Optional<Boolean> unpack, List<Heredoc> heredocs, String original, SourceRange range)
        implements Instruction, Expandable<Add> {

    public Add {
        sources = List.copyOf(sources);
        excludes = List.copyOf(excludes);
        heredocs = List.copyOf(heredocs);
    }

    @Override
    public Add expand(Expander x) {
        return new Add(x.eachWord(sources), x.word(destination), chown.map(x::word), chmod.map(x::word), link,
                checksum.map(x::word), keepGitDir, x.eachWord(excludes), unpack, x.heredocs(heredocs), original, range);
    }
}
