package dev.jbuild.store.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.layer.Layer;
import dev.jbuild.store.layer.LayerBlobs;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageConfig;
import dev.jbuild.store.oci.ImageIndex;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.Manifest;
import dev.jbuild.store.oci.MediaTypes;
import dev.jbuild.store.place.ArchiveFormat;
import dev.jbuild.store.place.ArchiveSink;
import dev.jbuild.store.place.ArchiveSource;
import dev.jbuild.store.place.OciLayoutSink;
import dev.jbuild.store.place.OciLayoutSource;
import dev.jbuild.store.place.StoreSink;
import dev.jbuild.store.place.StoreSource;
import dev.jbuild.store.tree.LayerTrees;
import dev.jbuild.store.tree.TreeWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one copy between places, on real stores, OCI layouts and archives. */
class ImageCopyTest {
    @TempDir
    Path tmp;
    private Store store;
    private StoredImage image;
    private final ImageName name = ImageName.parse("reg.example/app:1");

    /** A stored blob layer (as pulled) under a layer stored only as a tree (as built). */
    @BeforeEach
    void image() throws IOException {
        store = Store.open(tmp.resolve("store"));
        ByteArrayOutputStream base = new ByteArrayOutputStream();
        Path baseTree = Files.createDirectories(tmp.resolve("base"));
        Files.writeString(baseTree.resolve("base"), "base\n");
        new TreeWriter(OptionalLong.empty()).write(baseTree, base);
        Layer pulled = LayerBlobs.storeTar(store.blobs(), new ByteArrayInputStream(base.toByteArray()));
        Path upper = store.temp().createDirectory("step");
        Files.writeString(upper.resolve("built"), "built\n".repeat(1000));
        Layer built = store.layerTrees().adopt(upper, List.of(pulled.diffId()), OptionalLong.empty());
        ImageConfig config = new ImageConfig(null, null, "amd64", "linux", null, null,
                new ImageConfig.RootFs("layers", List.of(pulled.diffId(), built.diffId())), List.of());
        image = new Images(store).add(config, List.of(pulled.descriptor(), built.descriptor()), Optional.of(name));
    }

    private ImageCopy copy(CopyOptions options) {
        return new ImageCopy(store.temp(), options, CopyProgress.NONE);
    }

    private static CopyOptions plain() {
        return CopyOptions.platform(dev.jbuild.store.platform.Platform.parse("linux/amd64"));
    }

    private StoreSource source() throws IOException {
        return StoreSource.of(store, image, image.names());
    }

    private static Manifest manifestIn(Path layout) throws IOException {
        Descriptor entry = Json.read(Files.readAllBytes(layout.resolve("index.json")), ImageIndex.class).manifests().get(0);
        return Json.read(Files.readAllBytes(blob(layout, entry.digest())), Manifest.class);
    }

    private static Path blob(Path layout, Digest digest) {
        return layout.resolve("blobs/sha256").resolve(digest.hex());
    }

    @Test
    void treesLeaveCompressedOnceAndAreRememberedSoTheNextCopyComputesNothing() throws IOException {
        Path layout = tmp.resolve("layout");
        Descriptor pulled = image.manifest().layers().get(0);
        Digest builtDiff = image.config().rootfs().diffIds().get(1);
        List<ImageCopy.Copied> copied = copy(plain().withCompression(Compression.GZIP)).copy(source(), new OciLayoutSink(layout, Optional.of("1")));

        Manifest sent = manifestIn(layout);
        assertEquals(pulled, sent.layers().get(0), "a stored gzip blob keeps its digest");
        Descriptor gzip = sent.layers().get(1);
        assertEquals(MediaTypes.OCI_LAYER_GZIP, gzip.mediaType());
        try (InputStream in = Compression.GZIP.decompressing(Files.newInputStream(blob(layout, gzip.digest())))) {
            assertEquals(builtDiff, Digest.of(in.readAllBytes()));
        }
        assertEquals(gzip, store.compressedForms().get(builtDiff, Compression.GZIP).orElseThrow(), "remembered");
        assertFalse(store.blobs().contains(gzip.digest()), "not kept: the tree is the one copy");
        try (var left = Files.list(store.root().resolve("tmp"))) {
            assertEquals(0, left.count(), "no temp file left");
        }
        assertEquals(copied.get(0).written().digest(), Digest.of(Files.readAllBytes(blob(layout, copied.get(0).written().digest()))));

        // Again, with the tree gone: the descriptor is known and the layout has the blob, so nothing is read.
        Digest chain = LayerTrees.chainIds(image.config().rootfs().diffIds()).get(1);
        Files.move(store.layerTrees().path(chain), tmp.resolve("moved"));
        List<ImageCopy.Copied> again = copy(plain().withCompression(Compression.GZIP)).copy(source(), new OciLayoutSink(layout, Optional.of("1")));
        assertArrayEquals(copied.get(0).written().bytes(), again.get(0).written().bytes(), "the same manifest");
    }

    @Test
    void layersSentAheadOfTheirImageAreFoundByTheCopyOfTheImage() throws IOException {
        Path layout = tmp.resolve("layout");
        List<Digest> diffIds = image.config().rootfs().diffIds();
        List<Descriptor> layers = image.manifest().layers();
        List<Digest> written = new java.util.ArrayList<>();
        CopyProgress seen = new CopyProgress() {
            @Override
            public void update(Digest blob, long done, long total) {
            }

            @Override
            public void finished(Descriptor blob, Outcome outcome) {
                if (outcome.kind() == Outcome.Kind.WRITTEN) {
                    written.add(blob.digest());
                }
            }
        };
        CopyOptions gzip = plain().withCompression(Compression.GZIP);
        // The built layer alone (from index 1), as a build that pushes sends it while later steps run.
        new ImageCopy(store.temp(), gzip, seen).copyLayers(StoreSource.ofLayers(store, diffIds), new OciLayoutSink(layout, Optional.of("1")),
                layers, diffIds, 1);
        Descriptor ahead = store.compressedForms().get(diffIds.get(1), Compression.GZIP).orElseThrow();
        assertEquals(List.of(ahead.digest()), written, "the built layer only, compressed");
        assertTrue(Files.exists(blob(layout, ahead.digest())));
        assertFalse(Files.exists(blob(layout, layers.get(0).digest())), "layers before the one asked for are left to the image's copy");
        assertFalse(Files.exists(layout.resolve("index.json")) && manifestsIn(layout) > 0, "no manifest names anything yet");

        written.clear();
        new ImageCopy(store.temp(), gzip, seen).copy(source(), new OciLayoutSink(layout, Optional.of("1")));
        assertEquals(ahead, manifestIn(layout).layers().get(1), "the image names what was sent ahead");
        assertFalse(written.contains(ahead.digest()), "and does not send it again");
        assertTrue(written.contains(layers.get(0).digest()));
    }

    private static long manifestsIn(Path layout) throws IOException {
        return Json.read(Files.readAllBytes(layout.resolve("index.json")), ImageIndex.class).manifests().size();
    }

    @Test
    void whatTheManifestBecameIsKeptSoASinkHoldingItIsAskedWithoutHashingAnything() throws IOException {
        Path layout = tmp.resolve("layout");
        RawManifest written = copy(plain().withCompression(Compression.GZIP)).copy(source(), new OciLayoutSink(layout, Optional.of("1")))
                .get(0).written();
        Digest digest = Digest.of(written.bytes());
        assertEquals(Optional.of(digest), store.manifestForms().digestOf(image.manifestDigest(), written.bytes()), "kept");
        assertEquals(Optional.empty(), store.manifestForms().digestOf(image.manifestDigest(), "{}".getBytes()), "other bytes");
        new Images(store).collectGarbage();
        assertEquals(List.of(image.manifestDigest()), store.manifestForms().list(), "kept while the image is");

        // A forged record no hash would give shows that the second copy takes the record.
        Digest forged = Digest.sha256("e".repeat(64));
        store.manifestForms().forget(image.manifestDigest());
        store.manifestForms().remember(image.manifestDigest(), forged, written.bytes());
        List<Digest> asked = new java.util.ArrayList<>();
        ImageSink holding = new ImageSink() {
            @Override
            public boolean holds(RawManifest manifest, List<ImageName> names) {
                asked.add(manifest.knownDigest());
                return true;
            }

            @Override
            public Optional<Outcome> existing(Blob blob) {
                throw new AssertionError("a sink that holds the manifest is asked for no blob");
            }

            @Override
            public void write(Blob blob, BlobBytes bytes) {
                throw new AssertionError("nothing is written");
            }

            @Override
            public void writeManifest(RawManifest manifest, boolean top, List<ImageName> names) {
                throw new AssertionError("nothing is written");
            }
        };
        RawManifest again = copy(plain().withCompression(Compression.GZIP)).copy(source(), holding).get(0).written();
        assertEquals(List.of(forged), asked);
        assertEquals(forged, again.digest());

        new Images(store).remove("reg.example/app:1", true);
        new Images(store).collectGarbage();
        assertEquals(List.of(), store.manifestForms().list(), "forgotten with the image");
    }

    @Test
    void asTheyAreTheStoredManifestIsKeptAndTheTreeLeavesAsItsTar() throws IOException {
        Path layout = tmp.resolve("layout");
        copy(plain()).copy(source(), new OciLayoutSink(layout, Optional.empty()));
        Descriptor entry = Json.read(Files.readAllBytes(layout.resolve("index.json")), ImageIndex.class).manifests().get(0);
        assertEquals(image.manifestDigest(), entry.digest(), "the manifest's digest is preserved");
        assertEquals(name.toString(), entry.annotations().get(Descriptor.REF_NAME));
        Descriptor tree = image.manifest().layers().get(1);
        assertEquals(tree.digest(), Digest.of(Files.readAllBytes(blob(layout, tree.digest()))));

        // Back into the store: the built layer is there as its tree, so no blob copy of it is made.
        copy(plain()).copy(new OciLayoutSource(layout, Optional.empty(), "oci:layout"),
                StoreSink.named(store, Optional.of(ImageName.parse("again:1"))));
        assertEquals(image.id(), new Images(store).resolve("again:1").id());
        assertFalse(store.blobs().contains(tree.digest()), "one copy: the tree");
    }

    @Test
    void aRememberedDigestAnotherCompressorGaveYieldsToWhatTheBytesAreNow() throws IOException {
        Digest builtDiff = image.config().rootfs().diffIds().get(1);
        Descriptor stale = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, Digest.sha256("c".repeat(64)), 10);
        store.compressedForms().remember(builtDiff, stale);
        Path layout = tmp.resolve("layout");
        copy(plain().withCompression(Compression.GZIP)).copy(source(), new OciLayoutSink(layout, Optional.empty()));
        Descriptor now = manifestIn(layout).layers().get(1);
        assertNotEquals(stale, now);
        assertEquals(now.digest(), Digest.of(Files.readAllBytes(blob(layout, now.digest()))), "what the bytes are");
        assertEquals(now, store.compressedForms().get(builtDiff, Compression.GZIP).orElseThrow(), "and remembered so");
    }

    @Test
    void toDockerSchema2TheMediaTypesChangeAndTheDigestsOfBlobsStay() throws IOException {
        Path layout = tmp.resolve("layout");
        CopyOptions v2s2 = new CopyOptions(dev.jbuild.store.platform.Platform.parse("linux/amd64"), false, Optional.of(ManifestFormat.DOCKER_V2S2), Optional.of(Compression.GZIP));
        List<ImageCopy.Copied> copied = copy(v2s2).copy(source(), new OciLayoutSink(layout, Optional.empty()));
        assertEquals(MediaTypes.DOCKER_MANIFEST, copied.get(0).written().mediaType());
        Manifest m = manifestIn(layout);
        assertEquals(MediaTypes.DOCKER_MANIFEST, m.mediaType());
        assertEquals(MediaTypes.DOCKER_CONFIG, m.config().mediaType());
        assertEquals(image.id(), m.config().digest());
        assertEquals(List.of(MediaTypes.DOCKER_LAYER_GZIP, MediaTypes.DOCKER_LAYER_GZIP), m.layers().stream().map(Descriptor::mediaType).toList());
        assertEquals(image.manifest().layers().get(0).digest(), m.layers().get(0).digest());

        CopyOptions zstd = new CopyOptions(dev.jbuild.store.platform.Platform.parse("linux/amd64"), false, Optional.of(ManifestFormat.DOCKER_V2S2), Optional.of(Compression.ZSTD));
        StoreException e = assertThrows(StoreException.class, () -> copy(zstd).copy(source(), new OciLayoutSink(tmp.resolve("z"), Optional.empty())));
        assertTrue(e.getMessage().contains("cannot name zstd layers"), e.getMessage());
    }

    @Test
    void archivesRoundTripIntoAnotherStoreWithNamesAndImageId() throws IOException {
        for (ArchiveFormat format : ArchiveFormat.values()) {
            ByteArrayOutputStream archive = new ByteArrayOutputStream();
            copy(plain()).copy(source(), new ArchiveSink(archive, format, Optional.empty()));
            Store other = Store.open(tmp.resolve("other-" + format));
            StoreSink sink = StoreSink.named(other, Optional.empty());
            try (ArchiveSource in = ArchiveSource.open(new ByteArrayInputStream(archive.toByteArray()), "a.tar", Optional.empty(), other.temp())) {
                copy(plain()).copy(in, sink);
            }
            StoredImage loaded = new Images(other).resolve(name.toString());
            assertEquals(image.id(), loaded.id(), format.toString());
            assertEquals(List.of(name), sink.stored().get(0).names());
            try (var left = Files.list(other.root().resolve("tmp"))) {
                assertEquals(0, left.count(), "the unpacked archive is gone");
            }
        }
    }

    @Test
    void aDamagedBlobIsRefusedAndNothingIsNamed() throws IOException {
        Path layout = tmp.resolve("layout");
        copy(plain()).copy(source(), new OciLayoutSink(layout, Optional.of("1")));
        Descriptor layer = image.manifest().layers().get(0);
        Path file = blob(layout, layer.digest());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        Store other = Store.open(tmp.resolve("other"));
        StoreException e = assertThrows(StoreException.class, () -> copy(plain()).copy(
                new OciLayoutSource(layout, Optional.of("1"), "oci:layout"), StoreSink.named(other, Optional.of(name))));
        assertTrue(e.getMessage().startsWith("oci:layout: blob " + layer.digest() + " arrived as " + bytes.length
                + " bytes with digest sha256:"), e.getMessage());
        assertFalse(other.blobs().contains(layer.digest()));
        assertEquals(List.of(), new Images(other).list());
    }

    @Test
    void aConfigDamagedInTheStoreIsReadForPlanningButNeverWritten() throws IOException {
        Descriptor config = image.manifest().config();
        Path file = store.blobs().path(config.digest());
        String damaged = Files.readString(file) + " ";
        file.toFile().setWritable(true);
        Files.writeString(file, damaged);
        StoreException e = assertThrows(StoreException.class,
                () -> copy(plain()).copy(source(), new OciLayoutSink(tmp.resolve("layout"), Optional.of("1"))));
        assertTrue(e.getMessage().startsWith("the store: blob " + config.digest() + " arrived as " + damaged.length()
                + " bytes (" + config.size() + " expected)"), e.getMessage());
        assertFalse(Files.exists(blob(tmp.resolve("layout"), config.digest())));
    }

    @Test
    void everyPlatformOfAnIndexGoesWithAll() throws IOException {
        // An index of the one image (as amd64) in a layout, copied whole into another layout.
        Path first = tmp.resolve("first");
        List<ImageCopy.Copied> copied = copy(plain()).copy(source(), new OciLayoutSink(first, Optional.empty()));
        Descriptor amd64 = new Descriptor(copied.get(0).written().mediaType(), copied.get(0).written().digest(),
                copied.get(0).written().bytes().length, java.util.Map.of(), new Descriptor.Platform("amd64", "linux", null));
        byte[] index = Json.bytes(ImageIndex.of(List.of(amd64)));
        Files.write(blob(first, Digest.of(index)), index);
        Files.write(first.resolve("index.json"), Json.bytes(ImageIndex.of(List.of(
                Descriptor.of(MediaTypes.OCI_INDEX, Digest.of(index), index.length).withAnnotation(Descriptor.REF_NAME, "multi")))));
        Path second = tmp.resolve("second");
        CopyOptions all = new CopyOptions(dev.jbuild.store.platform.Platform.parse("linux/arm64"), true, Optional.empty(), Optional.empty());
        List<ImageCopy.Copied> whole = copy(all).copy(new OciLayoutSource(first, Optional.of("multi"), "oci:first"),
                new OciLayoutSink(second, Optional.of("multi")));
        assertEquals(Digest.of(index), whole.get(0).written().digest(), "the index is kept byte for byte");
        assertTrue(Files.exists(blob(second, amd64.digest())));
        Store other = Store.open(tmp.resolve("other"));
        copy(plain()).copy(new OciLayoutSource(first, Optional.of("multi"), "oci:first"), StoreSink.named(other, Optional.of(name)));
        assertEquals(image.id(), new Images(other).resolve(name.toString()).id(), "without --all: this platform's image");
        StoreException e = assertThrows(StoreException.class, () -> copy(CopyOptions.platform(dev.jbuild.store.platform.Platform.parse("linux/s390x"))).copy(
                new OciLayoutSource(first, Optional.of("multi"), "oci:first"), StoreSink.named(other, Optional.of(name))));
        assertEquals("oci:first: no image for linux/s390x in its index (it has [linux/amd64])", e.getMessage());
    }

    /** The image copied to {@code layout}, its first layer's blob then replaced by a link to {@code target}. */
    private Descriptor layoutWithLinkForALayer(Path layout, Path target) throws IOException {
        copy(plain()).copy(source(), new OciLayoutSink(layout, Optional.of("1")));
        Descriptor layer = manifestIn(layout).layers().get(0);
        Files.delete(blob(layout, layer.digest()));
        Files.createSymbolicLink(blob(layout, layer.digest()), target);
        return layer;
    }

    @Test
    void aLayoutsBlobThatIsALinkIsRefusedWithoutTellingWhatItPointsAt() throws IOException {
        Path layout = tmp.resolve("layout");
        Descriptor layer = layoutWithLinkForALayer(layout, Files.writeString(tmp.resolve("private"), "the user's private key\n"));
        Store other = Store.open(tmp.resolve("other"));
        StoreException e = assertThrows(StoreException.class, () -> copy(plain()).copy(
                new OciLayoutSource(layout, Optional.of("1"), "oci:layout"), StoreSink.named(other, Optional.of(name))));
        assertEquals("oci:layout: blob " + layer.digest() + " is a symbolic link, not a blob", e.getMessage());
    }

    @Test
    void aLinkWhereALayoutsBlobBelongsIsReplacedByTheBlob() throws IOException {
        Path layout = tmp.resolve("layout");
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere"), "not the blob");
        Descriptor layer = layoutWithLinkForALayer(layout, elsewhere);
        copy(plain()).copy(source(), new OciLayoutSink(layout, Optional.of("1")));
        assertFalse(Files.isSymbolicLink(blob(layout, layer.digest())));
        assertEquals(layer.digest(), Digest.of(Files.readAllBytes(blob(layout, layer.digest()))));
        assertEquals("not the blob", Files.readString(elsewhere), "the link's target was never written");
    }

    @Test
    void anArchiveEntryThatAppearsTwiceIsNamedWithoutAnyPathOfJbuilds() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(tar)) {
            for (int i = 0; i < 2; i++) {
                var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("index.json");
                e.setSize(2);
                out.putArchiveEntry(e);
                out.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeArchiveEntry();
            }
        }
        StoreException e = assertThrows(StoreException.class, () -> ArchiveSource.open(new ByteArrayInputStream(tar.toByteArray()),
                "oci-archive:twice.tar", Optional.empty(), store.temp()));
        assertEquals("oci-archive:twice.tar: entry index.json appears twice in the archive", e.getMessage());
    }
}
