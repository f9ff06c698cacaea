package dev.jbuild.cli.image;

import dev.jbuild.cli.output.Confirmation;
import dev.jbuild.cli.output.HumanUnits;
import dev.jbuild.store.Store;
import dev.jbuild.cli.container.ContainerContext;
import dev.jbuild.store.image.Images;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild image prune [-a] [-f]}: remove dangling images (all unused ones with -a). */
@Command(name = "prune", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Remove dangling images (with -a, every image), then the blobs nothing uses any more.")
public final class PruneCommand implements Callable<Integer> {

    @Option(names = {"-a", "--all"}, description = "Remove all images, not only dangling ones.")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not ask for confirmation.")
    boolean force;

    @ParentCommand
    ImageCommand image;

    @Override
    public Integer call() throws IOException {
        String what = all ? "all images without at least one container associated to them" : "all dangling images";
        prune(image.jbuild().store(), all, force, "WARNING! This will remove " + what + ".");
        return 0;
    }

    /** Asks (unless forced), prunes, and prints docker's report: what was untagged and deleted, and the space reclaimed. */
    public static void prune(Store store, boolean all, boolean force, String warning) throws IOException {
        if (!force && !Confirmation.ask(warning)) {
            return;
        }
        Images.PruneReport report = ContainerContext.images(store).prune(all);
        if (!report.lines().isEmpty()) {
            System.out.println("Deleted Images:");
            report.lines().forEach(System.out::println);
            System.out.println();
        }
        System.out.println("Total reclaimed space: " + HumanUnits.size(report.garbage().bytesFreed()));
    }
}
