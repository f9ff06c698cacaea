package dev.jbuild.store.blob;

import dev.jbuild.store.Digest;
import dev.jbuild.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code blobs/sha256/<hex>}: layers, configs and manifests by digest. A blob is written to tmp/ and
 * renamed into place once complete and verified, so a reader never sees half a blob.
 */
public final class BlobStore {
    private final Path blobs;
    private final TempFiles temp;

    public BlobStore(Path blobs, TempFiles temp) {
        this.blobs = blobs;
        this.temp = temp;
    }

    public Path path(Digest digest) {
        return blobs.resolve(digest.algorithm()).resolve(digest.hex());
    }

    public boolean contains(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    public long size(Digest digest) {
        try {
            return Files.size(path(digest));
        } catch (NoSuchFileException e) {
            throw new StoreException("blob " + digest + " is missing from the store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InputStream open(Digest digest) throws IOException {
        try {
            return Files.newInputStream(path(digest));
        } catch (NoSuchFileException e) {
            throw new StoreException("blob " + digest + " is missing from the store");
        }
    }

    public byte[] read(Digest digest) throws IOException {
        try (InputStream in = open(digest)) {
            return in.readAllBytes();
        }
    }

    /** Stores small content (a config, a manifest) whole. */
    public Digest put(byte[] content) throws IOException {
        try (BlobWriter w = writer()) {
            w.stream().write(content);
            return w.commit(null);
        }
    }

    public BlobWriter writer() throws IOException {
        return new BlobWriter(this, temp.create("blob"));
    }

    /** Moves a finished temp file into place; an existing blob with that digest is kept. */
    void install(Path tempFile, Digest digest) throws IOException {
        Path target = path(digest);
        if (Files.exists(target)) {
            Files.deleteIfExists(tempFile);
            return;
        }
        Files.createDirectories(target.getParent());
        temp.moveInto(tempFile, target);
    }

    public List<Digest> list() throws IOException {
        Path dir = blobs.resolve("sha256");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Digest> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                String hex = p.getFileName().toString();
                if (Digest.isDigest("sha256:" + hex)) {
                    out.add(Digest.sha256(hex));
                }
            });
        }
        return out;
    }

    public void delete(Digest digest) throws IOException {
        Files.deleteIfExists(path(digest));
    }

    /** An open blob being written. */
    public static final class BlobWriter implements AutoCloseable {
        private final BlobStore store;
        private final Path tempFile;
        private final DigestingOutputStream out;
        private boolean committed;

        BlobWriter(BlobStore store, Path tempFile) throws IOException {
            this.store = store;
            this.tempFile = tempFile;
            this.out = new DigestingOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tempFile), 1 << 16));
        }

        public OutputStream stream() {
            return out;
        }

        /** Finishes the blob; when {@code expected} is given, a different digest is an error and nothing is stored. */
        public Digest commit(Digest expected) throws IOException {
            out.close();
            Digest digest = out.digest();
            if (expected != null && !expected.equals(digest)) {
                throw new StoreException("digest mismatch: expected " + expected + ", got " + digest);
            }
            store.install(tempFile, digest);
            committed = true;
            return digest;
        }

        public long size() {
            return out.size();
        }

        @Override
        public void close() throws IOException {
            if (!committed) {
                try {
                    out.close(); // may fail again (a full disk cannot take the buffered rest): it is discarded anyway
                } catch (IOException discarded) {
                    // the failure that got us here is the one to report
                } finally {
                    Files.deleteIfExists(tempFile);
                }
            }
        }
    }
}
