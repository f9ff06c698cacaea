package dev.jbuild.store.place;

import dev.jbuild.store.Digest;
import dev.jbuild.store.copy.Blob;
import dev.jbuild.store.copy.BlobBytes;
import dev.jbuild.store.copy.ImageSink;
import dev.jbuild.store.copy.Outcome;
import dev.jbuild.store.copy.RawManifest;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageIndex;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.Manifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A docker-archive or oci-archive written as one stream (a file, standard output, a build output).
 * Both put the blobs at {@code blobs/sha256/<hex>} and end with {@code oci-layout} and
 * {@code index.json}; a docker-archive adds {@code manifest.json}, so it is also an OCI layout, as
 * docker 25+ writes it. Each blob is written once, streamed, in the order the copy sends them.
 */
public final class ArchiveSink implements ImageSink {
    private final TarArchiveOutputStream tar;
    private final ArchiveFormat format;
    private final Optional<String> reference;
    private final Set<Digest> written = new HashSet<>();
    private final List<Descriptor> index = new ArrayList<>();
    private final List<Map<String, Object>> dockerManifest = new ArrayList<>();

    /**
     * {@code reference}: what the archive calls every image in it (an oci-archive's ref name, a
     * docker-archive's name); empty: the names the source gives.
     */
    public ArchiveSink(java.io.OutputStream target, ArchiveFormat format, Optional<String> reference) throws IOException {
        this.tar = new TarArchiveOutputStream(target, StandardCharsets.UTF_8.name());
        this.format = format;
        this.reference = reference;
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        directory("blobs/");
        directory("blobs/sha256/");
    }

    @Override
    public boolean concurrent() {
        return false;
    }

    @Override
    public boolean holdsIndexes() {
        return format == ArchiveFormat.OCI_ARCHIVE; // docker load reads manifest.json, one image per entry
    }

    @Override
    public Optional<Outcome> existing(Blob blob) {
        return written.contains(blob.digest()) ? Optional.of(Outcome.PRESENT) : Optional.empty();
    }

    @Override
    public void write(Blob blob, BlobBytes bytes) throws IOException {
        tar.putArchiveEntry(sized(path(blob.digest()), blob.descriptor().size()));
        bytes.writeTo(tar);
        tar.closeArchiveEntry();
        written.add(blob.digest());
    }

    @Override
    public void writeManifest(RawManifest manifest, boolean top, List<ImageName> names) throws IOException {
        if (written.add(manifest.digest())) {
            file(path(manifest.digest()), manifest.bytes());
        }
        if (!top) {
            return;
        }
        Descriptor entry = manifest.descriptor();
        if (reference.isPresent() && format == ArchiveFormat.OCI_ARCHIVE) {
            index.add(entry.withAnnotation(Descriptor.REF_NAME, reference.get()));
            return;
        }
        List<ImageName> wanted = reference.map(r -> List.of(OciNames.parse(r, "docker-archive"))).orElse(names);
        if (wanted.isEmpty()) {
            index.add(entry);
        }
        for (ImageName n : wanted) {
            // docker names the tag in ref.name and the whole name in containerd's annotation.
            String ref = format == ArchiveFormat.OCI_ARCHIVE || n.tag() == null ? n.toString() : n.tag();
            index.add(entry.withAnnotation(Descriptor.REF_NAME, ref).withAnnotation(OciNames.CONTAINERD_NAME, n.toString()));
        }
        if (!manifest.isIndex()) {
            Manifest m = manifest.manifest();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("Config", path(m.config().digest()));
            e.put("RepoTags", wanted.stream().filter(n -> n.tag() != null).map(ImageName::familiar).toList());
            e.put("Layers", m.layers().stream().map(l -> path(l.digest())).toList());
            dockerManifest.add(e);
        }
    }

    @Override
    public void finish() throws IOException {
        file("oci-layout", OciLayoutSink.LAYOUT);
        file("index.json", Json.bytes(ImageIndex.of(index)));
        if (format == ArchiveFormat.DOCKER_ARCHIVE) {
            file("manifest.json", Json.bytes(dockerManifest));
        }
        tar.close();
    }

    private static String path(Digest d) {
        return "blobs/sha256/" + d.hex();
    }

    private void file(String name, byte[] content) throws IOException {
        tar.putArchiveEntry(sized(name, content.length));
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private void directory(String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(0755 | 040000);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry sized(String name, long size) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0644 | 0100000);
        e.setModTime(0);
        e.setSize(size);
        return e;
    }
}
