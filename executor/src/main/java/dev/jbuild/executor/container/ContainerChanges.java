package dev.jbuild.executor.container;

import dev.jbuild.store.fs.FileInfo;
import dev.jbuild.store.fs.Posix;
import dev.jbuild.store.tree.Whiteouts;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a container changed, read from its overlay upper dir against the image's layers (docker diff). */
public final class ContainerChanges {
    /** @param kind A, C or D */
    public record Change(char kind, String path) {
    }

    private ContainerChanges() {
    }

    /** @param lowers the image's extracted layers, bottom first */
    public static List<Change> of(Path upper, List<Path> lowers) throws IOException {
        List<Change> changes = new ArrayList<>();
        walk(upper, "", lowers, changes);
        return changes;
    }

    private static void walk(Path dir, String prefix, List<Path> lowers, List<Change> changes) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(children::add);
        }
        children.sort(null);
        for (Path child : children) {
            String path = prefix + "/" + child.getFileName();
            FileInfo info = Posix.lstat(child);
            if (info.isOverlayWhiteout()) {
                changes.add(new Change('D', path));
                continue;
            }
            changes.add(new Change(inImage(path, lowers) ? 'C' : 'A', path));
            if (info.type() == FileInfo.S_IFDIR) {
                walk(child, path, lowers, changes);
            }
        }
    }

    /** Whether the image has the path: the topmost layer that mentions it decides. */
    private static boolean inImage(String path, List<Path> lowers) throws IOException {
        for (int i = lowers.size() - 1; i >= 0; i--) {
            Path p = lowers.get(i).resolve(path.substring(1));
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return !Posix.lstat(p).isOverlayWhiteout();
            }
            if (opaqueAbove(lowers.get(i), path)) {
                return false;
            }
        }
        return false;
    }

    private static boolean opaqueAbove(Path layer, String path) throws IOException {
        Path dir = layer.resolve(path.substring(1)).getParent();
        while (dir != null && dir.startsWith(layer) && !dir.equals(layer)) {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                byte[] v = Posix.xattr(dir, Whiteouts.USER_OPAQUE_XATTR);
                if (v != null && v.length == 1 && v[0] == 'y') {
                    return true;
                }
            }
            dir = dir.getParent();
        }
        return false;
    }
}
