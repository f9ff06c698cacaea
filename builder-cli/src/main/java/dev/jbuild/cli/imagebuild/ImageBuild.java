package dev.jbuild.cli.imagebuild;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.container.ContainerContext;
import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.executor.imagebuild.BuildRequest;
import dev.jbuild.executor.imagebuild.Builder;
import dev.jbuild.cli.progress.LineOutput;
import dev.jbuild.store.copy.BlobWords;
import dev.jbuild.executor.imagebuild.BuildProgress;
import dev.jbuild.registry.Puller;
import dev.jbuild.store.Store;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.cli.output.AtomicFile;
import java.io.PrintStream;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.oci.HostPlatform;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Runs a build against the store: base images from the store or pulled, the result named and printed. */
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

    /** Builds, delivers the outputs, prints the image ID (last line of standard output, or of standard error when an output took standard output). */
    int run(BuildInputs inputs, BuildRequest request, Path iidfile, Path metadataFile, BuildOutputs outputs) throws IOException {
        ContainerContext ctx = ContainerContext.open(store);
        StoredImage image;
        Optional<Descriptor> pushed;
        progress = request.progress();
        messages = new PrintStream(new LineOutput(progress::message), true);
        try {
            try (StoreLock lock = store.lockForWriting()) {
                image = new Builder(store, ctx.containers(), ctx.runtime(), this::baseImage).build(request);
            } catch (DockerfileException e) {
                throw new JbuildFailure("build: " + e.describe(inputs.displayName()));
            }
            pushed = outputs.deliver(store, image, registryOptions, messages, new BuildTransfers(progress, BlobWords.PUSH));
        } finally {
            progress.finish();
        }
        progress.message("--> " + image.id().shortId());
        (outputs.usesStdout() ? System.err : System.out).println(image.id()); // last, so scripts can take the last line
        if (iidfile != null) {
            Files.writeString(iidfile, image.id().toString());
        }
        if (metadataFile != null) {
            AtomicFile.write(metadataFile, out -> out.write(BuildMetadata.of(store, image, pushed, outputs.names())));
        }
        return 0;
    }

    /** Stages build in parallel: one pull per reference at a time. */
    private synchronized StoredImage baseImage(String reference) throws IOException {
        if (pulled.containsKey(reference)) {
            return pulled.get(reference);
        }
        Images images = new Images(store);
        Optional<StoredImage> local = alwaysPull ? Optional.empty() : images.find(reference);
        StoredImage image;
        if (local.isPresent()) {
            image = local.get();
        } else {
            image = new Puller(store, registryOptions.access(), messages, new BuildTransfers(progress, BlobWords.PULL))
                    .pull(ImageNames.parse(reference), "linux", HostPlatform.architecture());
        }
        pulled.put(reference, image);
        return image;
    }
}
