package dev.jbuild.store.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringTokenizer;

/** Which user namespace this process is in, as far as file ownership cares. */
public final class UserNamespace {
    private UserNamespace() {
    }

    /** True for real root: uid 0 in the initial namespace, where trusted.* xattrs may be set. */
    public static boolean isRealRoot() {
        try {
            return words(Files.readString(Path.of("/proc/self/uid_map"))).equals(List.of("0", "0", "4294967295")) && isUidZero();
        } catch (IOException e) {
            return false;
        }
    }

    /** Uid 0 in this process's user namespace (jbuild's, or the initial one): it may give files the owners its mapping holds. */
    public static boolean isRoot() {
        try {
            return isUidZero();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isUidZero() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                List<String> words = words(line);
                return words.size() > 1 && words.get(1).equals("0");
            }
        }
        return false;
    }

    /** The words of a line: without a regular expression, which costs a cold JVM milliseconds to compile. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (StringTokenizer t = new StringTokenizer(text); t.hasMoreTokens(); ) {
            words.add(t.nextToken());
        }
        return words;
    }
}
