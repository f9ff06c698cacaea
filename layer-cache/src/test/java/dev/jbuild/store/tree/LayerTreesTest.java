package dev.jbuild.store.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.fs.Posix;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.layer.Layer;
import dev.jbuild.store.layer.LayerBlobs;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extracted layers in the store: once per chain ID, verified against the diff ID, collected when unused. */
class LayerTreesTest {
    @TempDir
    Path tmp;

    private Layer layerOf(Store store, Path tree, Compression compression) throws IOException {
        return LayerBlobs.storeTar(store.blobs(), compression, out -> new TreeWriter(OptionalLong.empty()).write(tree, out));
    }

    private Path tree(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    @Test
    void theSameTreeHasOneDiffIdWhateverTheCompression() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Path t = tree("t");
        Files.writeString(t.resolve("hello"), "hello\n".repeat(1000));
        Layer gzip = layerOf(store, t, Compression.GZIP);
        Layer zstd = layerOf(store, t, Compression.ZSTD);
        Layer none = layerOf(store, t, Compression.NONE);
        assertEquals(gzip.diffId(), zstd.diffId());
        assertEquals(gzip.diffId(), none.diffId());
        assertEquals(gzip.diffId(), none.descriptor().digest(), "an uncompressed layer's digest is its diff ID");
        assertEquals("application/vnd.oci.image.layer.v1.tar+zstd", zstd.descriptor().mediaType());
        assertEquals("application/vnd.oci.image.layer.v1.tar", none.descriptor().mediaType());
        assertNotEquals(gzip.descriptor().digest(), zstd.descriptor().digest());
        for (Layer l : List.of(gzip, zstd, none)) {
            try (InputStream in = Compression.ofMediaType(l.descriptor().mediaType()).decompressing(store.blobs().open(l.descriptor().digest()))) {
                assertEquals(l.uncompressedSize(), in.transferTo(java.io.OutputStream.nullOutputStream()));
            }
        }
    }

    @Test
    void layersAreExtractedOncePerChainAndWhiteoutsBecomeOverlayWhiteouts() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Path base = tree("base");
        Files.createDirectories(base.resolve("etc"));
        Files.writeString(base.resolve("etc/motd"), "hi");
        Files.writeString(base.resolve("etc/old"), "old");
        Path top = tree("top");
        Files.createDirectories(top.resolve("etc"));
        Posix.mknod(top.resolve("etc/old"), dev.jbuild.store.fs.FileInfo.S_IFCHR, 0, 0, 0);
        Layer l1 = layerOf(store, base, Compression.GZIP);
        Layer l2 = layerOf(store, top, Compression.ZSTD);
        List<Descriptor> layers = List.of(l1.descriptor(), l2.descriptor());
        List<Digest> diffIds = List.of(l1.diffId(), l2.diffId());

        List<Path> trees = store.layerTrees().extract(layers, diffIds);

        List<Digest> chain = LayerTrees.chainIds(diffIds);
        assertEquals(l1.diffId(), chain.get(0), "the first chain ID is the first diff ID");
        assertEquals(List.of(store.root().resolve("layers").resolve(chain.get(0).hex()),
                store.root().resolve("layers").resolve(chain.get(1).hex())), trees);
        assertEquals("hi", Files.readString(trees.get(0).resolve("etc/motd")));
        assertTrue(Posix.lstat(trees.get(1).resolve("etc/old")).isOverlayWhiteout());

        Files.writeString(trees.get(0).resolve("marker"), "");
        assertEquals(trees, store.layerTrees().extract(layers, diffIds));
        assertTrue(Files.exists(trees.get(0).resolve("marker")), "an extracted layer is reused, not extracted again");
        try (var left = Files.list(store.root().resolve("tmp"))) {
            assertEquals(0, left.count());
        }

        Images images = new Images(store);
        ImageConfig config = new ImageConfig("2026-01-01T00:00:00Z", null, "amd64", "linux", null, ImageConfig.RunConfig.empty(),
                new ImageConfig.RootFs("layers", List.of(l1.diffId())), List.of());
        images.add(config, List.of(l1.descriptor()), Optional.empty());
        images.collectGarbage();
        assertTrue(Files.isDirectory(trees.get(0)), "the image's layer stays");
        assertFalse(Files.exists(trees.get(1)), "a tree no image uses is collected");
    }

    @Test
    void aBlobThatDoesNotMatchItsDiffIdIsRefusedAndNothingIsKept() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Path t = tree("t");
        Files.writeString(t.resolve("a"), "a");
        Layer l = layerOf(store, t, Compression.GZIP);
        Digest wrong = Digest.sha256("0".repeat(64));
        StoreException e = assertThrows(StoreException.class, () -> store.layerTrees().extract(List.of(l.descriptor()), List.of(wrong)));
        assertTrue(e.getMessage().contains("but the image's config expects"), e.getMessage());
        assertFalse(Files.exists(store.layerTrees().path(wrong)));
        try (var left = Files.list(store.root().resolve("tmp"))) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void aRememberedChainIsTakenOnlyIfItCanBeTheDiffIdsChain() {
        Digest first = Digest.sha256("1".repeat(64));
        Digest second = Digest.sha256("2".repeat(64));
        List<Digest> diffIds = List.of(first, second);
        List<Digest> hashed = LayerTrees.chainIds(diffIds);
        LayerTrees.remember(diffIds, List.of(first)); // one short
        LayerTrees.remember(diffIds, List.of(second, second)); // not starting with the first diffID
        assertEquals(hashed, LayerTrees.chainIds(diffIds));
        List<Digest> recorded = List.of(first, Digest.sha256("3".repeat(64)));
        LayerTrees.remember(diffIds, recorded);
        assertEquals(recorded, LayerTrees.chainIds(new java.util.ArrayList<>(diffIds)), "any list of the same diffIDs");
    }
}
