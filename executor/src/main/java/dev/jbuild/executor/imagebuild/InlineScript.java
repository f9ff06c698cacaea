package dev.jbuild.executor.imagebuild;

import dev.jbuild.dockerfile.syntax.Heredoc;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code RUN <<EOF} whose body starts with {@code #!}: BuildKit writes the body to a file mounted at
 * /dev/pipes/NAME (mode 0755) and has the shell run that path, so the kernel picks the interpreter.
 */
record InlineScript(String name, String content) {
    static final String DIRECTORY = "/dev/pipes/";

    /** The script of a RUN line that is nothing but one heredoc with a #! line, if it is one. */
    static Optional<InlineScript> of(String commandLine, List<Heredoc> heredocs) {
        if (!isHeredocOnly(commandLine, heredocs) || !heredocs.get(0).effectiveContent().startsWith("#!")) {
            return Optional.empty();
        }
        return Optional.of(new InlineScript(heredocs.get(0).name(), heredocs.get(0).effectiveContent()));
    }

    /** RUN <<EOF (or <<-EOF, <<"EOF"): the heredoc is the whole command. */
    static boolean isHeredocOnly(String commandLine, List<Heredoc> heredocs) {
        return heredocs.size() == 1
                && commandLine.trim().matches("<<-?[\"']?" + Pattern.quote(heredocs.get(0).name()) + "[\"']?");
    }

    /** Where the step sees it. */
    String path() {
        return DIRECTORY + name;
    }
}
