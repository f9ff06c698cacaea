package dev.jbuild.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jbuild.cli.JbuildProcess.Result;
import dev.jbuild.registry.RegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** login, logout and authenticated push/pull against a real registry with htpasswd (basic) auth. */
class RegistryAuthIT {
    @RegisterExtension
    static final RegistryServer REGISTRY = new RegistryServer().withBasicAuth("alice", "s3cret pass");

    @TempDir
    Path work;
    private Map<String, String> env;

    private Result jbuild(byte[] stdin, String... args) throws Exception {
        return JbuildProcess.run(env, stdin, JbuildProcess.PROJECT, args);
    }

    private Result ok(byte[] stdin, String... args) throws Exception {
        Result r = jbuild(stdin, args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    @BeforeEach
    void setUp() throws Exception {
        env = new HashMap<>(Map.of("JBUILD_ROOT", work.resolve("store").toString(),
                "DOCKER_CONFIG", work.resolve("docker").toString()));
        ok(null, "import", Fixtures.busyboxTar().toString(), "busybox:latest");
    }

    @Test
    void loginStoresCredentialsLikeDockerAndLogoutRemovesThem() throws Exception {
        String dest = REGISTRY.host() + "/private/busybox:1";
        Result denied = jbuild(null, "push", "busybox", dest);
        assertEquals(1, denied.exitCode(), denied::toString);
        assertTrue(denied.err().contains("authentication required (jbuild login " + REGISTRY.host() + ")"), denied.err());

        Result wrong = jbuild("nope\n".getBytes(), "login", "-u", "alice", "--password-stdin", REGISTRY.host());
        assertEquals(1, wrong.exitCode(), wrong::toString);
        assertFalse(Files.exists(work.resolve("docker/config.json")), "nothing stored for a refused login");

        assertEquals("Login Succeeded\n",
                ok("s3cret pass\n".getBytes(), "login", "-u", "alice", "--password-stdin", REGISTRY.host()).out());
        Path config = work.resolve("docker/config.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        String auth = new ObjectMapper().readTree(config.toFile()).get("auths").get(REGISTRY.host()).get("auth").asText();
        assertEquals("alice:s3cret pass", new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8));

        ok(null, "push", "busybox", dest);
        env.put("JBUILD_ROOT", work.resolve("fresh").toString());
        ok(null, "pull", dest);

        assertEquals("Removing login credentials for " + REGISTRY.host() + "\n", ok(null, "logout", REGISTRY.host()).out());
        assertEquals("Not logged in to " + REGISTRY.host() + "\n", ok(null, "logout", REGISTRY.host()).out());
        assertEquals(1, jbuild(null, "pull", dest).exitCode(), "without credentials the registry refuses");
    }

    @Test
    void credentialHelperIsUsed() throws Exception {
        // A docker-credential helper that keeps its one secret in a file, as the protocol describes.
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path secret = work.resolve("helper-store.json");
        Path helper = bin.resolve("docker-credential-jbtest");
        Files.writeString(helper, String.join("\n",
                "#!/bin/sh",
                "case \"$1\" in",
                "  store) cat > '" + secret + "' ;;",
                "  get) if [ -f '" + secret + "' ]; then cat '" + secret + "'; else echo 'credentials not found in native keychain'; exit 1; fi ;;",
                "  erase) rm -f '" + secret + "' ;;",
                "esac", ""));
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
        env.put("PATH", bin + ":" + System.getenv("PATH"));
        Files.createDirectories(work.resolve("docker"));
        Files.writeString(work.resolve("docker/config.json"), "{\"credsStore\": \"jbtest\"}");

        ok("s3cret pass\n".getBytes(), "login", "-u", "alice", "--password-stdin", REGISTRY.host());
        assertTrue(Files.readString(secret).contains("\"Username\":\"alice\""), Files.readString(secret));
        assertFalse(Files.readString(work.resolve("docker/config.json")).contains("auths"), "the secret is not in config.json");
        ok(null, "push", "busybox", REGISTRY.host() + "/helper/busybox:1");
        ok(null, "logout", REGISTRY.host());
        assertFalse(Files.exists(secret));
    }
}
