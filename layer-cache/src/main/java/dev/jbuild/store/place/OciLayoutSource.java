package dev.jbuild.store.place;

import dev.jbuild.store.StoreException;
import dev.jbuild.store.copy.ImageSource;
import dev.jbuild.store.copy.RawManifest;
import dev.jbuild.store.copy.SourceImage;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageIndex;
import dev.jbuild.store.oci.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An OCI image layout directory (skopeo's {@code oci:DIR[:REF]}), or an unpacked oci-archive, as a source. */
public final class OciLayoutSource implements ImageSource {
    private final Path dir;
    private final Optional<String> reference;
    private final String description;

    public OciLayoutSource(Path dir, Optional<String> reference, String description) {
        this.dir = dir;
        this.reference = reference;
        this.description = description;
    }

    @Override
    public String describe() {
        return description;
    }

    /** The images of index.json: the one named {@code REF} when asked for, else all. */
    @Override
    public List<SourceImage> images() throws IOException {
        ImageIndex index;
        try {
            index = Json.read(Files.readAllBytes(dir.resolve("index.json")), ImageIndex.class);
        } catch (NoSuchFileException e) {
            throw new StoreException(description + ": not an OCI layout (no index.json)");
        }
        List<SourceImage> images = new ArrayList<>();
        for (Descriptor entry : index.manifests()) {
            if (reference.isEmpty() || reference.get().equals(entry.annotations().get(Descriptor.REF_NAME))
                    || reference.get().equals(entry.annotations().get(OciNames.CONTAINERD_NAME))) {
                images.add(new SourceImage(manifest(entry), OciNames.of(entry, description)));
            }
        }
        return OciNames.found(images, reference, description);
    }

    @Override
    public RawManifest manifest(Descriptor entry) throws IOException {
        return RawManifest.of(entry.mediaType(), Files.readAllBytes(path(entry)));
    }

    @Override
    public void writeBlob(Descriptor blob, OutputStream out) throws IOException {
        Files.copy(path(blob), out);
    }

    @Override
    public Optional<Path> file(Descriptor blob) {
        return Optional.of(path(blob));
    }

    private Path path(Descriptor blob) {
        Path p = dir.resolve("blobs").resolve(blob.digest().algorithm()).resolve(blob.digest().hex());
        if (Files.isSymbolicLink(p)) { // followed, its refusal would tell the size and hash of whatever it points at
            throw new StoreException(description + ": blob " + blob.digest() + " is a symbolic link, not a blob");
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new StoreException(description + ": blob " + blob.digest() + " is missing");
        }
        return p;
    }
}
