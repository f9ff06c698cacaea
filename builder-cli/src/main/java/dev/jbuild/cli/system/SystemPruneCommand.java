package dev.jbuild.cli.system;

import dev.jbuild.cli.image.PruneCommand;
import dev.jbuild.cli.container.ContainerContext;
import dev.jbuild.executor.container.Container;
import dev.jbuild.store.Store;
import dev.jbuild.store.cache.BuildCache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild system prune [-a] [-f]}: stopped containers, dangling images (all unused with -a), the build cache, unreferenced blobs. */
@Command(name = "prune", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Remove stopped containers, dangling images (with -a, all unused images), the build cache and every blob nothing references.")
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
        String warning = "WARNING! This will remove:\n  - all stopped containers\n  - " + images
                + "\n  - all build cache\n  - all blobs in the store that no image references";
        if (!force && !dev.jbuild.cli.output.Confirmation.ask(warning)) {
            return 0;
        }
        Store store = system.jbuild().store();
        ContainerContext ctx = ContainerContext.open(store);
        List<String> removed = new ArrayList<>();
        for (Container c : ctx.containers().list()) {
            var status = ctx.containers().statusIfPresent(c);
            if (status.isPresent() && !status.get().running()) {
                ctx.containers().remove(c);
                removed.add(c.id());
            }
        }
        if (!removed.isEmpty()) {
            System.out.println("Deleted Containers:");
            removed.forEach(System.out::println);
            System.out.println();
        }
        new BuildCache(store).clear();
        PruneCommand.prune(store, all, true, warning);
        return 0;
    }
}
