package dev.jbuild.store.place;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.copy.ImageSource;
import dev.jbuild.store.copy.RawManifest;
import dev.jbuild.store.copy.SourceImage;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.image.StoredIndex;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.MediaTypes;
import dev.jbuild.store.tree.LayerTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Images of the store on their way out. A layer the store keeps only as a tree (a built one) leaves
 * as the tar its tree reproduces byte for byte; what it compressed to before is remembered in the
 * store, so a second push compresses nothing.
 */
public final class StoreSource implements ImageSource {
    private final Store store;
    private final List<SourceImage> images = new ArrayList<>();
    private final Map<Digest, Digest> treeChainIds = new HashMap<>();

    /** One image, or one multi-platform image (index), under the names given (those asked for, or all it has). */
    public record Entry(StoredImage image, StoredIndex index, List<ImageName> names) {
        public Entry(StoredImage image, List<ImageName> names) {
            this(image, null, names);
        }

        public Entry(StoredIndex index, List<ImageName> names) {
            this(null, index, names);
        }

        /** The platforms' images it is, those of an index that the store has. */
        public List<StoredImage> platformImages(Store store) throws IOException {
            return index != null ? new Images(store).platformImages(index) : List.of(image);
        }
    }

    public StoreSource(Store store, List<Entry> entries) throws IOException {
        this.store = store;
        for (Entry e : entries) {
            if (e.index() != null) {
                StoredIndex index = e.index();
                images.add(new SourceImage(new RawManifest(index.mediaType(), store.blobs().read(index.digest()), index.digest()),
                        e.names()));
                for (StoredImage image : new Images(store).platformImages(index)) {
                    rememberTrees(image);
                }
                continue;
            }
            StoredImage image = e.image();
            String type = image.manifest().mediaType() != null ? image.manifest().mediaType() : MediaTypes.OCI_MANIFEST;
            images.add(new SourceImage(new RawManifest(type, store.blobs().read(image.manifestDigest()), image.manifestDigest()),
                    e.names()));
            rememberTrees(image);
        }
    }

    /**
     * The layers of an image still being built (its diffIDs): blobs of the store, or trees, for a copy of
     * the layers alone ({@link dev.jbuild.store.copy.ImageCopy#copyLayers}); it names no image.
     */
    public static StoreSource ofLayers(Store store, List<Digest> diffIds) throws IOException {
        StoreSource source = new StoreSource(store, List.of());
        source.rememberTrees(diffIds);
        return source;
    }

    /** Where each of the image's layers kept only as a tree is. */
    private void rememberTrees(StoredImage image) {
        rememberTrees(image.config().rootfs().diffIds());
    }

    private void rememberTrees(List<Digest> diffIds) {
        List<Digest> chain = LayerTrees.chainIds(diffIds);
        for (int i = 0; i < diffIds.size(); i++) {
            treeChainIds.put(diffIds.get(i), chain.get(i));
        }
    }

    public static StoreSource of(Store store, StoredImage image, List<ImageName> names) throws IOException {
        return new StoreSource(store, List.of(new Entry(image, names)));
    }

    @Override
    public String describe() {
        return "the store";
    }

    @Override
    public List<SourceImage> images() {
        return images;
    }

    @Override
    public RawManifest manifest(Descriptor entry) throws IOException {
        return RawManifest.of(entry.mediaType(), store.blobs().read(entry.digest())).knowing(entry.digest());
    }

    @Override
    public void writeBlob(Descriptor blob, OutputStream out) throws IOException {
        if (store.blobs().contains(blob.digest())) {
            try (InputStream in = store.blobs().open(blob.digest())) {
                in.transferTo(out);
            }
            return;
        }
        Digest chainId = treeChainIds.get(blob.digest());
        if (chainId == null) {
            throw new StoreException("blob " + blob.digest() + " is missing from the store (jbuild system df shows"
                    + " damage; pull or build the image again)");
        }
        store.layerTrees().writeTar(chainId, blob.digest(), out);
    }

    @Override
    public boolean has(Descriptor blob) {
        return store.blobs().contains(blob.digest());
    }

    @Override
    public Optional<Path> file(Descriptor blob) {
        return store.blobs().contains(blob.digest()) ? Optional.of(store.blobs().path(blob.digest())) : Optional.empty();
    }

    @Override
    public Optional<Descriptor> compressedForm(Digest diffId, Compression compression) throws IOException {
        return store.compressedForms().get(diffId, compression);
    }

    @Override
    public void rememberCompressedForm(Digest diffId, Descriptor blob) throws IOException {
        store.compressedForms().remember(diffId, blob);
    }

    @Override
    public boolean verifiedAtRest() {
        return true;
    }

    @Override
    public RawManifest recall(Digest original, RawManifest rewritten) throws IOException {
        Optional<Digest> digest = store.manifestForms().digestOf(original, rewritten.bytes());
        return digest.isPresent() ? rewritten.knowing(digest.get()) : rewritten;
    }

    @Override
    public void rememberRewritten(Digest original, RawManifest rewritten) throws IOException {
        store.manifestForms().remember(original, rewritten.digest(), rewritten.bytes());
    }
}
