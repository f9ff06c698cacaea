package dev.jbuild.store.layer;

import dev.jbuild.store.Digest;
import dev.jbuild.store.blob.TempFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an image's manifest became when it left the store with its layers compressed (a push, a save):
 * the exact bytes, under {@code manifest-forms/<manifest hex>/<their digest hex>}. With the compressed
 * forms of its layers, this lets a second push know its manifest's digest without hashing anything:
 * the bytes it would send are compared with those kept, and the name of the match is their digest.
 */
public final class ManifestForms {
    private final Path dir;
    private final TempFiles temp;

    public ManifestForms(Path dir, TempFiles temp) {
        this.dir = dir;
        this.temp = temp;
    }

    /** The digest of {@code bytes}, when they are a form of {@code original} kept before. */
    public Optional<Digest> digestOf(Digest original, byte[] bytes) throws IOException {
        try (DirectoryStream<Path> forms = Files.newDirectoryStream(dir.resolve(original.hex()))) {
            for (Path form : forms) {
                String name = form.getFileName().toString();
                if (Digest.isLowerHex(name, 64, 64) && Files.size(form) == bytes.length
                        && Arrays.equals(Files.readAllBytes(form), bytes)) {
                    return Optional.of(Digest.sha256(name));
                }
            }
        } catch (NoSuchFileException e) {
            // none kept
        }
        return Optional.empty();
    }

    /** Keeps a form of {@code original} under its digest; written whole, then renamed. */
    public void remember(Digest original, Digest digest, byte[] bytes) throws IOException {
        Path forms = dir.resolve(original.hex());
        Files.createDirectories(forms);
        Path tmp = temp.create("manifest-form");
        Files.write(tmp, bytes);
        temp.moveInto(tmp, forms.resolve(digest.hex()));
    }

    /** The manifests forms are kept for. */
    public List<Digest> list() throws IOException {
        return Digest.namesIn(dir);
    }

    public void forget(Digest original) throws IOException {
        Path forms = dir.resolve(original.hex());
        if (!Files.isDirectory(forms)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(forms)) {
            for (Path form : entries) {
                Files.deleteIfExists(form);
            }
        }
        Files.deleteIfExists(forms);
    }
}
