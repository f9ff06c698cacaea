package dev.jbuild.store.image;

import dev.jbuild.store.StoreException;
import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageIndex;
import dev.jbuild.store.oci.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * index.json: the store's images. A tagged image is an entry whose
 * {@code org.opencontainers.image.ref.name} is its full name (docker.io/library/busybox:latest), so
 * {@code skopeo inspect oci:STORE:NAME} finds it; an image without names (dangling) keeps an entry
 * without that annotation, so nothing reachable is lost.
 */
public final class ImageRefs {
    private final Path indexFile;
    private final Path lockFile;
    private final TempFiles temp;

    public ImageRefs(Path indexFile, Path lockFile, TempFiles temp) {
        this.indexFile = indexFile;
        this.lockFile = lockFile;
        this.temp = temp;
    }

    private static final Object THREADS = new Object();

    public void initialize() throws IOException {
        if (!Files.exists(indexFile)) {
            update(entries -> entries);
        }
    }

    public List<Descriptor> entries() throws IOException {
        try {
            return Json.read(Files.readAllBytes(indexFile), ImageIndex.class).manifests();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new StoreException("the store's index " + indexFile + " is damaged: " + e.getOriginalMessage());
        }
    }

    /**
     * Read-modify-write of index.json under its own lock; readers always see a whole file. The file lock
     * keeps other processes out; threads of this one (a multi-platform build's platforms) take turns first,
     * since a JVM refuses a second lock of a file it holds.
     */
    public List<Descriptor> update(UnaryOperator<List<Descriptor>> change) throws IOException {
        synchronized (THREADS) {
            return updateLocked(change);
        }
    }

    private List<Descriptor> updateLocked(UnaryOperator<List<Descriptor>> change) throws IOException {
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            List<Descriptor> updated = change.apply(new ArrayList<>(entries()));
            Path tmp = temp.create("index");
            Files.write(tmp, Json.bytes(ImageIndex.of(updated)));
            try (FileChannel sync = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                sync.force(true);
            }
            temp.moveInto(tmp, indexFile);
            return updated;
        }
    }
}
