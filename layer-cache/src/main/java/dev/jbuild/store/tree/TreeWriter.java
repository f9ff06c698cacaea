package dev.jbuild.store.tree;

import dev.jbuild.store.fs.FileInfo;
import dev.jbuild.store.fs.Posix;
import dev.jbuild.store.tar.TarEntry;
import dev.jbuild.store.tar.TarWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Writes a directory as a layer tar: an image root file system, or an overlay upper dir whose
 * whiteouts become OCI whiteouts. Output depends only on the tree: entries in sorted depth-first
 * order, numeric owners, whole-second mtimes (clamped to SOURCE_DATE_EPOCH when given), hard links
 * by inode, xattrs with raw values, no overlay bookkeeping. Sockets are skipped, as docker does.
 */
public final class TreeWriter {
    private final OptionalLong clampEpoch;
    private final Map<Long, Map<Long, String>> firstNameByInode = new HashMap<>();

    /** @param clampEpoch mtimes later than this become this (SOURCE_DATE_EPOCH) */
    public TreeWriter(OptionalLong clampEpoch) {
        this.clampEpoch = clampEpoch;
    }

    /** Streams {@code root}'s contents (not root itself) as a tar into {@code out}. */
    public void write(Path root, OutputStream out) throws IOException {
        TarWriter tar = new TarWriter(out);
        writeChildren(root, "", tar);
        tar.finish();
    }

    private void writeChildren(Path dir, String prefix, TarWriter tar) throws IOException {
        for (Path child : sortedChildren(dir)) {
            String name = prefix + child.getFileName().toString();
            FileInfo info = Posix.lstat(child);
            if (info.isOverlayWhiteout()) {
                tar.write(whiteout(prefix + Whiteouts.PREFIX + child.getFileName(), info), InputStream.nullInputStream());
                continue;
            }
            Map<String, byte[]> xattrs = Posix.xattrs(child);
            boolean opaque = Whiteouts.isOpaqueValue(xattrs.get(Whiteouts.USER_OPAQUE_XATTR))
                    || Whiteouts.isOpaqueValue(xattrs.get(Whiteouts.TRUSTED_OPAQUE_XATTR));
            xattrs.keySet().removeIf(Whiteouts::isOverlayXattr);
            switch (info.type()) {
                case FileInfo.S_IFDIR -> {
                    tar.write(entry(name + "/", TarEntry.Type.DIRECTORY, info, 0, "", xattrs), null);
                    if (opaque) {
                        tar.write(whiteout(name + "/" + Whiteouts.OPAQUE, info), InputStream.nullInputStream());
                    }
                    writeChildren(child, name + "/", tar);
                }
                case FileInfo.S_IFREG -> writeFile(child, name, info, xattrs, tar);
                case FileInfo.S_IFLNK -> tar.write(entry(name, TarEntry.Type.SYMLINK, info, 0,
                        Files.readSymbolicLink(child).toString(), xattrs), null);
                case FileInfo.S_IFCHR -> tar.write(entry(name, TarEntry.Type.CHAR_DEVICE, info, 0, "", xattrs), null);
                case FileInfo.S_IFBLK -> tar.write(entry(name, TarEntry.Type.BLOCK_DEVICE, info, 0, "", xattrs), null);
                case FileInfo.S_IFIFO -> tar.write(entry(name, TarEntry.Type.FIFO, info, 0, "", xattrs), null);
                default -> {
                    // sockets belong to running processes, not to images
                }
            }
        }
    }

    private void writeFile(Path file, String name, FileInfo info, Map<String, byte[]> xattrs, TarWriter tar) throws IOException {
        if (info.links() > 1) {
            Map<Long, String> onDevice = firstNameByInode.computeIfAbsent(info.device(), d -> new HashMap<>());
            String first = onDevice.putIfAbsent(info.inode(), name);
            if (first != null) {
                tar.write(entry(name, TarEntry.Type.HARDLINK, info, 0, first, xattrs), null);
                return;
            }
        }
        try (InputStream content = Files.newInputStream(file)) {
            tar.write(entry(name, TarEntry.Type.REGULAR, info, info.size(), "", xattrs), content);
        }
    }

    private TarEntry entry(String name, TarEntry.Type type, FileInfo info, long size, String link, Map<String, byte[]> xattrs) {
        boolean device = type == TarEntry.Type.CHAR_DEVICE || type == TarEntry.Type.BLOCK_DEVICE;
        return new TarEntry(name, type, info.permissions(), info.uid(), info.gid(), size, mtime(info), link,
                device ? info.rdevMajor() : 0, device ? info.rdevMinor() : 0, xattrs);
    }

    private TarEntry whiteout(String name, FileInfo info) {
        return new TarEntry(name, TarEntry.Type.REGULAR, 0, 0, 0, 0, mtime(info), "", 0, 0, Map.of());
    }

    private long mtime(FileInfo info) {
        return clampEpoch.isPresent() ? Math.min(info.mtime(), clampEpoch.getAsLong()) : info.mtime();
    }

    /** Children in byte order of their names, as Go's filepath.Walk (and so docker) visits them. */
    private static List<Path> sortedChildren(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        }
        children.sort((a, b) -> compareBytes(a.getFileName().toString(), b.getFileName().toString()));
        return children;
    }

    private static int compareBytes(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
