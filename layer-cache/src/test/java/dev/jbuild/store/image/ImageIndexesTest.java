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
import dev.jbuild.store.oci.MediaTypes;
import dev.jbuild.store.platform.Platform;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-platform images in the store: an index under a name, each platform's image through it. */
class ImageIndexesTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    @TempDir
    Path dir;
    Store store;
    Images images;

    @BeforeEach
    void setUp() throws Exception {
        store = Store.open(dir);
        images = new Images(store);
    }

    private StoredImage unnamed(Platform p, int fill) throws Exception {
        Layer layer = LayerBlobs.storeTar(store.blobs(), new ByteArrayInputStream(new byte[1024 * fill]));
        ImageConfig config = new ImageConfig("2026-01-0" + fill + "T00:00:00Z", null, p.architecture(), p.os(), p.variant(),
                ImageConfig.RunConfig.empty(), new ImageConfig.RootFs("layers", List.of(layer.diffId())), List.of());
        return images.add(config, List.of(layer.descriptor()), Optional.empty());
    }

    private Descriptor entry(StoredImage image, Platform p) throws Exception {
        return new Descriptor(MediaTypes.OCI_MANIFEST, image.manifestDigest(), store.blobs().size(image.manifestDigest()), Map.of(),
                p.descriptor());
    }

    private StoredIndex twoPlatforms() throws Exception {
        StoredImage amd = unnamed(AMD64, 1);
        StoredImage arm = unnamed(ARM64, 2);
        return images.addIndex(List.of(entry(amd, AMD64), entry(arm, ARM64)), Map.of("org.opencontainers.image.title", "app"),
                List.of(ImageName.parse("app:1")));
    }

    @Test
    void aNameHoldsAnIndexShownOnceAndEachPlatformIsFoundThroughIt() throws Exception {
        StoredIndex index = twoPlatforms();
        List<ImageSummary> summaries = images.summaries();
        assertEquals(1, summaries.size(), "the platforms' own nameless entries went into the index: " + summaries);
        assertEquals(index.digest(), summaries.get(0).id());
        assertEquals("2026-01-02T00:00:00Z", summaries.get(0).created(), "the newest platform's");
        assertEquals(ARM64, Platform.of(images.resolve("app:1", Optional.of(ARM64)).config()));
        assertEquals(Platform.host(), Platform.of(images.resolve("app:1").config()), "by default this machine's");
        assertTrue(images.find("app:1", Optional.of(Platform.parse("linux/s390x"))).isEmpty());
        assertEquals(index.digest(), images.findIndex(index.digest().hex().substring(0, 6)).orElseThrow().digest());
        assertEquals(Map.of("org.opencontainers.image.title", "app"), images.findIndex("app:1").orElseThrow().index().annotations());
    }

    @Test
    void taggingRemovingAndCollectingKeepTheIndexWhole() throws Exception {
        StoredIndex index = twoPlatforms();
        images.tag(index, ImageName.parse("app:latest"));
        assertEquals(List.of("Untagged: app:latest"), images.remove("app:latest", false));
        List<StoredImage> platforms = images.platformImages(index);
        images.collectGarbage();
        for (StoredImage p : platforms) {
            assertTrue(store.blobs().contains(p.manifestDigest()), "an index keeps its platforms' images");
        }
        assertEquals(List.of("Untagged: app:1", "Deleted: " + index.digest()), images.remove("app:1", false));
        for (StoredImage p : platforms) {
            assertFalse(store.blobs().contains(p.id()), "they went with it");
        }
        assertTrue(images.summaries().isEmpty());
    }

    @Test
    void pruneTakesNamelessIndexesAndWithAllEveryOne() throws Exception {
        StoredIndex named = twoPlatforms();
        StoredImage arm = unnamed(ARM64, 3);
        StoredIndex nameless = images.addIndex(List.of(entry(arm, ARM64)), Map.of(), List.of());
        assertEquals(List.of("deleted: " + nameless.digest()), images.prune(false).lines());
        assertTrue(images.findIndex("app:1").isPresent());
        assertEquals(List.of("untagged: app:1", "deleted: " + named.digest()), images.prune(true).lines());
        assertTrue(images.summaries().isEmpty());
    }

    @Test
    void aPartlyPulledIndexGivesItsOnePlatformAndSaysWhatItLacks() throws Exception {
        StoredImage arm = unnamed(ARM64, 2);
        Descriptor absent = new Descriptor(MediaTypes.OCI_MANIFEST, dev.jbuild.store.Digest.sha256("e".repeat(64)), 10, Map.of(),
                Platform.parse("linux/s390x").descriptor());
        images.addIndex(List.of(entry(arm, ARM64), absent), Map.of(), List.of(ImageName.parse("partial:1")));
        assertEquals(arm.id(), images.resolve("partial:1").id(), "the only platform here");
        assertTrue(images.find("partial:1", Optional.of(Platform.parse("linux/s390x"))).isEmpty(), "listed, not pulled");
        images.collectGarbage(); // an absent platform's manifest does not stop a collection
        StoredImage amd = unnamed(AMD64, 1);
        images.addIndex(List.of(entry(amd, AMD64), entry(arm, ARM64)), Map.of(), List.of(ImageName.parse("both:1")));
        images.remove("both:1", false);
        assertEquals(arm.id(), images.resolve("partial:1").id(), "what another index keeps stays");
        StoreException e = assertThrows(StoreException.class, () -> {
            StoredImage other = unnamed(Platform.parse("linux/ppc64le"), 3);
            images.addIndex(List.of(entry(other, Platform.parse("linux/ppc64le")), entry(arm, ARM64)), Map.of(),
                    List.of(ImageName.parse("foreign:1")));
            images.resolve("foreign:1");
        });
        assertTrue(e.getMessage().contains("has no image for " + Platform.host() + " (it holds linux/ppc64le, linux/arm64)"), e.getMessage());
    }
}
