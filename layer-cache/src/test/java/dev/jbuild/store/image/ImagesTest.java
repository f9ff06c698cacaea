package dev.jbuild.store.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.Store;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.layer.Layer;
import dev.jbuild.store.layer.LayerBlobs;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageConfig;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
    @TempDir
    Path dir;
    Store store;
    Images images;
    Layer layer;

    @BeforeEach
    void setUp() throws Exception {
        store = Store.open(dir);
        images = new Images(store);
        layer = LayerBlobs.storeTar(store.blobs(), new ByteArrayInputStream(new byte[1024]));
    }

    private StoredImage add(String created, String name) throws Exception {
        ImageConfig config = new ImageConfig(created, null, "amd64", "linux", null, ImageConfig.RunConfig.empty(),
                new ImageConfig.RootFs("layers", List.of(layer.diffId())), List.of());
        return images.add(config, List.of(layer.descriptor()), Optional.ofNullable(name).map(ImageName::parse));
    }

    @Test
    void resolveByNameIdAndPrefix() throws Exception {
        StoredImage image = add("2026-01-01T00:00:00Z", "busybox");
        assertEquals(image.id(), images.resolve("busybox").id());
        assertEquals(image.id(), images.resolve("docker.io/library/busybox:latest").id());
        assertEquals(image.id(), images.resolve(image.id().toString()).id());
        assertEquals(image.id(), images.resolve(image.id().hex().substring(0, 4)).id());
        assertEquals(image.id(), images.resolve("busybox@" + image.manifestDigest()).id());
        assertThrows(ImageNotFound.class, () -> images.resolve("busybox:2"));
        assertThrows(ImageNotFound.class, () -> images.resolve("sha256:" + "0".repeat(64)));
    }

    @Test
    void findingOneImageReadsNoOtherImagesConfig() throws Exception {
        StoredImage other = add("2026-01-01T00:00:00Z", "other");
        StoredImage wanted = add("2026-01-02T00:00:00Z", "wanted");
        java.nio.file.Files.delete(store.blobs().path(other.id())); // a lookup that read it would fail
        assertEquals(wanted.id(), images.resolve("wanted").id());
        assertEquals(wanted.id(), images.resolve(wanted.id().hex().substring(0, 12)).id());
        assertThrows(StoreException.class, () -> images.list());
    }

    @Test
    void listingReadsOnlyTheIndexForImagesJbuildRecorded() throws Exception {
        StoredImage named = add("2026-01-01T00:00:00Z", "busybox:1");
        StoredImage dangling = add(null, null);
        images.tag(named, ImageName.parse("busybox:2"));
        for (StoredImage i : List.of(named, dangling)) { // a listing that read them would fail
            java.nio.file.Files.delete(store.blobs().path(i.id()));
            java.nio.file.Files.delete(store.blobs().path(i.manifestDigest()));
        }
        assertEquals(List.of(
                new ImageSummary(named.manifestDigest(), named.id(), "2026-01-01T00:00:00Z", layer.descriptor().size(),
                        List.of(ImageName.parse("busybox:1"), ImageName.parse("busybox:2"))),
                new ImageSummary(dangling.manifestDigest(), dangling.id(), null, layer.descriptor().size(), List.of())),
                images.summaries());
    }

    @Test
    void entriesAnotherToolWroteAreSummarisedFromTheBlobs() throws Exception {
        add("2026-01-01T00:00:00Z", "busybox");
        add("2026-01-02T00:00:00Z", null);
        List<ImageSummary> recorded = images.summaries();
        store.refs().update(entries -> entries.stream().map(ImagesTest::withNameOnly).toList());
        assertEquals(recorded, images.summaries());
        assertEquals(List.of("busybox:latest"), recorded.get(0).names().stream().map(ImageName::familiar).toList());
        assertEquals(layer.descriptor().size(), recorded.get(1).size());
    }

    @Test
    void anImageFoundTellsItsRecordedChainIdsSoThatARunHashesNothing() throws Exception {
        byte[] noise = new byte[2048];
        new java.util.Random(11).nextBytes(noise); // layers of this test alone: the chains known are the process's
        Layer second = LayerBlobs.storeTar(store.blobs(), new ByteArrayInputStream(noise));
        List<dev.jbuild.store.Digest> diffIds = List.of(layer.diffId(), second.diffId());
        ImageConfig config = new ImageConfig("2026-01-01T00:00:00Z", null, "amd64", "linux", null, ImageConfig.RunConfig.empty(),
                new ImageConfig.RootFs("layers", diffIds), List.of());
        images.add(config, List.of(layer.descriptor(), second.descriptor()), Optional.of(ImageName.parse("chained")));
        List<dev.jbuild.store.Digest> chain = dev.jbuild.store.tree.LayerTrees.chainIds(diffIds);
        assertEquals(chain.get(0).hex() + "," + chain.get(1).hex(),
                store.refs().entries().get(0).annotations().get("dev.jbuild.image.chain"));

        // What the entry records is what a lookup tells LayerTrees (shown by a record no hash would give).
        String forged = chain.get(0).hex() + "," + "f".repeat(64);
        store.refs().update(entries -> List.of(entries.get(0).withAnnotation("dev.jbuild.image.chain", forged)));
        images.resolve("chained");
        assertEquals("f".repeat(64), dev.jbuild.store.tree.LayerTrees.chainIds(diffIds).get(1).hex());
    }

    /** The entry as skopeo copy into a layout writes one: its name, if any, and no other annotation. */
    private static Descriptor withNameOnly(Descriptor d) {
        String name = d.annotations().get(Descriptor.REF_NAME);
        return new Descriptor(d.mediaType(), d.digest(), d.size(), name == null ? Map.of() : Map.of(Descriptor.REF_NAME, name), null);
    }

    @Test
    void anIdPrefixIsFoundWithoutReadingOtherImagesManifests() throws Exception {
        StoredImage other = add("2026-01-01T00:00:00Z", "other");
        StoredImage wanted = add("2026-01-02T00:00:00Z", "wanted");
        java.nio.file.Files.delete(store.blobs().path(other.manifestDigest()));
        assertEquals(wanted.id(), images.resolve(wanted.id().hex().substring(0, 12)).id());
    }

    @Test
    void ambiguousPrefixIsAnError() throws Exception {
        StoredImage a = add("2026-01-01T00:00:00Z", "a");
        StoredImage b = add("2026-01-02T00:00:00Z", "b");
        int common = 0;
        while (a.id().hex().charAt(common) == b.id().hex().charAt(common)) {
            common++;
        }
        String prefix = a.id().hex().substring(0, common);
        if (!prefix.isEmpty()) {
            assertThrows(StoreException.class, () -> images.resolve(prefix));
        }
        assertEquals(2, images.list().size());
    }

    @Test
    void retaggingLeavesTheOldImageDangling() throws Exception {
        StoredImage old = add("2026-01-01T00:00:00Z", "app:1");
        StoredImage fresh = add("2026-01-02T00:00:00Z", "app:1");
        List<StoredImage> all = images.list();
        assertEquals(2, all.size());
        StoredImage dangling = all.stream().filter(i -> i.id().equals(old.id())).findFirst().orElseThrow();
        assertTrue(dangling.dangling());
        assertEquals(List.of(ImageName.parse("app:1")), images.resolve(fresh.id().toString()).names());
    }

    @Test
    void rmiUntagsThenDeletesAndCollectsBlobs() throws Exception {
        StoredImage image = add("2026-01-01T00:00:00Z", "app:1");
        images.tag(image, ImageName.parse("app:2"));
        assertEquals(List.of("Untagged: app:1"), images.remove("app:1", false));
        assertTrue(store.blobs().contains(image.id()));
        StoreException conflict = assertThrows(StoreException.class, () -> {
            images.tag(images.resolve("app:2"), ImageName.parse("other:1"));
            images.remove(image.id().shortId(), false);
        });
        assertTrue(conflict.getMessage().contains("must be forced"), conflict.getMessage());
        assertEquals(List.of("Untagged: app:2", "Untagged: other:1", "Deleted: " + image.id()),
                images.remove(image.id().shortId(), true));
        assertFalse(store.blobs().contains(image.id()));
        assertFalse(store.blobs().contains(layer.descriptor().digest()));
        assertEquals(0, images.list().size());
        // an emptied store's index.json keeps the manifests array the OCI image-index spec requires
        assertTrue(java.nio.file.Files.readString(dir.resolve("index.json")).replaceAll("\\s", "").contains("\"manifests\":[]"));
    }

    @Test
    void sharedLayersSurviveTheRemovalOfOneImage() throws Exception {
        add("2026-01-01T00:00:00Z", "a");
        add("2026-01-02T00:00:00Z", "b");
        images.remove("a", false);
        assertTrue(store.blobs().contains(layer.descriptor().digest()));
        assertEquals(1, images.list().size());
    }
}
