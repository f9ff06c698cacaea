package dev.jbuild.store.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerBlobsTest {

    static byte[] tar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            byte[] content = "hello\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("etc/hello");
            e.setSize(content.length);
            out.putArchiveEntry(e);
            out.write(content);
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    static Digest sha256(byte[] data) throws Exception {
        return Digest.sha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    }

    @Test
    void diffIdAndDigestInOnePass(@TempDir Path dir) throws Exception {
        Store store = Store.open(dir);
        byte[] tar = tar();
        Layer layer = LayerBlobs.storeArchive(store.blobs(), new ByteArrayInputStream(tar), "t.tar");
        assertEquals(sha256(tar), layer.diffId());
        assertEquals(tar.length, layer.uncompressedSize());
        byte[] blob = Files.readAllBytes(store.blobs().path(layer.descriptor().digest()));
        assertEquals(sha256(blob), layer.descriptor().digest());
        assertEquals(blob.length, layer.descriptor().size());
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(blob))) {
            assertArrayEquals(tar, in.readAllBytes());
        }
        Layer again = LayerBlobs.storeArchive(store.blobs(), new ByteArrayInputStream(tar), "t.tar");
        assertEquals(layer, again, "the same tar gives the same blob");
        assertEquals(1, store.blobs().list().size());
    }

    @Test
    void compressedInputsAreUnpackedFirst(@TempDir Path dir) throws Exception {
        Store store = Store.open(dir);
        byte[] tar = tar();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(tar);
        }
        ByteArrayOutputStream bz = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream out = new BZip2CompressorOutputStream(bz)) {
            out.write(tar);
        }
        Digest expected = sha256(tar);
        assertEquals(expected, LayerBlobs.storeArchive(store.blobs(), new ByteArrayInputStream(gz.toByteArray()), "g").diffId());
        assertEquals(expected, LayerBlobs.storeArchive(store.blobs(), new ByteArrayInputStream(bz.toByteArray()), "b").diffId());
    }

    @Test
    void somethingElseIsRefusedAndNothingIsStored(@TempDir Path dir) throws Exception {
        Store store = Store.open(dir);
        StoreException e = assertThrows(StoreException.class, () -> LayerBlobs.storeArchive(store.blobs(),
                new ByteArrayInputStream("just some text, not an archive\n".repeat(40).getBytes()), "notes.txt"));
        assertEquals("notes.txt: not a tar archive", e.getMessage());
        byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 0};
        assertThrows(StoreException.class, () -> LayerBlobs.storeArchive(store.blobs(), new ByteArrayInputStream(xz), "a.xz"));
        assertEquals(0, store.blobs().list().size());
        try (var tmp = Files.list(dir.resolve("tmp"))) {
            assertEquals(0, tmp.count(), "no temp file is left behind");
        }
    }

    @Test
    void emptyArchiveIsATar(@TempDir Path dir) throws Exception {
        Store store = Store.open(dir);
        Layer layer = LayerBlobs.storeArchive(store.blobs(), new ByteArrayInputStream(new byte[1024]), "empty.tar");
        assertEquals(1024, layer.uncompressedSize());
    }
}
