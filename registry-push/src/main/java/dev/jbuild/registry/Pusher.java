package dev.jbuild.registry;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Parallel;
import dev.jbuild.store.Store;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.MediaTypes;
import dev.jbuild.store.outgoing.OutgoingImage;
import dev.jbuild.store.outgoing.OutgoingLayer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Pushes an image: a HEAD per blob, uploads of the missing ones in parallel (layers stored only as
 * trees compressed on the way), the manifest last (a registry must never hold a manifest whose blobs
 * it lacks). When the tag already names the very manifest, one HEAD of it is the whole push.
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
        out.println("The push refers to repository [" + destination.familiarRepository() + "]");
        String mediaType = image.manifest().mediaType() != null ? image.manifest().mediaType() : MediaTypes.OCI_MANIFEST;
        Push push = new Push(access.client(destination.domain()), destination, mediaType); // never a mirror
        try (OutgoingImage outgoing = new OutgoingImage(store, image, compression)) {
            Optional<Descriptor> there = push.alreadyThere(outgoing);
            return there.isPresent() ? there.get() : push.everything(outgoing);
        }
    }

    /** One push's state: where to, which blobs went, where else in the registry they may be. */
    private final class Push {
        private final RegistryClient client;
        private final ImageName destination;
        private final String repository;
        private final String mediaType;
        private final List<Descriptor> sent = Collections.synchronizedList(new ArrayList<>());
        private Map<Digest, String> mountSources;

        Push(RegistryClient client, ImageName destination, String mediaType) {
            this.client = client;
            this.destination = destination;
            this.repository = destination.path();
            this.mediaType = mediaType;
        }

        /** The tag already names this very manifest (so the registry has every blob of it): nothing to send. */
        Optional<Descriptor> alreadyThere(OutgoingImage outgoing) throws IOException {
            if (destination.tag() == null || !outgoing.manifestKnown()) {
                return Optional.empty(); // working the manifest out would mean compressing, one layer after another
            }
            byte[] manifest = outgoing.manifest();
            Digest digest = Digest.of(manifest);
            if (client.manifestDigest(repository, destination.tag(), mediaType).filter(digest::equals).isEmpty()) {
                return Optional.empty();
            }
            for (OutgoingLayer layer : outgoing.layers()) {
                out.println(layer.descriptor().digest().shortId() + ": Layer already exists");
            }
            out.println(outgoing.config().digest().shortId() + ": Layer already exists");
            return Optional.of(done(destination.tag(), digest, manifest));
        }

        Descriptor everything(OutgoingImage outgoing) throws IOException {
            List<Callable<String>> uploads = new ArrayList<>();
            for (OutgoingLayer layer : outgoing.layers()) {
                uploads.add(() -> sendLayer(layer));
            }
            Descriptor config = outgoing.config();
            uploads.add(() -> sendConfig(config));
            Parallel.run(uploads, Math.max(Puller.TRANSFERS, Runtime.getRuntime().availableProcessors()), out::println);
            byte[] manifest = outgoing.manifest();
            Digest digest = Digest.of(manifest);
            String tag = destination.tag() != null ? destination.tag() : digest.toString();
            client.putManifest(repository, tag, mediaType, manifest);
            for (Descriptor blob : sent) {
                store.locations().remember(blob.digest(), destination.domain(), repository);
            }
            return done(tag, digest, manifest);
        }

        private Descriptor done(String tag, Digest digest, byte[] manifest) {
            out.println(tag + ": digest: " + digest + " size: " + manifest.length);
            return Descriptor.of(mediaType, digest, manifest.length);
        }

        /**
         * A layer: by the digest its last compression gave, when the registry has that blob or can
         * mount it; else its bytes, made now, under the digest they have now (a newer zlib may differ).
         */
        private String sendLayer(OutgoingLayer layer) throws IOException {
            Optional<String> there = already(layer.descriptor());
            if (there.isPresent()) {
                return there.get();
            }
            Path file = layer.file();
            return upload(layer.descriptor(), file);
        }

        /** "Layer already exists" or "Mounted from", when nothing has to be sent. */
        private Optional<String> already(Descriptor blob) throws IOException {
            if (client.hasBlob(repository, blob.digest())) {
                sent.add(blob);
                return Optional.of(blob.digest().shortId() + ": Layer already exists");
            }
            Optional<String> from = Optional.ofNullable(mountSources().get(blob.digest())).or(() -> known(blob.digest()));
            if (from.isPresent() && client.mountBlob(repository, blob.digest(), from.get())) {
                sent.add(blob);
                return Optional.of(blob.digest().shortId() + ": Mounted from " + from.get());
            }
            return Optional.empty();
        }

        private String sendConfig(Descriptor config) throws IOException {
            Optional<String> there = already(config);
            return there.isPresent() ? there.get() : upload(config, store.blobs().path(config.digest()));
        }

        private String upload(Descriptor blob, Path file) throws IOException {
            client.uploadBlob(repository, blob.digest(), file);
            sent.add(blob);
            return blob.digest().shortId() + ": Pushed";
        }

        /**
         * For each blob, another repository of the destination's registry that should have it: one
         * that an image of the store holding it is named in (the registry says whether it really does).
         * Worked out once, when a blob is first found missing, from one reading of the store's images.
         */
        private synchronized Map<Digest, String> mountSources() {
            if (mountSources == null) {
                mountSources = new HashMap<>();
                try {
                    for (StoredImage other : new Images(store).list()) {
                        other.names().stream()
                                .filter(n -> n.domain().equals(destination.domain()) && !n.path().equals(repository))
                                .findFirst()
                                .ifPresent(n -> {
                                    mountSources.putIfAbsent(other.id(), n.path());
                                    other.manifest().layers().forEach(l -> mountSources.putIfAbsent(l.digest(), n.path()));
                                });
                    }
                } catch (IOException e) {
                    // a hint only
                }
            }
            return mountSources;
        }

        /** A repository of the destination's registry that this store pushed the blob to, or pulled it from. */
        private Optional<String> known(Digest blob) {
            try {
                return store.locations().elsewhere(blob, destination.domain(), repository);
            } catch (IOException e) {
                return Optional.empty(); // a hint only
            }
        }
    }
}
