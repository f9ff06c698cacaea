package dev.jbuild.cli.manifest;

import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.registry.RegistrySource;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredIndex;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Json;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild manifest inspect LIST}. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Print a manifest list (or any manifest) as JSON: from the store, else from its registry.")
public final class ManifestInspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LIST", description = "A list in the store, or REGISTRY/NAME[:TAG|@DIGEST].")
    String name;

    @picocli.CommandLine.Mixin
    RegistryOptions registryOptions;

    @ParentCommand
    ManifestCommand manifest;

    @Override
    public Integer call() throws IOException {
        Optional<StoredIndex> local = new Images(manifest.jbuild.storeForReading()).findIndex(name);
        if (local.isPresent()) {
            System.out.println(Json.pretty(local.get().index()));
            return 0;
        }
        ImageName remote = ImageNames.parse(name);
        try (RegistrySource source = new RegistrySource(registryOptions.access().client(remote.domain()), remote, remote.domain())) {
            byte[] bytes = source.images().get(0).manifest().bytes();
            System.out.println(Json.pretty(Json.mapper().readValue(bytes, Object.class)));
        }
        return 0;
    }
}
