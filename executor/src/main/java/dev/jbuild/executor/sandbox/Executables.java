package dev.jbuild.executor.sandbox;

import dev.jbuild.store.fs.RootPaths;
import dev.jbuild.store.fs.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds a command in a root file system the way execvp would inside the container. */
public final class Executables {
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Executables() {
    }

    /**
     * The container path to execute for {@code command}: as given when it has a slash, else the
     * first match on PATH (from {@code env}, else docker's default PATH).
     *
     * @throws SandboxException with exit code 127 when not found, 126 when not executable
     */
    public static String find(Path root, String command, List<String> env) throws IOException {
        if (command.contains("/")) {
            check(root, command, command);
            return command;
        }
        String path = DEFAULT_PATH;
        for (String e : env) {
            if (e.startsWith("PATH=")) {
                path = e.substring(5); // the last one counts, as for execvp
            }
        }
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            String candidate = dir + "/" + command;
            Path host = RootPaths.resolve(root, candidate);
            if (Files.isRegularFile(host) && isExecutable(host)) {
                return candidate;
            }
        }
        throw new SandboxException("exec: \"" + command + "\": executable file not found in $PATH", 127);
    }

    private static void check(Path root, String command, String shown) throws IOException {
        Path host = RootPaths.resolve(root, command.startsWith("/") ? command : "/" + command);
        if (!Files.exists(host)) {
            throw new SandboxException("exec: \"" + shown + "\": stat " + shown + ": no such file or directory", 127);
        }
        if (Files.isDirectory(host) || !isExecutable(host)) {
            throw new SandboxException("exec: \"" + shown + "\": permission denied", 126);
        }
    }

    private static boolean isExecutable(Path host) throws IOException {
        return (Posix.lstat(host).permissions() & 0111) != 0;
    }
}
