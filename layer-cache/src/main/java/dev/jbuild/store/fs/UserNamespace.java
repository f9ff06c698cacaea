package dev.jbuild.store.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which user namespace this process is in, as far as file ownership cares. */
public final class UserNamespace {
    private UserNamespace() {
    }

    /** True for real root: uid 0 in the initial namespace, where trusted.* xattrs may be set. */
    public static boolean isRealRoot() {
        try {
            String map = Files.readString(Path.of("/proc/self/uid_map")).trim();
            return map.matches("0\\s+0\\s+4294967295") && isUidZero();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isUidZero() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return line.split("\\s+")[1].equals("0");
            }
        }
        return false;
    }
}
