package dev.jbuild.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jbuild completion bash}: a completion script generated from the command model. */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print a shell completion script.",
            "bash:  source <(jbuild completion bash)",
            "zsh:   autoload -U +X bashcompinit && bashcompinit && source <(jbuild completion zsh)"})
public final class CompletionCommand implements Runnable {

    @Parameters(index = "0", defaultValue = "bash", paramLabel = "SHELL",
            description = "bash or zsh (default: ${DEFAULT-VALUE}).")
    String shell;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new JbuildFailure("completion: unsupported shell \"" + shell + "\" (bash or zsh)");
        }
        System.out.print(AutoComplete.bash("jbuild", spec.root().commandLine()));
    }
}
