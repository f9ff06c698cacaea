package dev.jbuild.registry.auth;

import dev.jbuild.store.UserDirs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthConfigTest {

    @Test
    void podmansAuthFileIsReadAndDockerHubIsKeyedAsDockerKeysIt(@TempDir Path dir) throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("run/containers"));
        Files.writeString(runtime.resolve("auth.json"), "{\"auths\": {\"quay.example\": {\"auth\": \""
                + new Credentials("pod", "man").encoded() + "\"}}}");
        AuthConfig config = AuthConfig.of(UserDirs.of(Map.of("DOCKER_CONFIG", dir.resolve("docker").toString(),
                "XDG_RUNTIME_DIR", dir.resolve("run").toString())));
        assertEquals(Optional.of(new Credentials("pod", "man")), config.lookup("quay.example"));
        assertEquals(Optional.empty(), config.lookup("other.example"));

        config.store("docker.io", new Credentials("hub", "pw"));
        String json = Files.readString(dir.resolve("docker/config.json"));
        assertTrue(json.contains("\"https://index.docker.io/v1/\""), json);
        assertEquals(Optional.of(new Credentials("hub", "pw")), config.lookup("docker.io"));
        assertTrue(config.remove("docker.io"));
        assertEquals(Optional.empty(), config.lookup("docker.io"));
    }
}
