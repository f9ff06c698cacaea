package dev.jbuild.cli.system;

import dev.jbuild.cli.JbuildCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild system}: df, prune and info. */
@Command(name = "system", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Store-wide commands (system df, system prune) and what jbuild detected (system info).",
        subcommands = {DiskUsageCommand.class, SystemPruneCommand.class, InfoCommand.class})
public final class SystemCommand {
    @ParentCommand
    JbuildCommand jbuild;

    JbuildCommand jbuild() {
        return jbuild;
    }
}
