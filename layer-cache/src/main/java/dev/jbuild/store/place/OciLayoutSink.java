package dev.jbuild.store.place;

import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.copy.Blob;
import dev.jbuild.store.copy.BlobBytes;
import dev.jbuild.store.copy.ImageSink;
import dev.jbuild.store.copy.Outcome;
import dev.jbuild.store.copy.RawManifest;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageIndex;
import dev.jbuild.store.oci.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OCI image layout directory as a destination (skopeo's {@code oci:DIR[:REF]}): blobs written
 * whole, then renamed into {@code blobs/sha256}; index.json rewritten last, replacing an entry of
 * the same ref name, so the layout never names what it lacks.
 */
public final class OciLayoutSink implements ImageSink {
    static final byte[] LAYOUT = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);
    private final Path dir;
    private final Path blobs;
    private final Optional<String> reference;
    private final TempFiles temp;
    private final List<Descriptor> added = new ArrayList<>();

    public OciLayoutSink(Path dir, Optional<String> reference) throws IOException {
        this.dir = dir;
        this.blobs = Files.createDirectories(dir.resolve("blobs").resolve("sha256"));
        this.reference = reference;
        this.temp = new TempFiles(dir); // beside blobs/, on the same file system, outside what readers list
        if (!Files.exists(dir.resolve("oci-layout"))) {
            Files.write(dir.resolve("oci-layout"), LAYOUT);
        }
    }

    @Override
    public Optional<Outcome> existing(Blob blob) {
        // A link in its place is no blob (the rename in write replaces it): readers would follow it elsewhere.
        return Files.isRegularFile(blobs.resolve(blob.digest().hex()), LinkOption.NOFOLLOW_LINKS) ? Optional.of(Outcome.PRESENT)
                : Optional.empty();
    }

    @Override
    public void write(Blob blob, BlobBytes bytes) throws IOException {
        Path tmp = temp.create("blob");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                bytes.writeTo(out);
            }
            temp.moveInto(tmp, blobs.resolve(blob.digest().hex()));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void writeManifest(RawManifest manifest, boolean top, List<ImageName> names) throws IOException {
        Path path = blobs.resolve(manifest.digest().hex());
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            Path tmp = temp.create("manifest");
            Files.write(tmp, manifest.bytes());
            temp.moveInto(tmp, path);
        }
        if (top) {
            Optional<String> ref = reference.or(() -> names.stream().findFirst().map(ImageName::toString));
            added.add(ref.map(r -> manifest.descriptor().withAnnotation(Descriptor.REF_NAME, r)).orElse(manifest.descriptor()));
        }
    }

    @Override
    public void finish() throws IOException {
        Path indexFile = dir.resolve("index.json");
        List<Descriptor> entries = new ArrayList<>();
        if (Files.exists(indexFile)) {
            for (Descriptor old : Json.read(Files.readAllBytes(indexFile), ImageIndex.class).manifests()) {
                String ref = old.annotations().get(Descriptor.REF_NAME);
                boolean replaced = added.stream().anyMatch(a -> ref != null
                        ? ref.equals(a.annotations().get(Descriptor.REF_NAME)) : a.digest().equals(old.digest()));
                if (!replaced) {
                    entries.add(old);
                }
            }
        }
        entries.addAll(added);
        Path tmp = temp.create("index");
        Files.write(tmp, Json.bytes(ImageIndex.of(entries)));
        temp.moveInto(tmp, indexFile);
    }
}
