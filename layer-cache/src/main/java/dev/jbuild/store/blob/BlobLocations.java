package dev.jbuild.store.blob;

import dev.jbuild.store.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Where in registries the store's blobs are known to be (pushed there or pulled from there), so a push
 * to a new repository of the same registry can ask for a cross-repository mount instead of uploading
 * (as containers/image's blob-info cache does). One small file per blob, {@code locations/<hex>}, one
 * {@code REGISTRY REPOSITORY} line per place; lines are appended whole (O_APPEND), so concurrent
 * jbuild processes never tear them. A hint only: the registry says whether the mount worked.
 */
public final class BlobLocations {
    private final Path dir;

    public BlobLocations(Path dir) {
        this.dir = dir;
    }

    public void remember(Digest blob, String registry, String repository) throws IOException {
        if (known(blob).contains(registry + " " + repository)) {
            return;
        }
        Files.createDirectories(dir);
        Files.write(file(blob), (registry + " " + repository + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** A repository of {@code registry}, other than {@code except}, that the blob was seen in. */
    public Optional<String> elsewhere(Digest blob, String registry, String except) throws IOException {
        for (String line : known(blob)) {
            int space = line.indexOf(' ');
            if (space > 0 && line.substring(0, space).equals(registry) && !line.substring(space + 1).equals(except)) {
                return Optional.of(line.substring(space + 1));
            }
        }
        return Optional.empty();
    }

    /** The blob is gone from the store: so is what was known about it. */
    public void forget(Digest blob) throws IOException {
        Files.deleteIfExists(file(blob));
    }

    private List<String> known(Digest blob) throws IOException {
        try {
            return Files.readAllLines(file(blob), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private Path file(Digest blob) {
        return dir.resolve(blob.hex());
    }
}
