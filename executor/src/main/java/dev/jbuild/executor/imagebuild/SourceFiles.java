package dev.jbuild.executor.imagebuild;

import dev.jbuild.dockerfile.ignore.IgnoreMatcher;
import dev.jbuild.store.fs.RootPaths;
import dev.jbuild.store.Digest;
import dev.jbuild.store.Parallel;
import dev.jbuild.store.filehash.FileHashes;
import dev.jbuild.store.fs.FileInfo;
import dev.jbuild.store.fs.Posix;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The files a COPY/ADD source names inside a root (the build context, or a stage's or image's root
 * file system): globs, .dockerignore for the context, never a path outside the root.
 */
final class SourceFiles {
    private final Path root;
    private final IgnoreMatcher ignore;
    private final IgnoreMatcher excludes;
    /** What the store remembers of the root's files' digests (the build context's), or null. */
    private final FileHashes hashes;

    SourceFiles(Path root, IgnoreMatcher ignore) {
        this(root, ignore, IgnoreMatcher.of(List.of()), null);
    }

    /**
     * @param excludes COPY --exclude patterns, besides .dockerignore
     * @param hashes   the digests the store remembers of the root's files, or null to read every file
     */
    SourceFiles(Path root, IgnoreMatcher ignore, IgnoreMatcher excludes, FileHashes hashes) {
        this.root = root;
        this.ignore = ignore;
        this.excludes = excludes;
        this.hashes = hashes;
    }

    Path root() {
        return root;
    }

    /** The paths {@code source} matches; empty when nothing does. */
    List<Path> match(String source) throws IOException {
        String clean = clean(source);
        if (clean == null) {
            return List.of();
        }
        if (clean.isEmpty()) {
            return List.of(root);
        }
        if (!isWildcard(clean)) {
            // Links in the parent directories are followed as if the root were "/", never out of it.
            Path p = RootPaths.resolveParent(root, clean);
            return Files.exists(p, LinkOption.NOFOLLOW_LINKS) && kept(p) ? List.of(p) : List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + goPattern(clean));
        List<Path> out = new ArrayList<>();
        walk(root, "", p -> {
            Path rel = root.relativize(p);
            if (matcher.matches(rel)) {
                out.add(p);
            }
        });
        return out;
    }

    /**
     * A source pattern as Java's glob takes it, with the meaning of Go's filepath.Match, which BuildKit
     * matches COPY and ADD sources with (as Docker 20.10 did): no star crosses a '/', so "**" is "*"
     * ("**\/*.txt" is "*\/*.txt"); "[^a]" negates; braces are plain characters.
     */
    static String goPattern(String source) {
        String pattern = source;
        while (pattern.contains("**")) {
            pattern = pattern.replace("**", "*");
        }
        return pattern.replace("[^", "[!").replace("{", "\\{").replace("}", "\\}");
    }

    /** Whether a source is a pattern (the Dockerfile's escapes are gone by now, as in BuildKit: n\\?pe is n?pe). */
    static boolean isWildcard(String source) {
        return source.matches(".*[*?\\[].*");
    }

    /** Whether a path relative to the root is excluded by .dockerignore. */
    boolean ignored(String relative) {
        return !ignore.isEmpty() && ignore.excludes(relative) || !excludes.isEmpty() && excludes.excludes(relative);
    }

    /**
     * Whether a path of the root takes part in a copy: not excluded, or an excluded directory below which
     * a {@code !} pattern re-includes something (walked, so that those are found).
     */
    private boolean kept(Path p) {
        String relative = root.relativize(p).toString();
        return !ignored(relative) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && ignore.mayIncludeBelow(relative);
    }

    /**
     * What a source the instruction named is copied from: the path itself, or, for a link, what it leads
     * to inside the root (COPY follows a source that is a link, as docker does; links inside a copied
     * directory stay links).
     */
    Path followed(Path source) throws IOException {
        if (!Files.isSymbolicLink(source)) {
            return source;
        }
        return RootPaths.resolve(root, "/" + root.relativize(source));
    }

    /** Children of a directory that are not ignored, by name. */
    List<Path> children(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (kept(p)) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * Content digest of the sources for the cache key: names, types, modes, bytes and link targets, not
     * times. The files' bytes are hashed on all cores (a context of thousands of files is read whole
     * by every build that reaches its COPY), a window of the walk at a time, and added to the key in the
     * walk's order.
     */
    void digestInto(List<Path> sources, StepKey key) throws IOException {
        KeyWindow window = new KeyWindow(key);
        for (Path s : sources) {
            walkForKey(s, window);
        }
        window.flush();
    }

    /** The walk's key lines, at most {@link #SIZE} of them held until their files are hashed. */
    private final class KeyWindow {
        private static final int SIZE = 1024;
        private final StepKey key;
        private final List<KeyEntry> entries = new ArrayList<>();

        KeyWindow(StepKey key) {
            this.key = key;
        }

        void add(KeyEntry entry) throws IOException {
            entries.add(entry);
            if (entries.size() == SIZE) {
                flush();
            }
        }

        void flush() throws IOException {
            List<Path> files = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (KeyEntry e : entries) {
                if (e.file() != null) {
                    files.add(e.file());
                    names.add(e.relative());
                }
            }
            Iterator<Digest> digests = digests(files, names).iterator();
            for (KeyEntry e : entries) {
                key.add("file:" + e.relative(), e.file() == null ? e.mode() + e.rest() : e.mode() + " " + digests.next());
            }
            entries.clear();
        }
    }

    /** The files' content digests: the ones the store remembers of the context, the rest read on all cores. */
    private List<Digest> digests(List<Path> files, List<String> names) throws IOException {
        if (hashes != null) {
            return hashes.digests(files, names);
        }
        return Parallel.map(files, Digest::of);
    }

    /**
     * One key line, of the file at {@code relative} to the root: a regular file's value is its mode and content
     * digest, worked out with its window's.
     */
    private record KeyEntry(String relative, String mode, Path file, String rest) {
    }

    private void walkForKey(Path p, KeyWindow window) throws IOException {
        FileInfo info = Posix.lstat(p);
        String relative = p.equals(root) ? "." : root.relativize(p).toString();
        String mode = Integer.toOctalString(info.mode());
        switch (info.type()) {
            case FileInfo.S_IFREG -> window.add(new KeyEntry(relative, mode, p, ""));
            case FileInfo.S_IFLNK -> window.add(new KeyEntry(relative, mode, null, " -> " + Files.readSymbolicLink(p)));
            case FileInfo.S_IFDIR -> {
                window.add(new KeyEntry(relative, mode, null, ""));
                for (Path c : children(p)) {
                    walkForKey(c, window);
                }
            }
            default -> window.add(new KeyEntry(relative, mode, null, ""));
        }
    }

    private interface Visitor {
        void visit(Path p) throws IOException;
    }

    private void walk(Path dir, String prefix, Visitor visitor) throws IOException {
        for (Path c : children(dir)) {
            visitor.visit(c);
            if (Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)) {
                walk(c, prefix, visitor);
            }
        }
    }

    /** The source relative to the root, or null when it climbs out of it. */
    static String clean(String source) {
        List<String> parts = new ArrayList<>();
        for (String part : source.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
                continue;
            }
            parts.add(part);
        }
        return String.join("/", parts);
    }
}
