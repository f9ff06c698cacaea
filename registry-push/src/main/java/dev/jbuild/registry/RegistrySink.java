package dev.jbuild.registry;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.copy.Blob;
import dev.jbuild.store.copy.BlobBytes;
import dev.jbuild.store.copy.EarlyWrite;
import dev.jbuild.store.copy.ImageSink;
import dev.jbuild.store.copy.Outcome;
import dev.jbuild.store.copy.RawManifest;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.name.ImageName;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A repository of a registry as a destination: a HEAD per blob, a cross-repository mount where
 * another repository of the registry should have it, an upload otherwise; manifests by digest, the
 * image's own last under its tag. Layers that arrive uncompressed are sent gzip-compressed, streamed
 * into the registry as they are compressed.
 */
public final class RegistrySink implements ImageSink {
    private final RegistryClient client;
    private final ImageName destination;
    private final String repository;
    private final Store store;
    private final List<Digest> sent = Collections.synchronizedList(new ArrayList<>());
    private Map<Digest, String> mountSources;

    /** {@code store}: where to look for other repositories of the registry that hold a blob. */
    public RegistrySink(RegistryClient client, ImageName destination, Store store) {
        this.client = client;
        this.destination = destination;
        this.repository = destination.path();
        this.store = store;
    }

    @Override
    public Compression layerCompression() {
        return Compression.GZIP;
    }

    /** The tag already names this very manifest (so the registry has every blob of it). */
    @Override
    public boolean holds(RawManifest manifest, List<ImageName> names) throws IOException {
        if (destination.tag() == null) {
            return false;
        }
        Optional<Digest> tagged = client.manifestDigest(repository, destination.tag(), manifest.mediaType());
        return tagged.isPresent() && tagged.get().equals(manifest.digest());
    }

    @Override
    public Optional<Outcome> existing(Blob blob) throws IOException {
        if (client.hasBlob(repository, blob.digest())) {
            sent.add(blob.digest());
            return Optional.of(Outcome.PRESENT);
        }
        Optional<String> from = Optional.ofNullable(mountSources().get(blob.digest())).or(() -> known(blob.digest()));
        if (from.isPresent() && client.mountBlob(repository, blob.digest(), from.get())) {
            sent.add(blob.digest());
            return Optional.of(Outcome.mounted(from.get()));
        }
        return Optional.empty();
    }

    @Override
    public Optional<EarlyWrite> writeAsMade(InputStream bytes) {
        return Optional.of(StreamedUpload.start(client, repository, bytes, sent::add));
    }

    @Override
    public void write(Blob blob, BlobBytes bytes) throws IOException {
        client.uploadBlob(repository, blob.digest(), bytes.file(), bytes::sent);
        sent.add(blob.digest());
    }

    @Override
    public void writeManifest(RawManifest manifest, boolean top, List<ImageName> names) throws IOException {
        String reference = top && destination.tag() != null ? destination.tag() : manifest.digest().toString();
        client.putManifest(repository, reference, manifest.mediaType(), manifest.bytes());
        if (top) {
            for (Digest blob : sent) {
                store.locations().remember(blob, destination.domain(), repository);
            }
        }
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

    /** A repository of the destination's registry that this store pushed the blob to. */
    private Optional<String> known(Digest blob) {
        try {
            return store.locations().elsewhere(blob, destination.domain(), repository);
        } catch (IOException e) {
            return Optional.empty(); // a hint only
        }
    }
}
