package dev.jbuild.cli.unshare;

import dev.jbuild.cli.JbuildFailure;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds a command as a shell would, so that "not found" (127) and "not executable" (126) are told
 * apart: a PATH entry the caller may not search is skipped, not an error.
 */
final class ExecutableLookup {
    private ExecutableLookup() {
    }

    static String resolve(String command, String path) {
        if (command.contains("/")) {
            return check(Paths.get(command), command);
        }
        Path notExecutable = null;
        for (String dir : (path == null ? "/usr/local/bin:/usr/bin:/bin" : path).split(File.pathSeparator)) {
            Path candidate = Paths.get(dir.isEmpty() ? "." : dir, command);
            if (Files.isRegularFile(candidate)) {
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
                notExecutable = candidate;
            }
        }
        if (notExecutable != null) {
            throw new JbuildFailure("unshare: cannot run " + command + ": " + notExecutable + " is not executable", 126);
        }
        throw new JbuildFailure("unshare: cannot run " + command + ": command not found", 127);
    }

    private static String check(Path file, String command) {
        if (!Files.exists(file)) {
            throw new JbuildFailure("unshare: cannot run " + command + ": no such file", 127);
        }
        if (Files.isDirectory(file) || !Files.isExecutable(file)) {
            throw new JbuildFailure("unshare: cannot run " + command + ": not an executable file", 126);
        }
        return command;
    }
}
