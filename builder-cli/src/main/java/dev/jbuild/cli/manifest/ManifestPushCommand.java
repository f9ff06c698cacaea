package dev.jbuild.cli.manifest;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.cli.progress.TerminalProgress;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.registry.Pusher;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.copy.BlobWords;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredIndex;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.place.StoreSource;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild manifest push [--all] LIST DESTINATION}. */
@Command(name = "push", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Push a manifest list with every image it lists (a registry refuses a list whose images it lacks).")
public final class ManifestPushCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LIST", description = "The list's name.")
    String name;

    @Parameters(index = "1", paramLabel = "DESTINATION", description = "REGISTRY/REPOSITORY[:TAG].")
    String destination;

    @Option(names = "--all", description = "Push the listed images too: podman's flag, accepted; jbuild always does, since a"
            + " registry refuses a list whose images it lacks (only what it lacks is sent).")
    boolean all;

    @Option(names = "--compression-format", paramLabel = "gzip|zstd", defaultValue = "gzip",
            description = "How layers jbuild built are compressed on their way out (default: ${DEFAULT-VALUE}).")
    String compressionFormat;

    @picocli.CommandLine.Mixin
    RegistryOptions registryOptions;

    @ParentCommand
    ManifestCommand manifest;

    @Override
    public Integer call() throws IOException {
        Store store = manifest.jbuild.store();
        try (StoreLock lock = store.lockForWriting()) {
            StoredIndex list = new ManifestLists(store).list(name);
            if (new Images(store).platformImages(list).size() != list.platforms().size()) {
                throw new JbuildFailure("manifest push: " + name + " lists images the store lacks; pull them (jbuild pull --all-platforms)");
            }
            new Pusher(store, registryOptions.access(), System.out, TerminalProgress.forOutput(System.out, BlobWords.PUSH))
                    .push(new StoreSource.Entry(list, list.names()), ImageNames.parse(destination), Compression.named(compressionFormat));
        }
        return 0;
    }
}
