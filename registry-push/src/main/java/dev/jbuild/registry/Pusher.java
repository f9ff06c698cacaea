package dev.jbuild.registry;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Parallel;
import dev.jbuild.store.Store;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.MediaTypes;
import java.io.IOException;
import java.io.PrintStream;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.outgoing.OutgoingImage;
import dev.jbuild.store.outgoing.OutgoingLayer;
import java.util.ArrayList;
import dev.jbuild.store.image.Images;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Pushes an image: a HEAD per blob, uploads of the missing ones in parallel, the manifest last (a
 * registry must never hold a manifest whose blobs it lacks).
 */
public final class Pusher {
    private final Store store;
    private final PrintStream out;
    private final RegistryAccess access;

    public Pusher(Store store, RegistryAccess access, PrintStream out) {
        this.store = store;
        this.access = access;
        this.out = out;
    }

    /**
     * For each blob, another repository of the destination's registry that should have it: one that
     * an image of the store holding it is named in. The registry says whether it really does.
     * Worked out once per push, from one reading of the store's images.
     */
    private Map<Digest, String> mountSources(ImageName destination) throws IOException {
        Map<Digest, String> sources = new HashMap<>();
        for (StoredImage other : new Images(store).list()) {
            other.names().stream()
                    .filter(n -> n.domain().equals(destination.domain()) && !n.path().equals(destination.path()))
                    .findFirst()
                    .ifPresent(n -> {
                        sources.putIfAbsent(other.id(), n.path());
                        other.manifest().layers().forEach(l -> sources.putIfAbsent(l.digest(), n.path()));
                    });
        }
        return sources;
    }

    /**
     * {@link #mountSources(ImageName)}, worked out when a blob is first found missing: a push of what
     * the registry already has reads none of the store's images.
     */
    private final class MountSources {
        private final ImageName destination;
        private Map<Digest, String> sources;

        MountSources(ImageName destination) {
            this.destination = destination;
        }

        synchronized Map<Digest, String> get() {
            if (sources == null) {
                try {
                    sources = mountSources(destination);
                } catch (IOException e) {
                    sources = Map.of(); // a hint only
                }
            }
            return sources;
        }
    }

    /** A repository of the destination's registry that this store pushed the blob to, or pulled it from. */
    private Optional<String> known(Digest blob, ImageName destination) {
        try {
            return store.locations().elsewhere(blob, destination.domain(), destination.path());
        } catch (IOException e) {
            return Optional.empty(); // a hint only
        }
    }

    /** Pushes with gzip as the compression of layers stored only as trees. */
    public Descriptor push(StoredImage image, ImageName destination) throws IOException {
        return push(image, destination, Compression.GZIP);
    }

    /**
     * Pushes the image; layers stored only as trees leave compressed as {@code compression} asks
     * (compressed on all cores, at most once: the digest is remembered, and a registry that has the
     * blob needs nothing more). Returns the descriptor of the manifest the registry now holds.
     */
    public Descriptor push(StoredImage image, ImageName destination, Compression compression) throws IOException {
        RegistryClient client = access.client(destination.domain()); // never a mirror
        String repository = destination.path();
        out.println("The push refers to repository [" + destination.familiarRepository() + "]");
        MountSources mountSources = new MountSources(destination);
        String mediaType = image.manifest().mediaType() != null ? image.manifest().mediaType() : MediaTypes.OCI_MANIFEST;
        try (OutgoingImage outgoing = new OutgoingImage(store, image, compression)) {
            if (outgoing.manifestKnown() && destination.tag() != null) {
                byte[] manifest = outgoing.manifest();
                Digest digest = Digest.of(manifest);
                if (client.manifestDigest(repository, destination.tag(), mediaType).filter(digest::equals).isPresent()) {
                    // The tag names this very manifest, and a registry holds a manifest only with all its blobs.
                    for (OutgoingLayer layer : outgoing.layers()) {
                        out.println(layer.descriptor().digest().shortId() + ": Layer already exists");
                    }
                    out.println(outgoing.config().digest().shortId() + ": Layer already exists");
                    out.println(destination.tag() + ": digest: " + digest + " size: " + manifest.length);
                    return Descriptor.of(mediaType, digest, manifest.length);
                }
            }
            List<Descriptor> sent = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Callable<String>> uploads = new ArrayList<>();
            for (OutgoingLayer layer : outgoing.layers()) {
                uploads.add(() -> send(client, repository, destination, layer.descriptor(), layer::file, mountSources, sent));
            }
            Descriptor config = outgoing.config();
            uploads.add(() -> send(client, repository, destination, config, () -> store.blobs().path(config.digest()), mountSources, sent));
            Parallel.run(uploads, Math.max(Puller.TRANSFERS, Runtime.getRuntime().availableProcessors()), out::println);
            byte[] manifest = outgoing.manifest();
            Digest digest = Digest.of(manifest);
            String tag = destination.tag() != null ? destination.tag() : digest.toString();
            client.putManifest(repository, tag, mediaType, manifest);
            for (Descriptor blob : sent) {
                store.locations().remember(blob.digest(), destination.domain(), repository);
            }
            out.println(tag + ": digest: " + digest + " size: " + manifest.length);
            return Descriptor.of(mediaType, digest, manifest.length);
        }
    }

    private String send(RegistryClient client, String repository, ImageName destination, Descriptor blob, RegistryClient.BlobFile file,
                        MountSources mountSources, List<Descriptor> sent) throws IOException {
        sent.add(blob);
        if (client.hasBlob(repository, blob.digest())) {
            return blob.digest().shortId() + ": Layer already exists";
        }
        Optional<String> from = Optional.ofNullable(mountSources.get().get(blob.digest())).or(() -> known(blob.digest(), destination));
        if (client.uploadBlob(repository, blob.digest(), file, from)) {
            return blob.digest().shortId() + ": Mounted from " + from.get();
        }
        return blob.digest().shortId() + ": Pushed";
    }
}
