package dev.jbuild.cli.container;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.executor.container.Container;
import dev.jbuild.executor.container.ContainerChanges;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild diff CONTAINER}: A (added), C (changed), D (deleted) lines, as docker diff. */
@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Show the files a container added (A), changed (C) or deleted (D).")
public final class DiffCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONTAINER")
    String container;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        ContainerContext ctx = ContainerContext.open(jbuild.store());
        Container c = ctx.containers().find(container);
        var image = ctx.imageOf(c);
        var lowers = ctx.store().layerTrees().extract(image.manifest().layers(), image.config().rootfs().diffIds());
        for (ContainerChanges.Change change : ContainerChanges.of(c.upper(), lowers)) {
            System.out.println(change.kind() + " " + change.path());
        }
        return 0;
    }
}
