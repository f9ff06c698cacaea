package dev.jbuild.cli.container;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.image.Clock;
import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.executor.config.ConfigChanges;
import dev.jbuild.executor.container.Container;
import dev.jbuild.executor.container.ContainerCommit;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.oci.ImageConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild commit [-a AUTHOR] [-m MESSAGE] [-c CHANGE]... CONTAINER [REPOSITORY[:TAG]]}. */
@Command(name = "commit", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Make an image of a container: its writable layer becomes a new layer (deletions as whiteouts).")
public final class CommitCommand implements Callable<Integer> {

    @Option(names = {"-a", "--author"})
    String author;

    @Option(names = {"-m", "--message"})
    String message;

    @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION", description = "Apply a Dockerfile instruction (CMD, ENV, …) to the config.")
    List<String> changes = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]")
    String name;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        ContainerContext ctx = ContainerContext.open(jbuild.store());
        Container c = ctx.containers().find(container);
        StoredImage base = ctx.imageOf(c);
        ImageConfig.RunConfig runConfig = base.config().config() == null ? ImageConfig.RunConfig.empty() : base.config().config();
        for (String change : changes) {
            try {
                runConfig = ConfigChanges.apply(runConfig, change);
            } catch (IllegalArgumentException e) {
                throw new JbuildFailure("commit: " + e.getMessage());
            }
        }
        try (StoreLock lock = ctx.store().lockForWriting()) {
            StoredImage image = new ContainerCommit(ctx.store()).commit(c, base, runConfig, author, message, Clock.created(),
                    Optional.ofNullable(name).map(ImageNames::parse));
            System.out.println(image.id());
        }
        return 0;
    }
}
