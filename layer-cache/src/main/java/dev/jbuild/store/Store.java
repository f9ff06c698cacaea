package dev.jbuild.store;

import dev.jbuild.store.blob.BlobLocations;
import dev.jbuild.store.blob.BlobStore;
import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.fs.UserNamespace;
import dev.jbuild.store.layer.CompressedForms;
import dev.jbuild.store.layer.ManifestForms;
import dev.jbuild.store.tree.LayerTrees;
import dev.jbuild.store.image.ImageRefs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The store: one private directory laid out as an OCI image layout (oci-layout, index.json,
 * blobs/sha256) whose built layers live only as trees (layers/), plus jbuild's own tmp/ and lock
 * files. See shared/DESIGN.md, "On disk".
 */
public final class Store {
    private final Path root;
    private final TempFiles temp;
    private final BlobStore blobs;
    private final ImageRefs refs;
    private final LayerTrees layerTrees;
    private final BlobLocations locations;
    private final CompressedForms compressedForms;
    private final ManifestForms manifestForms;

    private Store(Path root) {
        this.root = root;
        this.temp = new TempFiles(root.resolve("tmp"));
        this.blobs = new BlobStore(root.resolve("blobs"), temp);
        this.refs = new ImageRefs(root.resolve("index.json"), root.resolve("index.lock"), temp);
        this.layerTrees = new LayerTrees(root.resolve("layers"), blobs, temp, UserNamespace.isRealRoot());
        this.locations = new BlobLocations(root.resolve("locations"));
        this.compressedForms = new CompressedForms(root.resolve("compressed"), temp);
        this.manifestForms = new ManifestForms(root.resolve("manifest-forms"), temp);
    }

    /**
     * The store for commands that only read it (images, inspect, history): nothing is created or cleaned
     * up, and a store that does not exist yet reads as empty. Writers open it with {@link #open}.
     */
    public static Store openForReading(Path root) {
        return new Store(root);
    }

    /**
     * Opens the store, creating the layout when it is new and removing what killed processes left in tmp/.
     * The store is private (0700, whatever the umask; an older store is tightened here): its layer trees
     * hold images' setuid programs and world-writable directories, owned by the caller, which no other
     * local user may run or write into.
     */
    public static Store open(Path root) {
        try {
            PrivateDirectory.ensure(root);
            Files.createDirectories(root.resolve("blobs").resolve("sha256"));
            Store store = new Store(root);
            store.temp.removeAbandoned();
            Path layout = root.resolve("oci-layout");
            if (!Files.exists(layout)) {
                Path tmp = store.temp.create("oci-layout");
                Files.writeString(tmp, "{\"imageLayoutVersion\":\"1.0.0\"}", StandardCharsets.UTF_8);
                store.temp.moveInto(tmp, layout);
            }
            store.refs.initialize();
            return store;
        } catch (IOException e) {
            throw new StoreException("cannot open the store at " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** Which registry repositories the store's blobs are known to be in. */
    public BlobLocations locations() {
        return locations;
    }

    /** The digests that layers stored only as trees had when they were last compressed. */
    public CompressedForms compressedForms() {
        return compressedForms;
    }

    /** What images' manifests became when their layers left compressed. */
    public ManifestForms manifestForms() {
        return manifestForms;
    }

    public BlobStore blobs() {
        return blobs;
    }

    public ImageRefs refs() {
        return refs;
    }

    /** Extracted layers (overlay lower dirs) by chain ID. */
    public LayerTrees layerTrees() {
        return layerTrees;
    }

    public TempFiles temp() {
        return temp;
    }

    /** Held while adding content (import, pull, build): many at once. */
    public StoreLock lockForWriting() throws IOException {
        return StoreLock.acquire(root.resolve("lock"), true);
    }

    /** Held while deleting unreferenced content: alone. */
    public StoreLock lockForCollecting() throws IOException {
        return StoreLock.acquire(root.resolve("lock"), false);
    }
}
