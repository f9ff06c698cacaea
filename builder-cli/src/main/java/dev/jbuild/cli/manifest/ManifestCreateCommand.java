package dev.jbuild.cli.manifest;

import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.oci.Descriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild manifest create LIST [IMAGE...]}. */
@Command(name = "create", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Make a manifest list named LIST of the images given (from the store, else pulled); print its digest.")
public final class ManifestCreateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LIST", description = "The list's NAME[:TAG].")
    String name;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "IMAGE", description = "Images of one platform each.")
    List<String> imageReferences = new ArrayList<>();

    @picocli.CommandLine.Mixin
    RegistryOptions registryOptions;

    @ParentCommand
    ManifestCommand manifest;

    @Override
    public Integer call() throws IOException {
        Store store = manifest.jbuild.store();
        try (StoreLock lock = store.lockForWriting()) {
            ManifestLists lists = new ManifestLists(store);
            List<Descriptor> entries = new ArrayList<>();
            for (String reference : imageReferences) {
                entries = ManifestLists.with(entries, lists.entryFor(reference, registryOptions, Optional.empty()));
            }
            System.out.println(lists.create(name, entries, Map.of()).digest());
        }
        return 0;
    }
}
