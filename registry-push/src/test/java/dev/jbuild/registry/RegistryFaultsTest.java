package dev.jbuild.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.registry.auth.AuthConfig;
import dev.jbuild.store.Store;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.layer.Layer;
import dev.jbuild.store.layer.LayerBlobs;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.ImageConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Faults injected between jbuild and a real registry: retried within bounds, never a damaged store. */
class RegistryFaultsTest {
    @RegisterExtension
    static final RegistryServer REGISTRY = new RegistryServer();

    @TempDir
    Path dir;
    private Store store;
    private StoredImage image;
    private final RegistryAccess auth = new RegistryAccess(new AuthConfig(Path.of("/nonexistent/config.json"), List.of()),
            RegistriesConfig.none(), true);
    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

    @BeforeEach
    void image() throws Exception {
        store = Store.open(dir.resolve("store"));
        byte[] tar = new byte[10240]; // a tar of one 8 KiB file of random bytes, built by hand
        byte[] header = new byte[512];
        System.arraycopy("noise".getBytes(), 0, header, 0, 5);
        System.arraycopy("0000644\0".getBytes(), 0, header, 100, 8);
        System.arraycopy("00000020000\0".getBytes(), 0, header, 124, 12);
        header[156] = '0';
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        System.arraycopy(String.format("%06o\0 ", sum).getBytes(), 0, header, 148, 8);
        System.arraycopy(header, 0, tar, 0, 512);
        byte[] noise = new byte[8192];
        new Random().nextBytes(noise);
        System.arraycopy(noise, 0, tar, 512, noise.length);
        Layer layer = LayerBlobs.storeArchive(store.blobs(), new ByteArrayInputStream(tar), "noise.tar");
        ImageConfig config = new ImageConfig("2026-01-01T00:00:00Z", null, "amd64", "linux", null,
                ImageConfig.RunConfig.empty(), new ImageConfig.RootFs("layers", List.of(layer.diffId())), List.of());
        image = new Images(store).add(config, List.of(layer.descriptor()), Optional.of(ImageName.parse("noise:1")));
    }

    private Store fresh() {
        return Store.open(dir.resolve("fresh-" + System.nanoTime()));
    }

    @Test
    void errorsAndDroppedConnectionsAreRetried() throws Exception {
        try (FaultProxy proxy = new FaultProxy(REGISTRY.host())) {
            proxy.reset("HEAD /v2/faults/a/blobs/").status("POST /v2/faults/a/blobs/uploads/", 503, null)
                    .status("PUT /v2/faults/a/manifests/", 500, null);
            new Pusher(store, auth, quiet).push(image, ImageName.parse(proxy.host() + "/faults/a:1"));
            assertEquals(3, proxy.requests().stream().filter(r -> r.startsWith("POST /v2/faults/a/blobs/uploads/")).count(),
                    "two blobs, one start refused with 503 and retried");
            assertEquals(2, proxy.requests().stream().filter(r -> r.startsWith("PUT /v2/faults/a/manifests/1")).count(),
                    "the manifest PUT answered 500 was sent again");

            proxy.status("GET /v2/faults/a/manifests/1", 502, null).cutBody("GET /v2/faults/a/blobs/" + image.manifest().layers().get(0).digest());
            Store target = fresh();
            StoredImage pulled = new Puller(target, auth, quiet).pull(ImageName.parse(proxy.host() + "/faults/a:1"), dev.jbuild.store.platform.Platform.parse("linux/amd64"));
            assertEquals(image.id(), pulled.id());
            assertEquals(2, proxy.requests().stream().filter(r -> r.startsWith("GET /v2/faults/a/blobs/"
                    + image.manifest().layers().get(0).digest())).count(), "the cut download was started again");
            assertTrue(target.blobs().contains(image.manifest().layers().get(0).digest()));
        }
    }

    @Test
    void tooManyRequestsWaitsAsRetryAfterSays() throws Exception {
        new Pusher(store, auth, quiet).push(image, ImageName.parse(REGISTRY.host() + "/faults/b:1"));
        try (FaultProxy proxy = new FaultProxy(REGISTRY.host())) {
            proxy.status("GET /v2/faults/b/manifests/1", 429, "1");
            long start = System.nanoTime();
            new Puller(fresh(), auth, quiet).pull(ImageName.parse(proxy.host() + "/faults/b:1"), dev.jbuild.store.platform.Platform.parse("linux/amd64"));
            assertTrue(System.nanoTime() - start >= 1_000_000_000L, "waited for Retry-After");
        }
    }

    @Test
    void persistentFailureIsBoundedAndStoresNothing() throws Exception {
        new Pusher(store, auth, quiet).push(image, ImageName.parse(REGISTRY.host() + "/faults/c:1"));
        try (FaultProxy proxy = new FaultProxy(REGISTRY.host())) {
            for (int i = 0; i < 2 * 3 * Retries.ATTEMPTS; i++) { // every try of both blobs
                proxy.status("GET /v2/faults/c/blobs/", 500, null);
            }
            Store target = fresh();
            RegistryException e = assertThrows(RegistryException.class, () ->
                    new Puller(target, auth, quiet).pull(ImageName.parse(proxy.host() + "/faults/c:1"), dev.jbuild.store.platform.Platform.parse("linux/amd64")));
            assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
            assertEquals(List.of(), new Images(target).list(), "no name without all blobs");
            try (var tmp = Files.list(target.root().resolve("tmp"))) {
                assertEquals(0, tmp.count(), "no temp file left");
            }
        }
    }
}
