import dev.jbuild.store.tree.TreeChanges;
import dev.jbuild.store.tree.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The snapshot of chroot isolation on a Debian-sized tree: DIRS directories of FILES files each, a
 * step that touches 10 of them (rewrites 5, deletes 2, adds 3), and the time to find what changed
 * and write it out as the step's upper dir. Run by bench/snapshot.sh (java source launch, jbuild's jar
 * on the class path).
 */
public final class SnapshotBench {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int dirs = Integer.parseInt(args[1]);
        int files = Integer.parseInt(args[2]);
        for (int d = 0; d < dirs; d++) {
            Path dir = Files.createDirectories(root.resolve("usr/share/d" + (d % 10) + "/pkg" + d));
            for (int f = 0; f < files; f++) {
                Files.writeString(dir.resolve("file" + f), "content of " + d + "/" + f + "\n");
            }
        }
        for (int i = 0; i < 3; i++) { // warm: the first walks load classes and JIT-compile
            TreeSnapshot.take(root, Set.of());
        }
        long t0 = System.nanoTime();
        TreeSnapshot before = TreeSnapshot.take(root, Set.of());
        long t1 = System.nanoTime();
        Thread.sleep(20);
        for (int i = 0; i < 5; i++) {
            Files.writeString(root.resolve("usr/share/d" + i + "/pkg" + i + "/file1"), "changed\n");
        }
        Files.delete(root.resolve("usr/share/d7/pkg7/file2"));
        Files.delete(root.resolve("usr/share/d8/pkg8/file3"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(root.resolve("usr/share/d9/pkg9/new" + i), "new\n");
        }
        long t2 = System.nanoTime();
        TreeSnapshot after = TreeSnapshot.take(root, Set.of());
        long walked = System.nanoTime();
        TreeChanges changes = after.since(before);
        long compared = System.nanoTime();
        Path upper = Files.createDirectories(root.resolveSibling("upper"));
        changes.writeUpper(root, upper, false);
        long t3 = System.nanoTime();
        System.out.printf("entries: %d (%d directories of %d files)%n", after.size(), dirs, files);
        System.out.printf("snapshot (one walk): %.3f s%n", (t1 - t0) / 1e9);
        System.out.printf("after the step: %.3f s = walk %.3f s + compare %.3f s + write the upper %.3f s (%d changed"
                + " entries with their directories, %d deleted)%n", (t3 - t2) / 1e9, (walked - t2) / 1e9, (compared - walked) / 1e9,
                (t3 - compared) / 1e9, changes.changed().size(), changes.deleted().size());
    }
}
