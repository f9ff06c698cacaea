package dev.jbuild.store.place;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.store.Digest;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.copy.ImageSource;
import dev.jbuild.store.copy.RawManifest;
import dev.jbuild.store.copy.SourceImage;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.Manifest;
import dev.jbuild.store.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An unpacked docker-archive (docker save, podman save, skopeo) as a source. Its manifest.json names
 * each image's config and layer files; each becomes an OCI manifest whose layers keep their bytes
 * (plain or compressed, as the archive has them). A file under {@code blobs/sha256/} is taken to be
 * what its name says (the copy checks); one under another name is hashed first.
 */
final class DockerArchiveSource implements ImageSource {
    private final Path dir;
    private final Optional<String> reference;
    private final String description;
    private final Map<Digest, Path> files = new HashMap<>();
    private List<SourceImage> images;

    DockerArchiveSource(Path dir, Optional<String> reference, String description) {
        this.dir = dir;
        this.reference = reference;
        this.description = description;
    }

    @Override
    public String describe() {
        return description;
    }

    /** The images of manifest.json, worked out once (files not named by their digest are hashed). */
    @Override
    public List<SourceImage> images() throws IOException {
        if (images == null) {
            images = OciNames.found(read(), reference, description);
        }
        return images;
    }

    private List<SourceImage> read() throws IOException {
        List<SourceImage> images = new ArrayList<>();
        for (JsonNode entry : Json.mapper().readTree(dir.resolve("manifest.json").toFile())) {
            List<ImageName> names = new ArrayList<>();
            entry.path("RepoTags").forEach(t -> names.add(OciNames.parse(t.asText(), description)));
            if (reference.isPresent() && names.stream().noneMatch(n -> n.isNamedBy(reference.get()))) {
                continue;
            }
            Descriptor config = describe(entry.path("Config").asText(), MediaTypes.OCI_CONFIG);
            List<Descriptor> layers = new ArrayList<>();
            for (JsonNode layer : entry.path("Layers")) {
                layers.add(describe(layer.asText(), null));
            }
            byte[] manifest = Json.bytes(Manifest.oci(config, layers));
            images.add(new SourceImage(new RawManifest(MediaTypes.OCI_MANIFEST, manifest), names));
        }
        return images;
    }

    /** A file the archive names, as a descriptor: layers typed by their first bytes. */
    private Descriptor describe(String name, String mediaType) throws IOException {
        Path file = dir.resolve(name).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
            throw new StoreException(description + ": the archive names " + name + ", which it does not contain");
        }
        String hex = file.getFileName().toString();
        Digest digest = file.getParent().endsWith(Path.of("blobs", "sha256")) && Digest.isDigest("sha256:" + hex)
                ? Digest.sha256(hex) : Digest.of(file);
        files.put(digest, file);
        return Descriptor.of(mediaType != null ? mediaType : layerType(file), digest, Files.size(file));
    }

    private static String layerType(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                return Compression.GZIP.mediaType();
            }
            if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                    && (magic[3] & 0xff) == 0xfd) {
                return Compression.ZSTD.mediaType();
            }
            return Compression.NONE.mediaType();
        }
    }

    @Override
    public RawManifest manifest(Descriptor entry) {
        throw new StoreException(description + ": a docker-archive holds no index");
    }

    @Override
    public void writeBlob(Descriptor blob, OutputStream out) throws IOException {
        Files.copy(file(blob).orElseThrow(), out);
    }

    @Override
    public Optional<Path> file(Descriptor blob) {
        Path file = files.get(blob.digest());
        if (file == null) {
            throw new StoreException(description + ": blob " + blob.digest() + " is missing");
        }
        return Optional.of(file);
    }
}
