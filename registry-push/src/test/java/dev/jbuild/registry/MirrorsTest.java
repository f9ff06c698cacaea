package dev.jbuild.registry;

import dev.jbuild.store.UserDirs;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pull mirrors from registries.json, with two real registries: tried in order, then the origin. */
class MirrorsTest {
    @RegisterExtension
    static final RegistryServer ORIGIN = new RegistryServer();
    @RegisterExtension
    static final RegistryServer MIRROR = new RegistryServer();

    @TempDir
    Path dir;

    private RegistryAccess access(String... mirrors) throws Exception {
        Path config = dir.resolve("registries.json");
        String list = String.join("\", \"", mirrors);
        Files.writeString(config, "{\"registries\": {\"" + ORIGIN.host() + "\": {\"mirrors\": [\"" + list + "\"]}}}");
        return new RegistryAccess(new AuthConfig(dir.resolve("none.json"), List.of()),
                RegistriesConfig.of(UserDirs.of(Map.of("JBUILD_REGISTRIES_CONFIG", config.toString()))), true);
    }

    private StoredImage image(Store store, String name) throws Exception {
        Layer layer = LayerBlobs.storeTar(store.blobs(), new ByteArrayInputStream(new byte[2048]));
        ImageConfig config = new ImageConfig("2026-01-01T00:00:00Z", null, "amd64", "linux", null,
                ImageConfig.RunConfig.empty(), new ImageConfig.RootFs("layers", List.of(layer.diffId())), List.of());
        return new Images(store).add(config, List.of(layer.descriptor()), Optional.of(ImageName.parse(name)));
    }

    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void mirrorsFirstThenTheRegistry() throws Exception {
        Store source = Store.open(dir.resolve("source"));
        StoredImage image = image(source, "app:1");
        RegistryAccess plain = new RegistryAccess(new AuthConfig(dir.resolve("none.json"), List.of()), RegistriesConfig.none(), true);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        new Pusher(source, plain, quiet).push(image, ImageName.parse(ORIGIN.host() + "/team/app:1"));
        new Pusher(source, plain, quiet).push(image, ImageName.parse(MIRROR.host() + "/team/app:1"));

        String dead = "127.0.0.1:" + deadPort();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long originManifestGets = ORIGIN.countRequests("GET", "/v2/team/app/manifests/1");
        Store target = Store.open(dir.resolve("target"));
        StoredImage pulled = new Puller(target, access(dead, MIRROR.host()), new PrintStream(log)).pull(
                ImageName.parse(ORIGIN.host() + "/team/app:1"), dev.jbuild.store.platform.Platform.parse("linux/amd64"));
        assertEquals(image.id(), pulled.id());
        assertTrue(log.toString().contains("mirror " + dead + " failed"), log.toString());
        assertEquals(1, MIRROR.countRequests("GET", "/v2/team/app/manifests/1"), "served by the mirror");
        assertEquals(originManifestGets, ORIGIN.countRequests("GET", "/v2/team/app/manifests/1"), "the origin was not asked");

        // A mirror that lacks the image: the origin serves it.
        new Pusher(source, plain, quiet).push(image, ImageName.parse(ORIGIN.host() + "/team/only-origin:1"));
        StoredImage fallback = new Puller(Store.open(dir.resolve("target2")), access(MIRROR.host()), quiet).pull(
                ImageName.parse(ORIGIN.host() + "/team/only-origin:1"), dev.jbuild.store.platform.Platform.parse("linux/amd64"));
        assertEquals(image.id(), fallback.id());
        assertEquals(1, ORIGIN.countRequests("GET", "/v2/team/only-origin/manifests/1"));
    }
}
