package dev.jbuild.cli.image;

import dev.jbuild.cli.JbuildCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild image}: the image management group, as in docker's {@code docker image prune}. */
@Command(name = "image", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Manage images (image prune).", subcommands = PruneCommand.class)
public final class ImageCommand {
    @ParentCommand
    JbuildCommand jbuild;

    JbuildCommand jbuild() {
        return jbuild;
    }
}
