package dev.jbuild.store.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.blob.DigestingOutputStream;
import dev.jbuild.store.fs.Posix;
import dev.jbuild.store.layer.Layer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step's upper dir becomes its layer's only copy: renamed into layers/, its tar reproducible from it. */
class AdoptedLayerTest {
    @TempDir
    Path tmp;

    private Path upper(Store store) throws IOException {
        Path upper = store.temp().createDirectory("step");
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(upper.resolve("etc/greeting"), "hello\n");
        Files.createSymbolicLink(upper.resolve("etc/link"), Path.of("greeting"));
        return upper;
    }

    private static Digest tarDigest(Path tree) throws IOException {
        DigestingOutputStream out = new DigestingOutputStream(OutputStream.nullOutputStream());
        new TreeWriter(OptionalLong.empty()).write(tree, out);
        return out.digest();
    }

    @Test
    void theUpperDirIsRenamedIntoLayersAndItsTarWrittenAgainByteForByte() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Path upper = upper(store);
        Digest expected = tarDigest(upper);
        Digest parent = Digest.sha256("a".repeat(64));
        Layer layer = store.layerTrees().adopt(upper, List.of(parent), OptionalLong.empty());

        assertEquals(expected, layer.diffId());
        assertEquals(layer.diffId(), layer.descriptor().digest(), "an uncompressed layer's digest is its diffID");
        assertEquals("application/vnd.oci.image.layer.v1.tar", layer.descriptor().mediaType());
        assertFalse(Files.exists(upper), "moved, not copied");
        assertFalse(store.blobs().contains(layer.diffId()), "no blob: the tree is the one copy");
        Digest chain = LayerTrees.chainIds(List.of(parent, layer.diffId())).get(1);
        assertEquals("hello\n", Files.readString(store.layerTrees().path(chain).resolve("etc/greeting")));

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        store.layerTrees().writeTar(chain, layer.diffId(), again);
        assertEquals(layer.uncompressedSize(), again.size());
    }

    @Test
    void whatOverlayCopiedUpWithoutAChangeIsLeftOut() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Layer base = store.layerTrees().adopt(upper(store), List.of(), OptionalLong.empty());
        Path lower = store.layerTrees().path(base.diffId());
        Path upper = store.temp().createDirectory("step");
        Files.createDirectories(upper.resolve("etc"));
        Files.copy(lower.resolve("etc/greeting"), upper.resolve("etc/greeting"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        dev.jbuild.store.fs.Posix.setTime(upper.resolve("etc"), dev.jbuild.store.fs.Posix.lstat(lower.resolve("etc")).mtime());
        Files.createDirectories(upper.resolve("new"));
        Whiteouts.markOpaque(upper.resolve("new"), false);
        Files.writeString(upper.resolve("new/file"), "made\n");
        Layer step = store.layerTrees().adopt(upper, List.of(base.diffId()), OptionalLong.of(1));

        Path tree = store.layerTrees().path(LayerTrees.chainIds(List.of(base.diffId(), step.diffId())).get(1));
        assertFalse(Files.exists(tree.resolve("etc")), "an unchanged copy-up (and the directory it alone needed) is left out");
        assertEquals("made\n", Files.readString(tree.resolve("new/file")));
        assertFalse(Whiteouts.isOpaque(tree.resolve("new")), "nothing below to hide: no opaque mark");
    }

    @Test
    void sourceDateEpochClampsTheTreeItselfSoItsTarNeedsNoMemoryOfIt() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Path upper = upper(store);
        Layer layer = store.layerTrees().adopt(upper, List.of(), OptionalLong.of(1000));
        Path tree = store.layerTrees().path(layer.diffId());
        assertEquals(1000, Posix.lstat(tree.resolve("etc/greeting")).mtime());
        assertEquals(1000, Posix.lstat(tree.resolve("etc/link")).mtime(), "a link's own time");
        assertEquals(layer.diffId(), tarDigest(tree));
    }

    @Test
    void aTreeChangedAfterTheBuildIsRefusedNotSentUnderItsOldDigest() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Layer layer = store.layerTrees().adopt(upper(store), List.of(), OptionalLong.empty());
        Path tree = store.layerTrees().path(layer.diffId());
        Files.writeString(tree.resolve("etc/greeting"), "tampered\n");
        StoreException e = assertThrows(StoreException.class,
                () -> store.layerTrees().writeTar(layer.diffId(), layer.diffId(), OutputStream.nullOutputStream()));
        assertTrue(e.getMessage().contains("changed since it was built"), e.getMessage());
    }

    @Test
    void theSameLayerAdoptedTwiceKeepsTheFirstTree() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Layer first = store.layerTrees().adopt(upper(store), List.of(), OptionalLong.empty());
        Layer second = store.layerTrees().adopt(upper(store), List.of(), OptionalLong.empty());
        assertEquals(first, second);
        assertEquals(List.of(first.diffId()), store.layerTrees().list());
    }

    @Test
    void aLayerIsPresentAsABlobOrAsItsTree() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Layer layer = store.layerTrees().adopt(upper(store), List.of(), OptionalLong.empty());
        assertTrue(store.layerTrees().present(List.of(layer.descriptor()), List.of(layer.diffId())));
        store.layerTrees().delete(layer.diffId());
        assertFalse(store.layerTrees().present(List.of(layer.descriptor()), List.of(layer.diffId())),
                "neither blob nor tree: a cache entry on it is a miss");
    }
}
