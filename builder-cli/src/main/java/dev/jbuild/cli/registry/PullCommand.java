package dev.jbuild.cli.registry;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.store.platform.Platform;
import dev.jbuild.registry.Puller;
import dev.jbuild.registry.RegistryAccess;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.cli.progress.CommandOutput;
import dev.jbuild.store.copy.BlobWords;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreLock;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild pull [--platform OS/ARCH] IMAGE}. */
@Command(name = "pull", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = {"Pull an image from a registry; for a multi-platform image, this machine's platform (or --platform),",
            "kept under its index as the registry has it, or every platform's (--all-platforms)."})
public final class PullCommand implements Callable<Integer> {

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "The platform to pull (default: this machine's).")
    String platform;

    @Option(names = {"-a", "--all-platforms"}, description = "Pull every platform's image of a multi-platform image.")
    boolean allPlatforms;

    @Option(names = {"-q", "--quiet"}, description = "Print only the image's full name once it is pulled.")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "NAME[:TAG|@DIGEST].")
    String image;

    @picocli.CommandLine.Mixin
    RegistryOptions registryOptions;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        Platform wanted = Platform.parseOrHost(platform);
        ImageName name = ImageNames.parse(image);
        RegistryAccess access = registryOptions.access();
        access.reachAhead(access.pullSources(name.domain()).get(0)); // the first place the pull asks
        Store store = jbuild.store();
        try (StoreLock lock = store.lockForWriting()) {
            CommandOutput output = CommandOutput.of(quiet, BlobWords.PULL);
            Puller puller = new Puller(store, access, output.lines(), output.progress());
            if (allPlatforms) {
                puller.pullAll(name);
            } else {
                puller.pull(name, wanted);
            }
        }
        if (quiet) {
            System.out.println(name); // as docker pull -q: the full name, registry and tag included
        }
        return 0;
    }
}
