package dev.jbuild.store.place;

import dev.jbuild.store.StoreException;
import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.copy.ImageSource;
import dev.jbuild.store.copy.RawManifest;
import dev.jbuild.store.copy.SourceImage;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.tree.Trees;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A docker-archive or oci-archive (plain or gzip, from a file or a pipe) as a source: unpacked into
 * the store's tmp/ (on disk, never in memory; entries that would land outside refused), read as what
 * it holds (manifest.json: a docker-archive; else index.json: an OCI layout), removed on close.
 */
public final class ArchiveSource implements ImageSource {
    private final Path dir;
    private final ImageSource unpacked;

    private ArchiveSource(Path dir, ImageSource unpacked) {
        this.dir = dir;
        this.unpacked = unpacked;
    }

    /** {@code reference}: the image to take (a name, or an OCI ref name); empty: all. */
    public static ArchiveSource open(InputStream archive, String description, Optional<String> reference, TempFiles temp)
            throws IOException {
        Path dir = temp.createDirectory("archive");
        try {
            unpack(archive, dir, description);
            if (Files.isRegularFile(dir.resolve("manifest.json"))) {
                return new ArchiveSource(dir, new DockerArchiveSource(dir, reference, description));
            }
            if (Files.isRegularFile(dir.resolve("index.json"))) {
                return new ArchiveSource(dir, new OciLayoutSource(dir, reference, description));
            }
            throw new StoreException(description + ": neither a docker-archive (no manifest.json) nor an oci-archive"
                    + " (no index.json)");
        } catch (IOException | RuntimeException e) {
            Trees.delete(dir);
            throw e;
        }
    }

    private static void unpack(InputStream archive, Path dir, String description) throws IOException {
        BufferedInputStream in = new BufferedInputStream(archive, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        InputStream tarStream = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
        boolean any = false;
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            any = true;
            Path target = dir.resolve(e.getName()).normalize();
            if (!target.startsWith(dir) || e.getName().startsWith("/")) {
                throw new StoreException(description + ": entry " + e.getName() + " points outside the archive");
            }
            if (e.isDirectory()) {
                Files.createDirectories(target);
            } else if (e.isFile()) {
                Files.createDirectories(target.getParent());
                try {
                    Files.copy(tar, target);
                } catch (java.nio.file.FileAlreadyExistsException twice) { // said without the unpacking directory's path
                    throw new StoreException(description + ": entry " + e.getName() + " appears twice in the archive");
                }
            } else if (!e.isSymbolicLink() && !e.isLink()) {
                throw new StoreException(description + ": unexpected entry " + e.getName() + " in an image archive");
            }
        }
        if (!any) {
            throw new StoreException(description + ": not a tar archive, or an empty one");
        }
    }

    @Override
    public String describe() {
        return unpacked.describe();
    }

    @Override
    public List<SourceImage> images() throws IOException {
        return unpacked.images();
    }

    @Override
    public RawManifest manifest(Descriptor entry) throws IOException {
        return unpacked.manifest(entry);
    }

    @Override
    public void writeBlob(Descriptor blob, OutputStream out) throws IOException {
        unpacked.writeBlob(blob, out);
    }

    @Override
    public Optional<Path> file(Descriptor blob) {
        return unpacked.file(blob);
    }

    @Override
    public void close() throws IOException {
        Trees.delete(dir);
    }
}
