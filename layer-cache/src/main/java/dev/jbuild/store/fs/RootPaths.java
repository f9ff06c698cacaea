package dev.jbuild.store.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Paths inside a container's root file system, seen from outside it: symlinks are followed as the
 * container would follow them, an absolute link starting again at the root and ".." never leaving
 * it, so a lookup can never reach a host file.
 */
public final class RootPaths {
    private static final int MAX_LINKS = 40;

    private RootPaths() {
    }

    /** The host path of {@code path} (absolute in the container) with every symlink resolved inside {@code root}. */
    public static Path resolve(Path root, String path) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, path);
        Deque<String> done = new ArrayDeque<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                done.pollLast();
                continue;
            }
            done.addLast(part);
            Path current = join(root, done);
            if (Files.isSymbolicLink(current)) {
                if (++links > MAX_LINKS) {
                    throw new IOException(path + ": too many levels of symbolic links");
                }
                String target = Files.readSymbolicLink(current).toString();
                done.removeLast();
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(todo, target);
            }
        }
        return join(root, done);
    }

    /**
     * The host path of {@code path} with the links of its parent directories resolved inside {@code root},
     * the last name kept as it is (so a link there is itself, not what it points to).
     */
    public static Path resolveParent(Path root, String path) throws IOException {
        int slash = path.replaceAll("/+$", "").lastIndexOf('/');
        if (slash < 0) {
            return path.isEmpty() || path.equals(".") ? root : root.resolve(path);
        }
        String name = path.replaceAll("/+$", "").substring(slash + 1);
        Path parent = resolve(root, path.substring(0, slash));
        return name.isEmpty() || name.equals(".") ? parent : name.equals("..") ? resolve(root, path) : parent.resolve(name);
    }

    /**
     * {@code path} (absolute) cleaned as a path, before any link is followed: "." and empty names gone,
     * ".." taking the name before it away (at the root it stays the root), as Go's path.Clean.
     */
    public static String clean(String path) {
        Deque<String> names = new ArrayDeque<>();
        for (String name : path.split("/")) {
            if (name.equals("..")) {
                names.pollLast();
            } else if (!name.isEmpty() && !name.equals(".")) {
                names.addLast(name);
            }
        }
        return "/" + String.join("/", names);
    }

    /** Whether {@code path} exists in the container (after resolving links). */
    public static boolean exists(Path root, String path) throws IOException {
        return Files.exists(resolve(root, path), LinkOption.NOFOLLOW_LINKS);
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    private static Path join(Path root, Deque<String> parts) {
        Path p = root;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }
}
