package dev.jbuild.executor.sandbox;

import dev.jbuild.store.fs.RootPaths;
import dev.jbuild.store.fs.FileInfo;
import dev.jbuild.store.fs.Posix;
import dev.jbuild.store.fs.UserNamespace;
import dev.jbuild.store.tree.TreeMerge;
import dev.jbuild.store.tree.TreeSnapshot;
import dev.jbuild.store.tree.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A container's root under chroot isolation, where nothing can be mounted: the image's layers and
 * the container's earlier changes copied into merged/; /etc/hosts, resolv.conf and hostname, /dev's nodes
 * and links ({@link ContainerDev}) and the volumes copied in (volumes written back after a read-write run,
 * read-only ones without write bits); the command chrooted into it by the sandbox program ({@link Sandbox}),
 * which makes no namespace and answers for /proc, /sys and the nodes it could not make (src/main/c/kernelfiles.c).
 * What the run changed, found by comparing metadata with the image's files, is the container's upper.
 * Missing against the rootless isolation: a PID namespace (the bridge shows the command's processes alone
 * in /proc; the sandbox program kills what the command leaves running), --network none, a hostname.
 */
public final class ChrootRoot {
    /** Never part of a layer: what the rootless isolation mounts over the image. */
    private static final List<String> MOUNTED = List.of("proc", "sys", "dev", "etc/hosts", "etc/resolv.conf", "etc/hostname");
    private final Path merged;
    private final Set<String> excluded;
    /** What the volumes added at paths the image lacked (removed before the root is kept); null: a volume covers image files. */
    private final List<String> added;
    private final boolean realRoot = UserNamespace.isRealRoot();
    private TreeSnapshot image;
    private boolean changesWritten;

    private ChrootRoot(Path merged, Set<String> excluded, List<String> added) {
        this.merged = merged;
        this.excluded = excluded;
        this.added = added;
    }

    /**
     * A step's root kept for the next step of its stage: the files as the step left them; {@code linked}: its
     * regular files are the layers' own (a COPY's, see CopiedRoot), which a RUN must never be given.
     */
    public record Kept(Path merged, boolean linked) {
    }

    /**
     * The image's layers copied into {@code merged}, then what the rootless isolation mounts over them
     * (the generated /etc files in {@code etc}, /dev/null, the volumes, the init), then the container's
     * earlier changes ({@code upper}). What is put in never counts as a change: it is left out of the
     * snapshots, and the snapshot of the image is taken after it went in.
     */
    public static ChrootRoot open(Path merged, List<Path> imageLayers, Path upper, Path etc, List<Volume> volumes, Path init)
            throws IOException {
        Trees.delete(merged);
        Files.createDirectories(merged);
        TreeMerge merge = new TreeMerge(UserNamespace.isRealRoot());
        merge.apply(imageLayers, merged);
        ChrootRoot root = withVolumes(merged, volumes);
        root.putIn(etc, volumes, init);
        root.image = TreeSnapshot.take(merged, root.excluded);
        merge.apply(List.of(upper), merged);
        return root;
    }

    /**
     * A kept root moved to {@code merged} instead of a new copy: what the previous step left is the image of
     * this one, with this run's /etc files, devices and volumes put in, then its snapshot taken (putting in
     * changes directories' times, so the previous step's snapshot would not do). Empty when a volume of this
     * run covers image files: a copy of the image's own files has to be under it.
     */
    public static java.util.Optional<ChrootRoot> reuse(Kept kept, Path merged, Path etc, List<Volume> volumes, Path init)
            throws IOException {
        if (withVolumes(kept.merged(), volumes).added == null) {
            return java.util.Optional.empty();
        }
        Trees.delete(merged);
        Files.move(kept.merged(), merged);
        for (String dir : List.of("/dev", "/proc", "/sys")) { // mounts in the rootless isolation: nothing a step left there stays
            Trees.delete(RootPaths.resolveParent(merged, dir));
        }
        ChrootRoot root = withVolumes(merged, volumes);
        root.putIn(etc, volumes, init);
        root.image = TreeSnapshot.take(merged, root.excluded);
        return java.util.Optional.of(root);
    }

    private static ChrootRoot withVolumes(Path merged, List<Volume> volumes) {
        Set<String> excluded = new HashSet<>(MOUNTED);
        List<String> added = new java.util.ArrayList<>();
        for (Volume v : volumes) {
            String path = v.container().substring(1);
            String point = mountPoint(merged, path);
            excluded.add(point);
            if (point.equals(path) && Files.exists(merged.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                added = null; // the volume replaced image files: only a fresh copy brings them back
            } else if (added != null) {
                added.add(point);
            }
        }
        return new ChrootRoot(merged, Set.copyOf(excluded), added);
    }

    /** What a volume at {@code path} adds to the image: the path, or the topmost of its directories the image lacks. */
    private static String mountPoint(Path merged, String path) {
        String top = path;
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (!Files.exists(merged.resolve(path.substring(0, slash)), LinkOption.NOFOLLOW_LINKS)) {
                top = path.substring(0, slash);
                break;
            }
        }
        return top;
    }

    /**
     * Every path is resolved inside the root (the image's links followed as if it were /, the last one
     * replaced): an image whose /etc or /dev is a link to the host's never makes jbuild write there.
     */
    private void putIn(Path etc, List<Volume> volumes, Path init) throws IOException {
        for (String dir : List.of("/proc", "/sys", "/dev", "/etc")) {
            Files.createDirectories(RootPaths.resolve(merged, dir));
        }
        for (String f : List.of("hosts", "resolv.conf", "hostname")) {
            Files.copy(etc.resolve(f), fresh("/etc/" + f));
        }
        Path dev = RootPaths.resolve(merged, "/dev");
        for (ContainerDev.Device device : ContainerDev.DEVICES) {
            Trees.delete(dev.resolve(device.name())); // whatever the image had there
        }
        ContainerDev.write(dev, ChrootRoot::node);
        if (init != null) {
            Path target = fresh("/dev/init");
            Files.copy(init, target);
            Posix.chmod(target, 0755);
        }
        for (Volume v : volumes) {
            Path inside = fresh(v.container());
            if (v.isTmpfs()) {
                Files.createDirectories(inside);
                Posix.chmod(inside, 01777);
            } else if (Posix.isSocket(Path.of(v.host()))) {
                linkSocket(Path.of(v.host()).toRealPath(), inside); // the socket itself: a link would lead outside the root
                continue;
            } else if (Files.isDirectory(Path.of(v.host()))) {
                Files.createDirectories(inside);
                new TreeMerge(realRoot).apply(List.of(Path.of(v.host())), inside);
            } else {
                Files.copy(Path.of(v.host()), inside);
            }
            if (v.readOnly()) {
                withoutWriteBits(inside);
            }
        }
    }

    /**
     * An SSH agent's socket cannot be copied, and without mounts only a hard link puts it inside the root:
     * connecting through any link reaches the socket. That needs the same file system (jbuild's own agent,
     * for key files, listens in the store).
     */
    private static void linkSocket(Path socket, Path inside) throws IOException {
        try {
            Files.createLink(inside, socket);
        } catch (IOException e) {
            throw new SandboxException("RUN --mount=type=ssh: under chroot isolation the agent's socket must be on the store's"
                    + " file system: give --ssh ID=KEYFILE, and jbuild's own agent holds the key (" + e.getMessage() + ")", 1);
        }
    }

    /**
     * A read-only volume (a secret, a bind) is a copy here, with no mount to make it read-only: its write
     * bits are cleared, so that only a root command (CAP_DAC_OVERRIDE) could change the copy, and even
     * then nothing reaches the host's file or a layer.
     */
    private static void withoutWriteBits(Path top) throws IOException {
        try (var all = Files.walk(top)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (!Files.isSymbolicLink(p)) {
                    Posix.chmod(p, Posix.lstat(p).mode() & 07555);
                }
            }
        }
    }

    /**
     * A device node where the host allows making one; else an empty file with its mode (a user namespace may
     * not make devices), which the /proc bridge answers for when the command opens it.
     */
    private static void node(Path place, int major, int minor) throws IOException {
        try {
            Posix.mknod(place, FileInfo.S_IFCHR, 0666, major, minor);
        } catch (IOException e) {
            Files.createFile(place);
            Posix.chmod(place, 0666);
        }
    }

    /** {@code path} inside the root, its directories made, whatever was there removed. */
    private Path fresh(String path) throws IOException {
        Path target = RootPaths.resolveParent(merged, path);
        Files.createDirectories(target.getParent());
        Trees.delete(target);
        return target;
    }

    /** Read-write volumes get what the run left in them (a cache mount persists so). */
    public void writeBack(List<Volume> volumes) throws IOException {
        for (Volume v : volumes) {
            Path host = Path.of(v.host());
            Path inside = RootPaths.resolveParent(merged, v.container());
            if (v.readOnly() || v.isTmpfs() || !Files.isDirectory(host) || !Files.isDirectory(inside, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (var entries = Files.list(host)) {
                for (Path old : (Iterable<Path>) entries::iterator) {
                    Trees.delete(old);
                }
            }
            new TreeMerge(realRoot).apply(List.of(inside), host);
        }
    }

    /** What the container changed against its image, written as {@code upper} (replacing what was there). */
    public void writeChanges(Path upper) throws IOException {
        Trees.delete(upper);
        Files.createDirectories(upper);
        TreeSnapshot.take(merged, excluded).since(image).writeUpper(merged, upper, realRoot);
        changesWritten = true;
    }

    /**
     * After {@link #writeChanges}: the root moved to {@code holding} for the stage's next step, its volumes
     * taken out; empty (and the root left to {@link #close}) when a volume covered image files.
     */
    public java.util.Optional<Kept> keep(Path holding) throws IOException {
        if (!changesWritten || added == null) {
            return java.util.Optional.empty();
        }
        for (String point : added) {
            Trees.delete(RootPaths.resolveParent(merged, "/" + point));
        }
        Files.move(merged, holding);
        Files.createDirectories(merged);
        return java.util.Optional.of(new Kept(holding, false));
    }

    /** Removes the copy. */
    public void close() throws IOException {
        Trees.delete(merged);
        Files.createDirectories(merged);
    }
}
