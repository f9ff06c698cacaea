package dev.jbuild.cli.manifest;

import dev.jbuild.store.Store;
import dev.jbuild.store.image.Images;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild manifest rm LIST...}. */
@Command(name = "rm", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Remove manifest lists; the images they list stay while they have names of their own.")
public final class ManifestRmCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "LIST", description = "Lists' names.")
    List<String> names;

    @ParentCommand
    ManifestCommand manifest;

    @Override
    public Integer call() throws IOException {
        Store store = manifest.jbuild.store();
        ManifestLists lists = new ManifestLists(store);
        for (String name : names) {
            lists.list(name); // a list, not an image of one platform
            new Images(store).remove(name, false).forEach(System.out::println);
        }
        return 0;
    }
}
