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

    /** A repository of the destination's registry that this store pushed the blob to, or pulled it from. */
    private Optional<String> known(Digest blob, ImageName destination) {
        try {
            return store.locations().elsewhere(blob, destination.domain(), destination.path());
        } catch (IOException e) {
            return Optional.empty(); // a hint only
        }
    }

    public Digest push(StoredImage image, ImageName destination) throws IOException {
        RegistryClient client = access.client(destination.domain()); // never a mirror
        String repository = destination.path();
        out.println("The push refers to repository [" + destination.familiarRepository() + "]");
        List<Descriptor> blobs = new ArrayList<>(image.manifest().layers());
        blobs.add(image.manifest().config());
        Map<Digest, String> mountSources = mountSources(destination);
        List<Callable<String>> uploads = new ArrayList<>();
        for (Descriptor blob : blobs) {
            uploads.add(() -> {
                if (client.hasBlob(repository, blob.digest())) {
                    return blob.digest().shortId() + ": Layer already exists";
                }
                Optional<String> from = Optional.ofNullable(mountSources.get(blob.digest()))
                        .or(() -> known(blob.digest(), destination));
                if (client.uploadBlob(repository, blob.digest(), store.blobs().path(blob.digest()), from)) {
                    return blob.digest().shortId() + ": Mounted from " + from.get();
                }
                return blob.digest().shortId() + ": Pushed";
            });
        }
        Parallel.run(uploads, Puller.TRANSFERS, out::println);
        byte[] manifest = store.blobs().read(image.manifestDigest());
        String mediaType = image.manifest().mediaType() != null ? image.manifest().mediaType() : MediaTypes.OCI_MANIFEST;
        String tag = destination.tag() != null ? destination.tag() : image.manifestDigest().toString();
        client.putManifest(repository, tag, mediaType, manifest);
        for (Descriptor blob : blobs) {
            store.locations().remember(blob.digest(), destination.domain(), repository);
        }
        out.println(tag + ": digest: " + image.manifestDigest() + " size: " + manifest.length);
        return image.manifestDigest();
    }
}
