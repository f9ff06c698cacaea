package dev.jbuild.executor.sandbox;

import dev.jbuild.store.fs.RootPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The uid, gid and home directory a USER spec ({@code name}, {@code uid}, {@code name:group},
 * {@code uid:gid}) means in one root file system, looked up in its /etc/passwd and /etc/group as
 * docker does: a numeric uid not in passwd runs with gid 0; a name not in passwd is an error.
 */
public record UserIds(long uid, long gid, String home) {

    public static UserIds root() {
        return new UserIds(0, 0, "/root");
    }

    public static UserIds resolve(Path root, String spec) throws IOException {
        if (spec == null || spec.isEmpty()) {
            return lookupUser(root, "0").orElse(root());
        }
        int colon = spec.indexOf(':');
        String user = colon < 0 ? spec : spec.substring(0, colon);
        String group = colon < 0 ? null : spec.substring(colon + 1);
        Optional<UserIds> found = lookupUser(root, user);
        UserIds ids;
        if (found.isPresent()) {
            ids = found.get();
        } else if (isNumber(user)) {
            ids = new UserIds(Long.parseLong(user), 0, "/");
        } else {
            throw new SandboxException("unable to find user " + user + ": no matching entries in passwd file");
        }
        if (group != null && !group.isEmpty()) {
            Optional<Long> named = lookupGroup(root, group);
            long gid = named.isPresent() ? named.get() : isNumber(group) ? Long.parseLong(group) : -1L;
            if (gid < 0) {
                throw new SandboxException("unable to find group " + group + ": no matching entries in group file");
            }
            ids = new UserIds(ids.uid, gid, ids.home);
        }
        return ids;
    }

    private static Optional<UserIds> lookupUser(Path root, String user) throws IOException {
        for (String[] f : entries(root, "/etc/passwd")) {
            if (f.length >= 4 && (f[0].equals(user) || f[2].equals(user)) && isNumber(f[2]) && isNumber(f[3])) {
                return Optional.of(new UserIds(Long.parseLong(f[2]), Long.parseLong(f[3]), f.length > 5 && !f[5].isEmpty() ? f[5] : "/"));
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> lookupGroup(Path root, String group) throws IOException {
        for (String[] f : entries(root, "/etc/group")) {
            if (f.length >= 3 && (f[0].equals(group) || f[2].equals(group)) && isNumber(f[2])) {
                return Optional.of(Long.parseLong(f[2]));
            }
        }
        return Optional.empty();
    }

    private static List<String[]> entries(Path root, String file) throws IOException {
        Path p = RootPaths.resolve(root, file);
        if (!Files.isRegularFile(p)) {
            return List.of();
        }
        List<String[]> entries = new ArrayList<>();
        for (String line : Files.readAllLines(p, StandardCharsets.ISO_8859_1)) {
            if (!line.startsWith("#")) {
                entries.add(line.split(":", -1));
            }
        }
        return entries;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() >= 11) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
