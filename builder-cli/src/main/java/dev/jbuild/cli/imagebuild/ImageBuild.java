package dev.jbuild.cli.imagebuild;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.container.ContainerContext;
import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.cli.multiplatform.PlatformBuilds;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.executor.imagebuild.BuildRequest;
import dev.jbuild.executor.imagebuild.Builder;
import dev.jbuild.cli.progress.LineOutput;
import dev.jbuild.store.copy.BlobWords;
import dev.jbuild.executor.imagebuild.BuildProgress;
import dev.jbuild.registry.Puller;
import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.cli.output.AtomicFile;
import dev.jbuild.store.place.StoreSource;
import dev.jbuild.store.platform.Platform;
import java.io.PrintStream;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.image.StoredIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a build against the store: base images from the store or pulled, the result (an image, or for
 * several platforms an index) named and printed.
 */
final class ImageBuild {
    private final Store store;
    private final RegistryOptions registryOptions;
    private final boolean alwaysPull;
    private final Map<String, StoredImage> pulled = new HashMap<>();
    /** Pulls and pushes speak in lines; during a build they are the progress view's messages. */
    private PrintStream messages = System.err;
    private BuildProgress progress = BuildProgress.QUIET;

    ImageBuild(Store store, RegistryOptions registryOptions, boolean alwaysPull) {
        this.store = store;
        this.registryOptions = registryOptions;
        this.alwaysPull = alwaysPull;
    }

    /**
     * Builds for each platform asked for, delivers the outputs, prints the image ID (the index's digest
     * for several platforms), last on standard output, or on standard error when an output took standard output.
     */
    int run(BuildInputs inputs, BuildRequest request, List<Platform> platforms, ManifestAnnotations annotations,
            Path iidfile, Path metadataFile, BuildOutputs outputs) throws IOException {
        ContainerContext ctx = ContainerContext.open(store);
        StoreSource.Entry built;
        Digest id;
        Optional<Descriptor> pushed;
        progress = request.progress();
        messages = new PrintStream(new LineOutput(progress::message), true);
        try {
            try (StoreLock lock = store.lockForWriting()) {
                if (platforms.size() == 1) {
                    StoredImage image = new Builder(store, ctx.containers(), ctx.runtime(), this::baseImage).build(request);
                    built = new StoreSource.Entry(image, image.names());
                    id = image.id();
                } else {
                    StoredIndex index = PlatformBuilds.build(store, request, platforms,
                            one -> new Builder(store, ctx.containers(), ctx.runtime(), this::baseImage).build(one),
                            annotations.perPlatform(platforms), annotations.index());
                    built = new StoreSource.Entry(index, index.names());
                    id = index.digest();
                }
            } catch (DockerfileException e) {
                throw new JbuildFailure("build: " + e.describe(inputs.displayName()));
            }
            pushed = outputs.deliver(store, built, registryOptions, messages, new BuildTransfers(progress, BlobWords.PUSH));
        } finally {
            progress.finish();
        }
        progress.message("--> " + id.shortId());
        (outputs.usesStdout() ? System.err : System.out).println(id); // last, so scripts can take the last line
        if (iidfile != null) {
            Files.writeString(iidfile, id.toString());
        }
        if (metadataFile != null) {
            AtomicFile.write(metadataFile, out -> out.write(BuildMetadata.of(store, built, pushed, outputs.names())));
        }
        return 0;
    }

    /** Stages build in parallel: one pull per reference and platform at a time. */
    private synchronized StoredImage baseImage(String reference, Platform platform) throws IOException {
        String key = reference + "\n" + platform;
        if (pulled.containsKey(key)) {
            return pulled.get(key);
        }
        Images images = new Images(store);
        Optional<StoredImage> local = alwaysPull ? Optional.empty() : images.find(reference, Optional.of(platform));
        StoredImage image;
        if (local.isPresent()) {
            image = local.get();
        } else {
            image = new Puller(store, registryOptions.access(), messages, new BuildTransfers(progress, BlobWords.PULL))
                    .pull(ImageNames.parse(reference), platform);
        }
        pulled.put(key, image);
        return image;
    }
}
