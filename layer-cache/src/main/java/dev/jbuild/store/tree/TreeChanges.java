package dev.jbuild.store.tree;

import dev.jbuild.store.fs.FileInfo;
import dev.jbuild.store.fs.Posix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a step changed in a tree, as relative paths: entries added or changed (with the directories
 * above them), entries deleted (the topmost of each deleted subtree), directories made anew. Written
 * out as an overlay upper directory, it is the step's layer exactly as an overlay mount would have
 * left it: copies of what changed, 0/0 character devices for deletions, opaque marks.
 */
public record TreeChanges(List<String> changed, List<String> deleted, Set<String> opaque) {

    public boolean isEmpty() {
        return changed.isEmpty() && deleted.isEmpty();
    }

    /** Copies the changes of {@code root} into the empty directory {@code upper}; hard links stay links. */
    public void writeUpper(Path root, Path upper, boolean realRoot) throws IOException {
        EntryCopy copy = new EntryCopy(realRoot);
        for (String name : changed) { // sorted: a directory before what it holds
            copy.copy(root.resolve(name), upper.resolve(name), Posix.lstat(root.resolve(name)));
        }
        for (String name : opaque) {
            Whiteouts.markOpaque(upper.resolve(name), realRoot);
        }
        for (String name : deleted) {
            Posix.mknod(upper.resolve(name), FileInfo.S_IFCHR, 0, 0, 0);
        }
        copy.finish();
    }
}
