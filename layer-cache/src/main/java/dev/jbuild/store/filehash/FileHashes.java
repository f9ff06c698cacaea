package dev.jbuild.store.filehash;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.fs.Posix;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content digests of a build context's files, remembered in the store between builds (as BuildKit
 * keeps what it knows of a context), so that a file nobody changed is not read again for a cache key.
 * Each digest is kept under the file's size, mtime, ctime and inode and trusted only while all four
 * match: ctime moves with every change made through the file system, even one that puts mtime back.
 * A digest is remembered only when the file's stat was the same before and after it was read. One file
 * per context directory, {@code file-hashes/<sha256 of its real path>}, holding what the last build
 * looked up. What cannot be read or written there costs only a hash.
 */
public final class FileHashes {
    private final Path file;
    private final Store store;
    private volatile Map<String, Remembered> known;
    private final Map<String, Remembered> looked = new ConcurrentHashMap<>();
    private volatile boolean changed;

    private record Remembered(long size, long mtime, long ctime, long inode, Digest digest) {
        boolean matches(Posix.Stat s) {
            return size == s.size() && mtime == s.mtime() && ctime == s.ctime() && inode == s.inode();
        }
    }

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

    /** The sha256 of {@code path}'s bytes, remembered under {@code name} (its path below the context). */
    public Digest digest(Path path, String name) throws IOException {
        Posix.Stat before = Posix.stat(path);
        // Moved from what was known to what was looked up, so that a file is held once (a context of
        // 20,000 files is as many entries); a second COPY of the same file finds it among the looked up.
        Remembered known = looked.get(name);
        if (known == null) {
            known = known().remove(name);
        }
        if (known != null && known.matches(before)) {
            looked.put(name, known);
            return known.digest();
        }
        Digest digest = Digest.of(path);
        if (Posix.stat(path).equals(before) && name.indexOf('\n') < 0) { // not changed while it was read
            looked.put(name, new Remembered(before.size(), before.mtime(), before.ctime(), before.inode(), digest));
            changed = true;
        }
        return digest;
    }

    /** Keeps what this build looked up, for the next: written whole, then renamed into place. */
    public void save() throws IOException {
        if (!changed && known().isEmpty()) { // every entry known was looked up, and found unchanged
            return;
        }
        Files.createDirectories(file.getParent());
        Path tmp = store.temp().create("file-hashes");
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Remembered> e : looked.entrySet()) {
                Remembered r = e.getValue();
                out.write(r.size() + " " + r.mtime() + " " + r.ctime() + " " + r.inode() + " " + r.digest().hex() + " " + e.getKey() + "\n");
            }
        }
        store.temp().moveInto(tmp, file);
    }

    private Map<String, Remembered> known() {
        Map<String, Remembered> read = known;
        if (read == null) {
            synchronized (this) {
                if (known == null) {
                    known = load();
                }
                read = known;
            }
        }
        return read;
    }

    private Map<String, Remembered> load() {
        Map<String, Remembered> read = new ConcurrentHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(" ", 6);
                if (f.length == 6 && f[4].length() == 64) {
                    read.put(f[5], new Remembered(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                            Long.parseLong(f[3]), Digest.sha256(f[4])));
                }
            }
            return read;
        } catch (NoSuchFileException e) {
            return read; // nothing remembered yet
        } catch (IOException | RuntimeException e) {
            return new ConcurrentHashMap<>(); // unreadable: everything is hashed anew, and the file written again
        }
    }
}
