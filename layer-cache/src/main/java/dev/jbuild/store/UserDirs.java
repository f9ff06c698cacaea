package dev.jbuild.store;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;

/**
 * The one answer to "whose home is this". Inside jbuild's user namespace the JVM runs as uid 0, so
 * Java's {@code user.home} says /root; the launcher passes the caller's home in from outside as
 * JBUILD_HOME (and the XDG variables pass through unchanged). Every default path jbuild uses is
 * resolved here: XDG variables first, then the caller's home.
 */
public final class UserDirs {
    private final Map<String, String> env;
    private final Path home;

    private UserDirs(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    public static UserDirs of(Map<String, String> env) {
        String home = first(env, "JBUILD_HOME", "HOME");
        return new UserDirs(env, Paths.get(home != null ? home : System.getProperty("user.home")));
    }

    public static UserDirs current() {
        return of(System.getenv());
    }

    public Path home() {
        return home;
    }

    /** Whether jbuild runs as the host's real root (the launcher says so; a namespace's root is not). */
    public boolean realRoot() {
        return "root".equals(env.get("JBUILD_USERNS"));
    }

    /** $XDG_CONFIG_HOME, else ~/.config. */
    public Path configHome() {
        return xdg("XDG_CONFIG_HOME", ".config");
    }

    /** $XDG_DATA_HOME, else ~/.local/share. */
    public Path dataHome() {
        return xdg("XDG_DATA_HOME", ".local/share");
    }

    /** $XDG_CACHE_HOME, else ~/.cache. */
    public Path cacheHome() {
        return xdg("XDG_CACHE_HOME", ".cache");
    }

    /** $XDG_RUNTIME_DIR when set. */
    public Optional<Path> runtimeDir() {
        String dir = first(env, "XDG_RUNTIME_DIR");
        return dir != null ? Optional.of(Paths.get(dir)) : Optional.empty();
    }

    /** The store: JBUILD_ROOT, else /var/lib/jbuild for real root, else $XDG_DATA_HOME/jbuild. */
    public Path store() {
        return pathOr("JBUILD_ROOT", realRoot() ? Paths.get("/var/lib/jbuild") : dataHome().resolve("jbuild"));
    }

    /** docker's config directory: $DOCKER_CONFIG, else ~/.docker. */
    public Path dockerConfigDir() {
        return pathOr("DOCKER_CONFIG", home.resolve(".docker"));
    }

    /** jbuild's registries.json: $JBUILD_REGISTRIES_CONFIG, else $XDG_CONFIG_HOME/jbuild/registries.json. */
    public Path registriesConfig() {
        return pathOr("JBUILD_REGISTRIES_CONFIG", configHome().resolve("jbuild").resolve("registries.json"));
    }

    /** The user's certs.d: $XDG_CONFIG_HOME/jbuild/certs.d. */
    public Path certsDir() {
        return configHome().resolve("jbuild").resolve("certs.d");
    }

    private Path xdg(String variable, String underHome) {
        return pathOr(variable, home.resolve(underHome));
    }

    private Path pathOr(String variable, Path otherwise) {
        String value = first(env, variable);
        return value != null ? Paths.get(value) : otherwise;
    }

    /**
     * The first of the variables set and not empty, else null. Plain code rather than Optional chains:
     * every command resolves these paths at start, when each lambda's first use costs its linking.
     */
    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }
}
