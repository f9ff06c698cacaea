package dev.jbuild.store.layer;

import dev.jbuild.store.Digest;
import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.oci.Descriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a layer stored only as a tree became when it was last compressed (for a push): the media
 * type, digest and size of that blob, under {@code compressed/<diffID hex>}, one
 * {@code MEDIATYPE DIGEST SIZE} line per compression. The blob itself is not kept (the tree is the
 * one copy); knowing its digest is enough for a registry that already has it, so a second push
 * computes nothing (containers/storage keeps the same fact as a layer's "compressed digest").
 */
public final class CompressedForms {
    private final Path dir;
    private final TempFiles temp;

    public CompressedForms(Path dir, TempFiles temp) {
        this.dir = dir;
        this.temp = temp;
    }

    public Optional<Descriptor> get(Digest diffId, Compression compression) throws IOException {
        for (String line : lines(diffId)) {
            String[] f = line.split(" ");
            if (f.length == 3 && f[0].equals(compression.mediaType())) {
                return Optional.of(Descriptor.of(f[0], Digest.parse(f[1]), Long.parseLong(f[2])));
            }
        }
        return Optional.empty();
    }

    /** Records (or replaces) the blob a compression of the layer gave; written whole, then renamed. */
    public synchronized void remember(Digest diffId, Descriptor blob) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines(diffId)) {
            if (!line.startsWith(blob.mediaType() + " ")) {
                text.append(line).append('\n');
            }
        }
        text.append(blob.mediaType()).append(' ').append(blob.digest()).append(' ').append(blob.size()).append('\n');
        Files.createDirectories(dir);
        Path tmp = temp.create("compressed");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        temp.moveInto(tmp, dir.resolve(diffId.hex()));
    }

    /** The diffIDs something is remembered for. */
    public List<Digest> list() throws IOException {
        return Digest.namesIn(dir);
    }

    public void forget(Digest diffId) throws IOException {
        Files.deleteIfExists(dir.resolve(diffId.hex()));
    }

    private List<String> lines(Digest diffId) throws IOException {
        try {
            return Files.readAllLines(dir.resolve(diffId.hex()), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }
}
