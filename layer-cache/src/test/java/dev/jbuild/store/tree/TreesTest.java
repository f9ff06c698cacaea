package dev.jbuild.store.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbuild.store.fs.Posix;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting a tree on all cores: everything below it goes, nothing a link leads to does. */
class TreesTest {
    @TempDir
    Path tmp;

    @Test
    void aWideDeepTreeWithReadOnlyDirectoriesGoesWholeAndLinksAreNotFollowed() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("kept"), "kept");
        Path tree = tmp.resolve("tree");
        for (int d = 0; d < 12; d++) {
            Path dir = Files.createDirectories(tree.resolve("d" + d).resolve("sub"));
            for (int f = 0; f < 3 * TreeTasks.FILES_PER_TASK + 5; f++) { // several runs of files in one directory
                Files.writeString(dir.getParent().resolve("f" + f), "x");
            }
            Files.writeString(dir.resolve("deep"), "y");
            Files.createSymbolicLink(dir.resolve("to-outside"), outside);
            Posix.chmod(dir, 0555); // an image's read-only directory: its entries go first
        }
        Files.createSymbolicLink(tree.resolve("dangling"), tmp.resolve("nothing"));

        Trees.delete(tree);

        assertFalse(Files.exists(tree));
        assertEquals("kept", Files.readString(outside.resolve("kept")));
        Trees.delete(tree); // absent is fine
    }

    @Test
    void aLinkOrAFileIsDeletedItself() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dir"));
        Files.writeString(dir.resolve("f"), "f");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);
        Trees.delete(link);
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(dir.resolve("f")), "the link's directory stays");
        Trees.delete(dir.resolve("f"));
        assertFalse(Files.exists(dir.resolve("f")));
    }
}
