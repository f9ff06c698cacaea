package dev.jbuild.store.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.fs.FileInfo;
import dev.jbuild.store.fs.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes found by comparing metadata, written as an overlay upper; layer trees laid over each other without a mount. */
class TreeSnapshotTest {
    @TempDir
    Path tmp;

    private Path root() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("etc/apt"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
        Files.writeString(root.resolve("etc/apt/sources.list"), "deb x\n");
        Files.createDirectories(root.resolve("var/cache/old"));
        Files.writeString(root.resolve("var/cache/old/a"), "a");
        Files.writeString(root.resolve("var/cache/old/b"), "b");
        Files.createDirectories(root.resolve("usr/bin"));
        Files.writeString(root.resolve("usr/bin/tool"), "tool");
        Files.writeString(root.resolve("untouched"), "same");
        Files.createDirectories(root.resolve("proc"));
        return root;
    }

    @Test
    void whatAStepChangedIsFoundByMetadataAndWrittenAsOverlayWouldLeaveIt() throws Exception {
        Path root = root();
        TreeSnapshot before = TreeSnapshot.take(root, Set.of("proc"));
        Thread.sleep(10); // ctime granularity
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\nu:x:1000:1000::/home/u:/bin/sh\n");
        Posix.chmod(root.resolve("usr/bin/tool"), 0755);
        Files.delete(root.resolve("etc/apt/sources.list"));
        Trees.delete(root.resolve("var/cache/old"));
        // The old usr/bin stays open while the new one is made: a file system may give a directory made
        // right after a deletion the freed inode, and then no metadata could tell the two apart.
        java.nio.channels.FileChannel oldBin = java.nio.channels.FileChannel.open(root.resolve("usr/bin"));
        Trees.delete(root.resolve("usr/bin"));
        Files.createDirectories(root.resolve("usr/bin"));
        oldBin.close();
        Files.writeString(root.resolve("usr/bin/new"), "new");
        Files.createDirectories(root.resolve("home/u"));
        Files.createSymbolicLink(root.resolve("home/u/link"), Path.of("/etc/passwd"));
        Files.writeString(root.resolve("home/u/one"), "1");
        Files.createLink(root.resolve("home/u/two"), root.resolve("home/u/one"));
        Files.writeString(root.resolve("proc/ignored"), "x");

        TreeChanges changes = TreeSnapshot.take(root, Set.of("proc")).since(before);
        assertEquals(List.of("etc", "etc/apt", "etc/passwd", "home", "home/u", "home/u/link", "home/u/one", "home/u/two",
                "usr", "usr/bin", "usr/bin/new", "var", "var/cache"), changes.changed());
        assertEquals(List.of("etc/apt/sources.list", "var/cache/old"), changes.deleted(), "the top of a deleted subtree only");
        assertEquals(Set.of("usr/bin"), changes.opaque(), "made anew: nothing of the old one shows");

        Path upper = Files.createDirectories(tmp.resolve("upper"));
        changes.writeUpper(root, upper, false);
        assertEquals("root:x:0:0::/root:/bin/sh\nu:x:1000:1000::/home/u:/bin/sh\n", Files.readString(upper.resolve("etc/passwd")));
        assertTrue(Posix.lstat(upper.resolve("etc/apt/sources.list")).isOverlayWhiteout());
        assertTrue(Posix.lstat(upper.resolve("var/cache/old")).isOverlayWhiteout());
        assertEquals("y", new String(Posix.xattr(upper.resolve("usr/bin"), Whiteouts.USER_OPAQUE_XATTR)));
        assertFalse(Files.exists(upper.resolve("untouched")));
        assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(upper.resolve("home/u/link")));
        assertEquals(Posix.lstat(upper.resolve("home/u/one")).inode(), Posix.lstat(upper.resolve("home/u/two")).inode(), "still one file");
        assertEquals(Posix.lstat(root.resolve("etc")).mtime(), Posix.lstat(upper.resolve("etc")).mtime(), "directory times kept");
        assertFalse(Files.exists(upper.resolve("proc")));
    }

    /** A link made elsewhere to a file of a linked tree moves its ctime: not a change there; a file replaced is. */
    @Test
    void inALinkedTreeALinkMadeElsewhereIsNoChangeButAReplacedFileIs() throws Exception {
        Path root = root();
        TreeSnapshot before = TreeSnapshot.take(root, Set.of());
        Thread.sleep(5); // ctime has the clock's resolution
        Files.createLink(tmp.resolve("elsewhere"), root.resolve("untouched"));
        Files.delete(root.resolve("usr/bin/tool"));
        Files.writeString(root.resolve("usr/bin/tool"), "tool"); // same bytes, a new inode
        TreeSnapshot after = TreeSnapshot.take(root, Set.of());
        assertTrue(after.since(before).changed().contains("untouched"), "ctime moved: a change where files are the tree's own");
        assertFalse(after.sinceInLinkedTree(before).changed().contains("untouched"));
        assertTrue(after.sinceInLinkedTree(before).changed().contains("usr/bin/tool"));
    }

    @Test
    void nothingChangedIsNothing() throws Exception {
        Path root = root();
        assertTrue(TreeSnapshot.take(root, Set.of()).since(TreeSnapshot.take(root, Set.of())).isEmpty());
    }

    @Test
    void layersLaidOverEachOtherAsAnOverlayShowsThem() throws Exception {
        Path lower = root();
        Path layer = Files.createDirectories(tmp.resolve("layer"));
        Files.createDirectories(layer.resolve("etc"));
        Files.writeString(layer.resolve("etc/passwd"), "changed\n");
        Posix.mknod(layer.resolve("untouched"), FileInfo.S_IFCHR, 0, 0, 0);
        Files.createDirectories(layer.resolve("var/cache/old"));
        Whiteouts.markOpaque(layer.resolve("var/cache/old"), false);
        Files.writeString(layer.resolve("var/cache/old/c"), "c");

        Path merged = Files.createDirectories(tmp.resolve("merged"));
        new TreeMerge(false).apply(List.of(lower, layer), merged);
        assertEquals("changed\n", Files.readString(merged.resolve("etc/passwd")));
        assertEquals("deb x\n", Files.readString(merged.resolve("etc/apt/sources.list")));
        assertFalse(Files.exists(merged.resolve("untouched"), LinkOption.NOFOLLOW_LINKS), "a whiteout deletes");
        assertEquals(List.of("c"), Files.list(merged.resolve("var/cache/old")).map(p -> p.getFileName().toString()).toList(),
                "an opaque directory hides what was below");
        assertEquals(Posix.lstat(lower.resolve("usr/bin")).mtime(), Posix.lstat(merged.resolve("usr/bin")).mtime());
    }
}
