package dev.jbuild.store.place;

import dev.jbuild.store.Store;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.blob.BlobStore;
import dev.jbuild.store.copy.Blob;
import dev.jbuild.store.copy.BlobBytes;
import dev.jbuild.store.copy.ImageSink;
import dev.jbuild.store.copy.Outcome;
import dev.jbuild.store.copy.RawManifest;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.image.StoredIndex;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.ImageConfig;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.Manifest;
import dev.jbuild.store.fs.UserNamespace;
import dev.jbuild.store.unpack.LayerUnpack;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Images coming into the store (pull, load, copy). Blobs are written to tmp/ and renamed into place
 * only whole and checked; a layer is also checked at the door by the rules extraction enforces (or
 * extracted as it arrives, which is that check). An image gets its names only when every blob is in.
 */
public final class StoreSink implements ImageSink {
    private final Store store;
    private final Optional<ImageName> name;
    private final boolean register;
    private final boolean unpack;
    private final List<StoredImage> stored = new ArrayList<>();
    private final List<StoredImage> platformImages = new ArrayList<>();
    private final List<StoredIndex> indexes = new ArrayList<>();

    private StoreSink(Store store, Optional<ImageName> name, boolean register, boolean unpack) {
        this.store = store;
        this.name = name;
        this.register = register;
        this.unpack = unpack;
    }

    /** Images named as their source names them, or all under {@code name} when given. */
    public static StoreSink named(Store store, Optional<ImageName> name) {
        return new StoreSink(store, name, true, false);
    }

    /**
     * As {@link #named}, each layer also extracted into its tree as it arrives (a pull of an image to run
     * or build on, as docker's pull unpacks): see {@link LayerUnpack}.
     */
    public static StoreSink unpacking(Store store, Optional<ImageName> name) {
        return new StoreSink(store, name, true, UserNamespace.isRoot()); // only root (in jbuild's namespace) may give files their owners
    }

    /** Images kept without a name (build cache entries): nothing shows them in {@code images}. */
    public static StoreSink unnamed(Store store) {
        return new StoreSink(store, Optional.empty(), false, false);
    }

    /** The images written, with their names; of an index, each platform's written, with the index's names. */
    public List<StoredImage> stored() {
        return stored;
    }

    /** The indexes written, with their names. */
    public List<StoredIndex> indexes() {
        return indexes;
    }

    @Override
    public boolean holdsIndexes() {
        return register; // a cache entry is one platform's image
    }

    @Override
    public boolean keepsPartialIndexes() {
        return register;
    }

    @Override
    public boolean holds(RawManifest manifest, List<ImageName> names) throws IOException {
        List<ImageName> wanted = names(names);
        if (!register || wanted.isEmpty() || !store.blobs().contains(manifest.digest())) {
            return false;
        }
        Images images = new Images(store);
        for (ImageName n : wanted) {
            Optional<StoredImage> there = images.find(n.toString());
            if (there.isEmpty() || !there.get().manifestDigest().equals(manifest.digest())) {
                return false;
            }
        }
        stored.add(image(manifest, wanted));
        return true;
    }

    /** Stored as a blob; or, an uncompressed layer, as the tree it was built as (its tar is that tree's). */
    @Override
    public Optional<Outcome> existing(Blob blob) {
        boolean tree = blob.isLayer() && blob.digest().equals(blob.diffId()) && store.layerTrees().hasTree(blob.chainId());
        return store.blobs().contains(blob.digest()) || tree ? Optional.of(Outcome.PRESENT) : Optional.empty();
    }

    @Override
    public void write(Blob blob, BlobBytes bytes) throws IOException {
        boolean filesystemLayer = blob.isLayer() && Compression.ofFilesystemLayer(blob.descriptor().mediaType()).isPresent(); // a statement is no tar
        try (BlobStore.BlobWriter w = store.blobs().writer()) {
            OutputStream blobFile = new LocalWrites(w.stream(), store.root());
            boolean extracted = false;
            if (unpack && filesystemLayer && blob.chainId() != null && !store.layerTrees().hasTree(blob.chainId())) {
                try (LayerUnpack tree = LayerUnpack.start(store.layerTrees(), blob)) {
                    bytes.writeTo(tree.tee(blobFile));
                    extracted = tree.finish(); // the extraction is the check
                }
            } else {
                bytes.writeTo(blobFile);
            }
            w.commit(blob.digest());
            if (extracted) {
                return;
            }
        }
        if (filesystemLayer) {
            try {
                LayerCheck.check(store.blobs(), blob);
            } catch (IOException | RuntimeException e) {
                store.blobs().delete(blob.digest());
                throw e;
            }
        }
    }

    @Override
    public void writeManifest(RawManifest manifest, boolean top, List<ImageName> names) throws IOException {
        store.blobs().put(manifest.bytes());
        if (!top) {
            if (!manifest.isIndex()) {
                platformImages.add(image(manifest, List.of()));
            }
            return;
        }
        List<ImageName> wanted = names(names);
        if (manifest.isIndex()) {
            StoredIndex index = new StoredIndex(manifest.digest(), manifest.mediaType(), manifest.bytes().length, manifest.index(), wanted);
            new Images(store).registerIndex(index);
            indexes.add(index);
            for (StoredImage platformImage : platformImages) {
                stored.add(new StoredImage(platformImage.manifestDigest(), platformImage.manifest(), platformImage.config(), wanted));
            }
            platformImages.clear();
            return;
        }
        StoredImage image = image(manifest, wanted);
        if (register) {
            Images images = new Images(store);
            images.register(image, manifest.descriptor(), wanted.stream().findFirst());
            for (ImageName extra : wanted.subList(Math.min(1, wanted.size()), wanted.size())) {
                images.tag(image, extra);
            }
        }
        stored.add(image);
    }

    private List<ImageName> names(List<ImageName> fromSource) {
        return name.map(List::of).orElse(fromSource);
    }

    private StoredImage image(RawManifest raw, List<ImageName> names) throws IOException {
        if (raw.isIndex()) {
            throw new StoreException("an index cannot be stored as an image");
        }
        Manifest manifest = raw.manifest();
        ImageConfig config = Json.read(store.blobs().read(manifest.config().digest()), ImageConfig.class);
        return new StoredImage(raw.digest(), manifest, config, names);
    }
}
