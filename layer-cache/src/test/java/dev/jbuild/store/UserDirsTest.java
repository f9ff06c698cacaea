package dev.jbuild.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserDirsTest {

    @Test
    void theCallersHomeFromTheLauncherWinsOverHomeAndJavasUserHome() {
        UserDirs dirs = UserDirs.of(Map.of("JBUILD_HOME", "/home/ann", "HOME", "/root"));
        assertEquals(Paths.get("/home/ann/.local/share/jbuild"), dirs.store());
        assertEquals(Paths.get("/home/ann/.docker"), dirs.dockerConfigDir());
        assertEquals(Paths.get("/home/ann/.config/jbuild/registries.json"), dirs.registriesConfig());
        assertEquals(Paths.get("/home/ann/.config/jbuild/certs.d"), dirs.certsDir());
        assertEquals(Optional.empty(), dirs.runtimeDir());
    }

    @Test
    void homeIsUsedWithoutTheLauncher() {
        assertEquals(Paths.get("/home/bob/.local/share/jbuild"), UserDirs.of(Map.of("HOME", "/home/bob")).store());
    }

    @Test
    void xdgVariablesComeFirstAndExplicitSettingsWin() {
        UserDirs xdg = UserDirs.of(Map.of("JBUILD_HOME", "/home/ann", "XDG_DATA_HOME", "/d", "XDG_CONFIG_HOME", "/c",
                "XDG_RUNTIME_DIR", "/run/user/1000", "XDG_CACHE_HOME", ""));
        assertEquals(Paths.get("/d/jbuild"), xdg.store());
        assertEquals(Paths.get("/c/jbuild/registries.json"), xdg.registriesConfig());
        assertEquals(Optional.of(Paths.get("/run/user/1000")), xdg.runtimeDir());

        UserDirs explicit = UserDirs.of(Map.of("JBUILD_HOME", "/home/ann", "JBUILD_ROOT", "/s", "DOCKER_CONFIG", "/dc",
                "JBUILD_REGISTRIES_CONFIG", "/r.json", "JBUILD_USERNS", "root"));
        assertEquals(Paths.get("/s"), explicit.store());
        assertEquals(Paths.get("/dc"), explicit.dockerConfigDir());
        assertEquals(Paths.get("/r.json"), explicit.registriesConfig());
    }

    @Test
    void realRootKeepsItsStoreInVarLib() {
        UserDirs root = UserDirs.of(Map.of("JBUILD_HOME", "/root", "JBUILD_USERNS", "root"));
        assertTrue(root.realRoot());
        assertEquals(Paths.get("/var/lib/jbuild"), root.store());
        assertEquals(Paths.get("/home/ann/.local/share/jbuild"),
                UserDirs.of(Map.of("JBUILD_HOME", "/home/ann", "JBUILD_USERNS", "full")).store());
    }
}
