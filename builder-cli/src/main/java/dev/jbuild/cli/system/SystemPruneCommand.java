package dev.jbuild.cli.system;

import dev.jbuild.cli.image.PruneCommand;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild system prune [-a] [-f]}: dangling images (all unused with -a), and unreferenced blobs. */
@Command(name = "prune", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Remove dangling images (with -a, all images) and every blob nothing references.")
public final class SystemPruneCommand implements Callable<Integer> {

    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not only dangling ones.")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
    boolean force;

    @ParentCommand
    SystemCommand system;

    @Override
    public Integer call() throws IOException {
        String images = all ? "all images without at least one container associated to them" : "all dangling images";
        PruneCommand.prune(system.jbuild().store(), all, force, "WARNING! This will remove:\n  - " + images
                + "\n  - all blobs in the store that no image references");
        return 0;
    }
}
