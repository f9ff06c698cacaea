package dev.jbuild.cli.manifest;

import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.image.StoredIndex;
import dev.jbuild.store.platform.Platform;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild manifest add LIST IMAGE}. */
@Command(name = "add", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = {"Add an image to a manifest list (in place of one of the same platform); print the list's digest.",
            "Of a multi-platform IMAGE, the platform --os/--arch/--variant name (default: this machine's)."})
public final class ManifestAddCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LIST", description = "The list's name.")
    String name;

    @Parameters(index = "1", paramLabel = "IMAGE", description = "The image: a name or ID in the store, else in a registry.")
    String image;

    @Mixin
    PlatformOptions platform;

    @Mixin
    RegistryOptions registryOptions;

    @ParentCommand
    ManifestCommand manifest;

    @Override
    public Integer call() throws IOException {
        Store store = manifest.jbuild.store();
        try (StoreLock lock = store.lockForWriting()) {
            ManifestLists lists = new ManifestLists(store);
            StoredIndex list = lists.list(name);
            Optional<Platform> wanted = platform.arch == null ? Optional.empty()
                    : Optional.of(new Platform(platform.os == null ? "linux" : platform.os, platform.arch, platform.variant));
            var entry = platform.apply(lists.entryFor(image, registryOptions, wanted));
            StoredIndex next = lists.replace(list, ManifestLists.with(list.index().manifests(), entry), list.index().annotations());
            System.out.println(next.digest());
        }
        return 0;
    }
}
