package dev.jbuild.cli.registry;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.cli.progress.CommandOutput;
import dev.jbuild.registry.Pusher;
import dev.jbuild.registry.RegistryAccess;
import dev.jbuild.store.copy.BlobWords;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.place.StoreEntries;
import dev.jbuild.store.place.StoreSource;
import dev.jbuild.store.name.ImageName;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import dev.jbuild.store.layer.Compression;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild push IMAGE [DESTINATION]}. */
@Command(name = "push", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = {"Push an image to a registry: only the blobs the registry lacks are uploaded, the manifest last.",
            "DESTINATION defaults to IMAGE's own name: jbuild push app:1.0 reg.example/app:1.0"})
public final class PushCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "A name or ID in the store.")
    String image;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DESTINATION", description = "REGISTRY/REPOSITORY[:TAG].")
    String destination;

    @picocli.CommandLine.Option(names = "--compression-format", paramLabel = "gzip|zstd", defaultValue = "gzip",
            description = "How layers jbuild built are compressed on their way out (default: ${DEFAULT-VALUE});"
                    + " pulled layers keep theirs.")
    String compressionFormat;

    @picocli.CommandLine.Option(names = {"-q", "--quiet"}, description = "Print only the destination's full name once it is pushed.")
    boolean quiet;

    @picocli.CommandLine.Mixin
    RegistryOptions registryOptions;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        RegistryAccess access = registryOptions.access();
        ImageName named = destination != null ? ImageNames.parse(destination) : null;
        if (named != null) {
            access.reachAhead(named.domain());
        }
        Store store = jbuild.store();
        try (StoreLock lock = store.lockForWriting()) {
            StoreSource.Entry stored = StoreEntries.whole(new Images(store), image, names -> names);
            ImageName target = named != null ? named
                    : stored.names().stream().filter(n -> n.isNamedBy(image)).findFirst()
                            .orElseThrow(() -> new JbuildFailure("push: " + image + " has no name to push to; give a DESTINATION"));
            CommandOutput output = CommandOutput.of(quiet, BlobWords.PUSH);
            new Pusher(store, access, output.lines(), output.progress()).push(stored, target, Compression.named(compressionFormat));
            if (quiet) {
                System.out.println(target); // as docker push -q
            }
        }
        return 0;
    }
}
