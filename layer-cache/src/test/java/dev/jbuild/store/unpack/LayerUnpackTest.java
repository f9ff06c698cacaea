package dev.jbuild.store.unpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.copy.Blob;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.tar.TarEntry;
import dev.jbuild.store.tar.TarWriter;
import dev.jbuild.store.tree.LayerTrees;
import dev.jbuild.store.tree.UnsafeEntryException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A layer extracted while its bytes arrive: the tree only when whole and its diffID's, no thread left over. */
class LayerUnpackTest {
    @TempDir
    Path tmp;

    /** A gzip layer of {@code entries}, each file's content {@code size} random bytes; and its tar's diffID. */
    private record Gz(byte[] bytes, Digest diffId) {
        Blob blob(Digest diffId) {
            Descriptor d = Descriptor.of(Compression.GZIP.mediaType(), Digest.of(bytes), bytes.length);
            return new Blob(d, diffId, LayerTrees.chainIds(List.of(diffId)).get(0));
        }
    }

    private static Gz layer(int size, TarEntry... entries) throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        Random random = new Random(7);
        try (TarWriter w = new TarWriter(tar)) {
            for (TarEntry e : entries) {
                byte[] content = new byte[e.hasContent() ? size : 0];
                random.nextBytes(content);
                w.write(e, new ByteArrayInputStream(content));
            }
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar.toByteArray());
        }
        return new Gz(gz.toByteArray(), Digest.of(tar.toByteArray()));
    }

    /** Writes {@code bytes} through the tee in 64 KiB pieces, as a download does. */
    private static void arrive(OutputStream tee, byte[] bytes, int upTo) throws IOException {
        for (int at = 0; at < upTo; at += 1 << 16) {
            tee.write(bytes, at, Math.min(1 << 16, upTo - at));
        }
    }

    private static boolean unpackThreadsLeft() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("unpack "));
    }

    @Test
    void theTreeIsInPlaceWhenTheLastByteHasArrivedAndTheBlobGotEveryByte() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Gz gz = layer(3 << 20, TarEntry.directory("etc/", 0755, 0), TarEntry.file("etc/big", 0640, 3 << 20, 0),
                TarEntry.file("etc/small", 0600, 3 << 20, 0));
        Blob blob = gz.blob(gz.diffId());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (LayerUnpack unpack = LayerUnpack.start(store.layerTrees(), blob)) {
            arrive(unpack.tee(file), gz.bytes(), gz.bytes().length);
            assertTrue(unpack.finish());
        }
        assertArrayEquals(gz.bytes(), file.toByteArray());
        Path tree = store.layerTrees().path(blob.chainId());
        assertEquals(3 << 20, Files.size(tree.resolve("etc/big")));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(tree.resolve("etc/small"))));
        assertFalse(unpackThreadsLeft());
    }

    @Test
    void aTarThatIsNotItsDiffIdLeavesNoTree() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Gz gz = layer(1000, TarEntry.file("a", 0644, 1000, 0));
        Blob blob = gz.blob(Digest.of(new byte[] {1}));
        try (LayerUnpack unpack = LayerUnpack.start(store.layerTrees(), blob)) {
            arrive(unpack.tee(OutputStream.nullOutputStream()), gz.bytes(), gz.bytes().length);
            StoreException e = assertThrows(StoreException.class, unpack::finish);
            assertTrue(e.getMessage().contains("but the image's config expects"), e.getMessage());
        }
        assertFalse(store.layerTrees().hasTree(blob.chainId()));
        assertEquals(List.of(), store.layerTrees().list());
    }

    @Test
    void anUnsafeLayerFailsTheDownloadWithItsOwnReasonInsteadOfFillingThePipe() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        // the bad entry first, then more than the pipe holds: a writer nobody reads from would wait forever
        Gz gz = layer(16 << 20, TarEntry.file("../outside", 0644, 1, 0), TarEntry.file("noise", 0644, 16 << 20, 0));
        try (LayerUnpack unpack = LayerUnpack.start(store.layerTrees(), gz.blob(gz.diffId()))) {
            OutputStream tee = unpack.tee(OutputStream.nullOutputStream());
            UnsafeEntryException e = assertThrows(UnsafeEntryException.class, () -> arrive(tee, gz.bytes(), gz.bytes().length));
            assertTrue(e.getMessage().contains("'..' leads outside the layer"), e.getMessage());
        }
        assertEquals(List.of(), store.layerTrees().list());
        assertFalse(unpackThreadsLeft());
    }

    /** A name no directory here can hold (ENAMETOOLONG) stands for what a file system refuses: chown outside the mapping, a full disk. */
    @Test
    void aLayerThisFileSystemCannotHoldLeavesTheWholeBlobAndNoTree() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Gz gz = layer(2 << 20, TarEntry.file("n".repeat(300), 0644, 2 << 20, 0), TarEntry.file("after", 0644, 2 << 20, 0));
        Blob blob = gz.blob(gz.diffId());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (LayerUnpack unpack = LayerUnpack.start(store.layerTrees(), blob)) {
            arrive(unpack.tee(file), gz.bytes(), gz.bytes().length);
            assertFalse(unpack.finish(), "not extracted: the blob is checked as without unpacking");
        }
        assertArrayEquals(gz.bytes(), file.toByteArray(), "every byte reached the blob all the same");
        assertEquals(List.of(), store.layerTrees().list());
        assertFalse(unpackThreadsLeft());
    }

    @Test
    void aDownloadCutOffMidwayLeavesNoTreeAndNoThread() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        Gz gz = layer(1 << 20, TarEntry.file("a", 0644, 1 << 20, 0), TarEntry.file("b", 0644, 1 << 20, 0));
        try (LayerUnpack unpack = LayerUnpack.start(store.layerTrees(), gz.blob(gz.diffId()))) {
            arrive(unpack.tee(OutputStream.nullOutputStream()), gz.bytes(), gz.bytes().length / 2);
        }
        assertEquals(List.of(), store.layerTrees().list());
        assertFalse(unpackThreadsLeft());
        try (var left = Files.list(tmp.resolve("store/tmp"))) {
            assertEquals(List.of(), left.toList(), "the half-extracted tree is gone");
        }
    }
}
