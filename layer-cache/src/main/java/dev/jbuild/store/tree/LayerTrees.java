package dev.jbuild.store.tree;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Parallel;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.blob.BlobStore;
import dev.jbuild.store.blob.DigestingInputStream;
import dev.jbuild.store.blob.DigestingOutputStream;
import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.layer.Layer;
import dev.jbuild.store.fs.Posix;
import dev.jbuild.store.oci.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The store's layers/: each layer extracted once, under its chain ID, as an overlay lower dir that
 * every image and container with that layer chain shares. Extraction goes to tmp/ and is renamed
 * into place, so a tree in layers/ is always whole.
 */
public final class LayerTrees {
    private final Path dir;
    private final BlobStore blobs;
    private final TempFiles temp;
    private final boolean realRoot;

    public LayerTrees(Path dir, BlobStore blobs, TempFiles temp, boolean realRoot) {
        this.dir = dir;
        this.blobs = blobs;
        this.temp = temp;
        this.realRoot = realRoot;
    }

    /**
     * Chain IDs this process knows without hashing, by the diffIDs they chain: what the store's index
     * entries record (see ImageSummary). A run needs no sha256 then, whose set-up (the security
     * providers, the JDK's byte-array views) costs a cold start ~20 ms.
     */
    private static final Map<List<Digest>, List<Digest>> KNOWN_CHAINS = new ConcurrentHashMap<>();

    /** Takes {@code chain} as the chain IDs of {@code diffIds}; ignored unless it can be them (one per layer, the first the first diffID). */
    public static void remember(List<Digest> diffIds, List<Digest> chain) {
        if (!diffIds.isEmpty() && chain.size() == diffIds.size() && chain.get(0).equals(diffIds.get(0))) {
            KNOWN_CHAINS.put(List.copyOf(diffIds), List.copyOf(chain));
        }
    }

    /** The OCI chain ID of each layer: the first layer's diffID, then sha256("parent diffID"). */
    public static List<Digest> chainIds(List<Digest> diffIds) {
        List<Digest> known = KNOWN_CHAINS.get(diffIds);
        if (known != null) {
            return known;
        }
        List<Digest> chain = new ArrayList<>();
        Digest parent = null;
        for (Digest diffId : diffIds) {
            parent = parent == null ? diffId : Digest.sha256(HexFormat.of().formatHex(
                    DigestingOutputStream.newSha256().digest((parent + " " + diffId).getBytes(StandardCharsets.US_ASCII))));
            chain.add(parent);
        }
        return chain;
    }

    public Path path(Digest chainId) {
        return dir.resolve(chainId.hex());
    }

    /** Whether the layer ending the chain {@code chainId} is here as an extracted (or built) tree. */
    public boolean hasTree(Digest chainId) {
        return Files.isDirectory(path(chainId));
    }

    /** Every layer is in the store: as a blob, or (a built layer) as its tree. */
    public boolean present(List<Descriptor> layers, List<Digest> diffIds) {
        List<Digest> chain = chainIds(diffIds);
        if (chain.size() != layers.size()) {
            return false;
        }
        for (int i = 0; i < layers.size(); i++) {
            if (!blobs.contains(layers.get(i).digest()) && !hasTree(chain.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The extracted trees of an image's layers, bottom first, extracting the missing ones (in
     * parallel: each layer's tree depends only on its own tar).
     */
    public List<Path> extract(List<Descriptor> layers, List<Digest> diffIds) throws IOException {
        if (layers.size() != diffIds.size()) {
            throw new StoreException("the image has " + layers.size() + " layers but " + diffIds.size() + " diff IDs");
        }
        List<Digest> chain = chainIds(diffIds);
        List<Path> trees = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            trees.add(path(chain.get(i)));
            if (!Files.isDirectory(trees.get(i))) {
                missing.add(i);
            }
        }
        if (missing.isEmpty()) {
            return trees;
        }
        Files.createDirectories(dir);
        List<java.util.concurrent.Callable<Void>> work = new ArrayList<>();
        for (int i : missing) {
            work.add(() -> {
                extractOne(layers.get(i), diffIds.get(i), trees.get(i));
                return null;
            });
        }
        Parallel.run(work, Runtime.getRuntime().availableProcessors(), done -> { });
        return trees;
    }

    private void extractOne(Descriptor layer, Digest diffId, Path target) throws IOException {
        if (!blobs.contains(layer.digest())) {
            throw new StoreException("layer " + layer.digest() + " is missing from the store (no blob, no tree): "
                    + "remove the image and pull or build it again");
        }
        try (InputStream blob = blobs.open(layer.digest())) {
            extract(Compression.ofMediaType(layer.mediaType()).decompressing(blob), diffId, target, "layer " + layer.digest().shortId());
        }
    }

    /**
     * Extracts a layer's tar (read to its end, then closed) as the tree of the chain {@code chainId}: kept only when the
     * tar is {@code diffId}'s, else nothing of it is. {@code source} names the layer in errors.
     */
    public void extract(InputStream tar, Digest diffId, Digest chainId, String source) throws IOException {
        Files.createDirectories(dir);
        extract(tar, diffId, path(chainId), source);
    }

    private void extract(InputStream in, Digest diffId, Path target, String source) throws IOException {
        Path tree = temp.createDirectory("layer");
        try {
            Digest actual;
            try (DigestingInputStream tar = new DigestingInputStream(in)) {
                new TreeExtractor(realRoot).extract(tar, tree, source);
                tar.transferTo(OutputStream.nullOutputStream()); // padding after the end blocks counts too
                actual = tar.digest();
            }
            if (!actual.equals(diffId)) {
                throw new StoreException(source + " has diffID " + actual + " but the image's config expects " + diffId);
            }
            install(tree, target);
        } finally {
            Trees.delete(tree);
        }
    }

    /**
     * Takes a step's overlay upper dir as the tree of a new layer on {@code parentDiffIds}: its
     * deterministic tar is hashed for the diffID (and size), and the dir itself is renamed into
     * layers/ - no copy, no compression; the tree is the layer's only copy and {@link #writeTar}
     * reproduces the tar from it. With {@code clampEpoch} (SOURCE_DATE_EPOCH) later mtimes are set to
     * it on disk first, so the tree alone says what the tar holds. What overlay copied up without a
     * change is left out ({@link CopyUps}).
     */
    public Layer adopt(Path upper, List<Digest> parentDiffIds, OptionalLong clampEpoch) throws IOException {
        if (clampEpoch.isPresent()) {
            clampTimes(upper, clampEpoch.getAsLong());
        }
        List<Path> lowers = new ArrayList<>();
        for (Digest chainId : chainIds(parentDiffIds)) {
            lowers.add(path(chainId));
        }
        new CopyUps(lowers, clampEpoch).prune(upper);
        DigestingOutputStream tar = new DigestingOutputStream(OutputStream.nullOutputStream());
        new TreeWriter(OptionalLong.empty()).write(upper, tar);
        Digest diffId = tar.digest();
        List<Digest> diffIds = new ArrayList<>(parentDiffIds);
        diffIds.add(diffId);
        Path target = path(chainIds(diffIds).get(diffIds.size() - 1));
        if (!Files.isDirectory(target)) {
            Files.createDirectories(dir);
            install(upper, target);
        }
        return new Layer(Descriptor.of(Compression.NONE.mediaType(), diffId, tar.size()), diffId, tar.size());
    }

    /**
     * Renames a whole tree into place (root 0755, as an image root is). Another process or thread
     * that put the same layer there first wins: its tree is the same.
     */
    private void install(Path tree, Path target) throws IOException {
        Posix.chmod(tree, 0755);
        try {
            temp.moveInto(tree, target);
        } catch (java.nio.file.FileSystemException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
        }
    }

    /** The layer's tar, written again from its tree and checked against its diffID on the way. */
    public void writeTar(Digest chainId, Digest diffId, OutputStream out) throws IOException {
        Path tree = path(chainId);
        if (!Files.isDirectory(tree)) {
            throw new StoreException("layer " + diffId + " is missing from the store (no blob, no tree "
                    + chainId.shortId() + "): remove the image and build it again");
        }
        DigestingOutputStream tar = new DigestingOutputStream(out);
        new TreeWriter(OptionalLong.empty()).write(tree, tar);
        if (!tar.digest().equals(diffId)) {
            throw new StoreException("layer tree " + tree + " changed since it was built: its tar is " + tar.digest()
                    + ", not " + diffId + "; remove the image and build it again");
        }
    }

    private static void clampTimes(Path root, long epoch) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (!p.equals(root) && Posix.lstat(p).mtime() > epoch) {
                    Posix.setTime(p, epoch);
                }
            }
        }
    }

    /** Chain IDs of every extracted tree. */
    public List<Digest> list() throws IOException {
        return Digest.namesIn(dir);
    }

    /** Removes one tree: renamed into tmp/ first, so no half-deleted tree is ever in layers/. */
    public void delete(Digest chainId) throws IOException {
        Path tree = path(chainId);
        if (!Files.exists(tree)) {
            return;
        }
        Path doomed = temp.createDirectory("deleted-layer");
        Files.delete(doomed);
        temp.moveInto(tree, doomed);
        Trees.delete(doomed);
    }

    public long size() throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
