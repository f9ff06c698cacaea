package dev.jbuild.cli.imagebuild;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.container.ContainerContext;
import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.executor.imagebuild.BuildRequest;
import dev.jbuild.executor.imagebuild.Builder;
import dev.jbuild.registry.Puller;
import dev.jbuild.registry.TransferProgress;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.archive.HostPlatform;
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

    ImageBuild(Store store, RegistryOptions registryOptions, boolean alwaysPull) {
        this.store = store;
        this.registryOptions = registryOptions;
        this.alwaysPull = alwaysPull;
    }

    int run(BuildInputs inputs, BuildRequest request, boolean quiet, Path iidfile, BuildOutput output) throws IOException {
        ContainerContext ctx = ContainerContext.open(store);
        StoredImage image;
        try (StoreLock lock = store.lockForWriting()) {
            image = new Builder(store, ctx.containers(), ctx.runtime(), this::baseImage).build(request);
        } catch (DockerfileException e) {
            throw new JbuildFailure("build: " + e.describe(inputs.displayName()));
        }
        output.deliver(store, image, request.tags(), registryOptions, quiet ? System.err : System.out);
        if (!quiet) {
            System.out.println("--> " + image.id().shortId());
        }
        System.out.println(image.id()); // last, so scripts can take the last line
        if (iidfile != null) {
            Files.writeString(iidfile, image.id().toString());
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
            image = new Puller(store, registryOptions.access(), System.err, TransferProgress.plain(System.err))
                    .pull(ImageNames.parse(reference), "linux", HostPlatform.architecture());
        }
        pulled.put(reference, image);
        return image;
    }
}
