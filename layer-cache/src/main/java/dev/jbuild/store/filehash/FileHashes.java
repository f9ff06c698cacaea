package dev.jbuild.store.filehash;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.Parallel;
import dev.jbuild.store.fs.Posix;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The content digests of a build context's files, remembered in the store between builds (as BuildKit
 * keeps what it knows of a context), so that a file nobody changed is not read again for a cache key.
 * Each digest is kept under the file's size, mtime, ctime and inode and trusted only while all four
 * match: ctime moves with every change made through the file system, even one that puts mtime back.
 * A digest is remembered only when the file's stat was the same before and after it was read. One file
 * per context directory, {@code file-hashes/<sha256 of its real path>}, holding what the last build
 * looked up, in the order it looked. A build looks up in the same order (it walks the context sorted),
 * so the list is read as it goes and the next one written as it goes: the memory this needs does not
 * grow with the context. A file looked up out of that order is read again. What cannot be read or
 * written there costs only a hash.
 */
public final class FileHashes {
    private final Path file;
    private final Store store;
    private RememberedList before;
    private Path nextList;
    private BufferedWriter next;
    /** Whether a digest was read again, so that the next list differs from the last one. */
    private boolean changed;

    private FileHashes(Store store, Path file) {
        this.store = store;
        this.file = file;
    }

    /**
     * What the store remembers of the files of the context directory {@code context}; empty for a
     * context the store itself holds (a tarball, git or standard-input context, unpacked into tmp/ for
     * one build), whose files no later build sees again.
     */
    public static Optional<FileHashes> of(Store store, Path context) throws IOException {
        Path real = context.toRealPath();
        if (real.startsWith(store.root().toRealPath())) {
            return Optional.empty();
        }
        Digest key = Digest.of(real.toString().getBytes(StandardCharsets.UTF_8));
        return Optional.of(new FileHashes(store, store.root().resolve("file-hashes").resolve(key.hex())));
    }

    /**
     * The sha256 of each file's bytes, remembered under its name (its path below the context), given in the
     * walk's order; the files that must be read are read on all cores.
     */
    public List<Digest> digests(List<Path> paths, List<String> names) throws IOException {
        List<Remembered> known = new ArrayList<>(names.size());
        synchronized (this) {
            if (before == null) {
                before = RememberedList.open(file);
            }
            for (String name : names) {
                known.add(before.take(name));
            }
        }
        List<Remembered> looked = Parallel.map(IntStream.range(0, paths.size()).boxed().toList(),
                i -> lookUp(paths.get(i), names.get(i), known.get(i)));
        synchronized (this) {
            if (next == null) {
                nextList = store.temp().create("file-hashes");
                next = Files.newBufferedWriter(nextList, StandardCharsets.UTF_8);
            }
            for (int i = 0; i < looked.size(); i++) {
                Remembered r = looked.get(i);
                changed |= r != known.get(i);
                if (r.name() != null) {
                    next.write(r.line());
                }
            }
        }
        return looked.stream().map(Remembered::digest).toList();
    }

    /** The file's digest: the one remembered while its stat matches, else read; a null name when not to be kept. */
    private static Remembered lookUp(Path path, String name, Remembered known) throws IOException {
        Posix.Stat before = Posix.stat(path);
        if (known != null && known.matches(before)) {
            return known;
        }
        Digest digest = Digest.of(path);
        // Kept when not changed while it was read, and when its name fits on one of the list's lines.
        boolean keep = Posix.stat(path).equals(before) && name.indexOf('\n') < 0 && name.indexOf('\r') < 0;
        return new Remembered(before.size(), before.mtime(), before.ctime(), before.inode(), digest, keep ? name : null);
    }

    /** Keeps what this build looked up, for the next: the list written as it went, renamed into place. */
    public synchronized void save() throws IOException {
        if (next == null) {
            return;
        }
        next.close();
        boolean same = !changed && before.followedToTheEnd();
        before.close();
        if (same) {
            Files.delete(nextList);
        } else {
            Files.createDirectories(file.getParent());
            store.temp().moveInto(nextList, file);
        }
        next = null;
        before = null;
        changed = false;
    }
}
