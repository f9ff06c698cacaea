package dev.jbuild.cli.imagebuild;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.container.ContainerContext;
import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.cli.multiplatform.PlatformBuilds;
import dev.jbuild.cli.pushahead.PushAhead;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.executor.imagebuild.BuildRequest;
import dev.jbuild.executor.imagebuild.Builder;
import dev.jbuild.executor.imagebuild.BuiltStage;
import dev.jbuild.executor.imagebuild.Materials;
import dev.jbuild.cli.progress.LineOutput;
import dev.jbuild.store.copy.BlobWords;
import dev.jbuild.store.copy.CopyProgress;
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
import java.util.ArrayList;
import dev.jbuild.cli.VersionProvider;
import dev.jbuild.cli.attest.AttestRequest;
import dev.jbuild.cli.attest.BuildAttestations;
import dev.jbuild.cli.attest.BuildFacts;
import dev.jbuild.cli.image.Clock;
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
    private final Map<String, StoredImage> pulled = new java.util.HashMap<>();
    private final Map<Platform, Builder> builders = new java.util.HashMap<>();
    private final Optional<String> contextUri;
    /** Pulls and pushes speak in lines; during a build they are the progress view's messages. */
    private PrintStream messages = System.err;
    private BuildProgress progress = BuildProgress.QUIET;

    /** @param contextUri a remote context's URL, for provenance */
    ImageBuild(Store store, RegistryOptions registryOptions, boolean alwaysPull, Optional<String> contextUri) {
        this.contextUri = contextUri;
        this.store = store;
        this.registryOptions = registryOptions;
        this.alwaysPull = alwaysPull;
    }

    /**
     * Builds for each platform asked for, delivers the outputs, prints the image ID (the index's digest
     * for several platforms), last on standard output, or on standard error when an output took standard output.
     */
    int run(BuildInputs inputs, BuildRequest request, List<Platform> platforms, ManifestAnnotations annotations,
            AttestRequest attest, Path iidfile, Path metadataFile, BuildOutputs outputs) throws IOException {
        String started = Clock.now();
        ContainerContext ctx = ContainerContext.open(store);
        StoreSource.Entry built;
        Digest id;
        Optional<Descriptor> pushed;
        progress = request.progress();
        messages = new PrintStream(new LineOutput(progress::message), true);
        // One platform's build sends its layers while it runs; the push after it sends what remains.
        Optional<PushAhead> ahead = platforms.size() == 1
                ? outputs.firstPushed().map(name -> PushAhead.to(store, registryOptions, name, progress, BuildTransfers.bytesOnly(progress)))
                : Optional.empty();
        CopyProgress transfers = BuildTransfers.told(progress, BlobWords.PUSH);
        try {
            try (StoreLock lock = store.lockForWriting()) {
                if (platforms.size() == 1) {
                    StoredImage image = builder(ctx, request.platform()).build(ahead.isEmpty() ? request
                            : request.withProgress(ahead.get().watching()));
                    if (ahead.isPresent()) {
                        ahead.get().send(image);
                        ahead.get().await(); // under the lock: it writes what layers compressed to into the store
                        transfers = ahead.get().reporting(transfers);
                    }
                    built = new StoreSource.Entry(image, image.names());
                    id = image.id();
                } else {
                    StoredIndex index = PlatformBuilds.build(store, request, platforms, one -> builder(ctx, one.platform()).build(one),
                            annotations.perPlatform(platforms), annotations.index());
                    built = new StoreSource.Entry(index, index.names());
                    id = index.digest();
                }
                if (attest.any()) {
                    StoredIndex attested = BuildAttestations.attach(store, built, attest, facts(inputs, request, started),
                            annotations.index(), request.created(), VersionProvider.version());
                    built = new StoreSource.Entry(attested, attested.names());
                    id = platforms.size() == 1 ? id : attested.digest(); // one platform's ID stays its image's, as docker shows it
                }
            } catch (DockerfileException e) {
                throw new JbuildFailure("build: " + e.describe(inputs.displayName()));
            }
            pushed = outputs.deliver(store, built, registryOptions, messages, transfers);
        } finally {
            if (ahead.isPresent()) {
                ahead.get().stop();
            }
            progress.finish();
        }
        progress.message("--> " + id.shortId());
        (outputs.usesStdout() ? System.err : System.out).println(id); // last, so scripts can take the last line
        if (iidfile != null) {
            Files.writeString(iidfile, id.toString());
        }
        if (metadataFile != null) {
            byte[] metadata = BuildMetadata.of(store, built, pushed, outputs.names());
            AtomicFile.write(metadataFile, out -> out.write(metadata));
        }
        return 0;
    }

    /** A builder for one platform's build; what it fetches is kept for provenance. */
    private Builder builder(ContainerContext ctx, Platform target) {
        Builder builder = new Builder(store, ctx.containers(), ctx.runtime(), this::baseImage);
        synchronized (builders) {
            builders.put(target, builder);
        }
        return builder;
    }

    /** What provenance records of this build: never a secret, whose values and sources are not among these. */
    private BuildFacts facts(BuildInputs inputs, BuildRequest request, String started) {
        Map<Platform, List<Materials.Material>> materials = new java.util.HashMap<>();
        List<BuiltStage> stages = new ArrayList<>();
        synchronized (builders) {
            for (Map.Entry<Platform, Builder> b : builders.entrySet()) {
                materials.put(b.getKey(), b.getValue().materials().list());
                stages.addAll(b.getValue().stages());
            }
        }
        String path = inputs.dockerfile().map(f -> inputs.contextDir().filter(c -> f.toAbsolutePath().startsWith(c.toAbsolutePath()))
                .map(c -> c.toAbsolutePath().relativize(f.toAbsolutePath()).toString()).orElse(f.getFileName().toString())).orElse("-");
        return new BuildFacts(started, Clock.now(), path, request.dockerfile(), request.target(), request.buildArgs(),
                contextUri, materials, stages, request.context());
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
            image = new Puller(store, registryOptions.access(), messages, BuildTransfers.told(progress, BlobWords.PULL))
                    .pull(ImageNames.parse(reference), platform);
        }
        pulled.put(key, image);
        return image;
    }
}
