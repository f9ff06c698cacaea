package dev.jbuild.store.outgoing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.layer.Layer;
import dev.jbuild.store.layer.LayerBlobs;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageConfig;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.Manifest;
import dev.jbuild.store.oci.MediaTypes;
import dev.jbuild.store.tree.LayerTrees;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images leaving the store: stored blobs as they are, trees compressed once and remembered. */
class OutgoingImageTest {
    @TempDir
    Path tmp;

    /** A stored blob layer (as pulled) under a layer stored only as a tree (as built). */
    private StoredImage image(Store store) throws IOException {
        ByteArrayOutputStream base = new ByteArrayOutputStream();
        Path baseTree = Files.createDirectories(tmp.resolve("base"));
        Files.writeString(baseTree.resolve("base"), "base\n");
        new dev.jbuild.store.tree.TreeWriter(OptionalLong.empty()).write(baseTree, base);
        Layer pulled = LayerBlobs.storeTar(store.blobs(), new ByteArrayInputStream(base.toByteArray()));
        Path upper = store.temp().createDirectory("step");
        Files.writeString(upper.resolve("built"), "built\n".repeat(1000));
        Layer built = store.layerTrees().adopt(upper, List.of(pulled.diffId()), OptionalLong.empty());
        ImageConfig config = new ImageConfig(null, null, "amd64", "linux", null, null,
                new ImageConfig.RootFs("layers", List.of(pulled.diffId(), built.diffId())), List.of());
        byte[] configBytes = Json.bytes(config);
        Descriptor configDescriptor = Descriptor.of(MediaTypes.OCI_CONFIG, store.blobs().put(configBytes), configBytes.length);
        Manifest manifest = Manifest.oci(configDescriptor, List.of(pulled.descriptor(), built.descriptor()));
        return new StoredImage(store.blobs().put(Json.bytes(manifest)), manifest, config, List.of());
    }

    @Test
    void storedBlobsLeaveAsTheyAreAndTreesAsGzipRememberedForTheNextPush() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        StoredImage image = image(store);
        Descriptor pulled = image.manifest().layers().get(0);
        Digest builtDiff = image.config().rootfs().diffIds().get(1);
        Descriptor gzip;
        byte[] manifest;
        try (OutgoingImage out = new OutgoingImage(store, image, Compression.GZIP)) {
            assertEquals(pulled, out.layers().get(0).descriptor(), "a stored blob keeps its digest");
            gzip = out.layers().get(1).descriptor();
            assertEquals(MediaTypes.OCI_LAYER_GZIP, gzip.mediaType());
            Path file = out.layers().get(1).file();
            try (InputStream in = Compression.GZIP.decompressing(Files.newInputStream(file))) {
                ByteArrayOutputStream tar = new ByteArrayOutputStream();
                in.transferTo(tar);
                assertEquals(builtDiff, Digest.of(tar.toByteArray()));
            }
            assertEquals(gzip.digest(), Digest.of(Files.readAllBytes(file)));
            manifest = out.manifest();
            Manifest sent = Json.read(manifest, Manifest.class);
            assertEquals(List.of(pulled, gzip), sent.layers());
            assertEquals(image.manifest().config(), sent.config());
        }
        try (var left = Files.list(store.root().resolve("tmp"))) {
            assertEquals(0, left.count(), "the compressed blob is not kept: the tree is the one copy");
        }
        assertFalse(store.blobs().contains(gzip.digest()));

        // The next push knows the digest without compressing: even with the tree gone, the descriptor is there.
        Digest chain = LayerTrees.chainIds(image.config().rootfs().diffIds()).get(1);
        Path moved = tmp.resolve("moved");
        Files.move(store.layerTrees().path(chain), moved);
        try (OutgoingImage again = new OutgoingImage(store, image, Compression.GZIP)) {
            assertEquals(gzip, again.layers().get(1).descriptor());
            assertArrayEquals(manifest, again.manifest(), "the same manifest, so the same pushed digest");
        }
        Files.move(moved, store.layerTrees().path(chain));

        try (OutgoingImage zstd = new OutgoingImage(store, image, Compression.ZSTD)) {
            assertEquals(MediaTypes.OCI_LAYER_ZSTD, zstd.layers().get(1).descriptor().mediaType());
            assertNotEquals(gzip.digest(), zstd.layers().get(1).descriptor().digest());
        }
    }

    @Test
    void uncompressedOutputIsTheStoredManifestAndTheTreeStreamedWithoutATempFile() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        StoredImage image = image(store);
        try (OutgoingImage out = new OutgoingImage(store, image, Compression.NONE)) {
            assertArrayEquals(store.blobs().read(image.manifestDigest()), out.manifest());
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            out.layers().get(1).writeTo(tar);
            assertEquals(image.manifest().layers().get(1).digest(), Digest.of(tar.toByteArray()));
            assertTrue(image.manifest().layers().get(1).size() == tar.size());
        }
    }

    @Test
    void aRememberedDigestAnotherCompressorGaveYieldsToWhatTheBytesAreNow() throws IOException {
        Store store = Store.open(tmp.resolve("store"));
        StoredImage image = image(store);
        Digest builtDiff = image.config().rootfs().diffIds().get(1);
        Descriptor stale = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256("c".repeat(64)), 10);
        store.compressedForms().remember(builtDiff, stale);
        try (OutgoingImage out = new OutgoingImage(store, image, Compression.GZIP)) {
            OutgoingLayer layer = out.layers().get(1);
            assertEquals(stale, layer.descriptor(), "known without compressing: what was remembered");
            Path file = layer.file();
            Descriptor now = layer.descriptor();
            assertEquals(Digest.of(Files.readAllBytes(file)), now.digest(), "what the bytes are");
            assertNotEquals(stale, now);
            assertEquals(now, store.compressedForms().get(builtDiff, Compression.GZIP).orElseThrow(), "and remembered so");
        }
    }
}
