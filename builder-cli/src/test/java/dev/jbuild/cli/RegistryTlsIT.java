package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.cli.JbuildProcess.Result;
import dev.jbuild.registry.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A registry with a certificate from a private CA: refused, then trusted through certs.d, or not checked. */
class RegistryTlsIT {
    @RegisterExtension
    static final RegistryServer REGISTRY = new RegistryServer().withTls();

    @TempDir
    Path work;

    private Result jbuild(Path store, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("JBUILD_ROOT", store.toString(),
                "XDG_CONFIG_HOME", work.resolve("config").toString()));
        return JbuildProcess.run(env, null, JbuildProcess.PROJECT, args);
    }

    @Test
    void privateCaInCertsDirOrNoVerification() throws Exception {
        Path store = work.resolve("store");
        assertEquals(0, jbuild(store, "import", Fixtures.busyboxTar().toString(), "busybox").exitCode());
        String dest = REGISTRY.host() + "/tls/busybox:1";

        Result untrusted = jbuild(store, "push", "busybox", dest);
        assertEquals(1, untrusted.exitCode(), untrusted::toString);
        assertTrue(untrusted.err().contains("its certificate is not trusted: put the CA in ~/.config/jbuild/certs.d/"
                + REGISTRY.host() + "/ca.crt"), untrusted.err());

        Result unchecked = jbuild(store, "push", "--tls-verify=false", "busybox", dest);
        assertEquals(0, unchecked.exitCode(), unchecked::toString);

        Path certs = Files.createDirectories(work.resolve("config/jbuild/certs.d").resolve(REGISTRY.host()));
        Files.copy(REGISTRY.caCertificate(), certs.resolve("ca.crt"));
        Result pulled = jbuild(work.resolve("fresh"), "pull", dest);
        assertEquals(0, pulled.exitCode(), pulled::toString);
        assertTrue(pulled.out().contains("Status: Downloaded image for " + dest), pulled.out());

        // A built layer is compressed as it is pushed, and streamed into the registry as it is compressed.
        Path context = Files.createDirectories(work.resolve("context"));
        Files.writeString(context.resolve("Dockerfile"), "FROM busybox\nCOPY note /note\n");
        Files.writeString(context.resolve("note"), "streamed over a verified connection");
        Result built = jbuild(store, "build", "-q", "-t", "note", context.toString());
        assertEquals(0, built.exitCode(), built::toString);
        Result verified = jbuild(store, "push", "note", REGISTRY.host() + "/tls/note:1");
        assertEquals(0, verified.exitCode(), verified::toString);
        assertEquals(1, REGISTRY.countRequests("PATCH", "/v2/tls/note/blobs/uploads/"), "streamed with the CA of certs.d");
    }
}
