package dev.jbuild.store.archive;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.outgoing.OutgoingImage;
import dev.jbuild.store.outgoing.OutgoingLayer;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageIndex;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes images to an archive, streaming each blob from the store once. Both formats put the blobs
 * at {@code blobs/sha256/<hex>} and add {@code oci-layout} and {@code index.json}, so one archive is
 * both a docker-archive (read through manifest.json) and an OCI layout, as docker 25+ writes it.
 */
public final class ArchiveWriter {
    /** The annotation docker and containerd give an index entry: the image's full name. */
    public static final String CONTAINERD_NAME = "io.containerd.image.name";

    private final Store store;

    public ArchiveWriter(Store store) {
        this.store = store;
    }

    /** One image to save, and the names it is saved under (those the user asked for, or all it has). */
    public record Entry(StoredImage image, List<ImageName> names) {
    }

    public void write(List<Entry> entries, ArchiveFormat format, OutputStream target) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(target, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Set<Digest> written = new HashSet<>();
            directory(tar, "blobs/");
            directory(tar, "blobs/sha256/");
            List<Descriptor> index = new ArrayList<>();
            List<Map<String, Object>> manifest = new ArrayList<>();
            for (Entry e : entries) {
                StoredImage image = e.image();
                blob(tar, image.manifestDigest(), written);
                blob(tar, image.id(), written);
                List<String> layerPaths = new ArrayList<>();
                // Layers stored only as trees leave as the plain tars the stored manifest names.
                try (OutgoingImage outgoing = new OutgoingImage(store, image, Compression.NONE)) {
                    for (OutgoingLayer layer : outgoing.layers()) {
                        Descriptor d = layer.descriptor();
                        if (written.add(d.digest())) {
                            tar.putArchiveEntry(sized(path(d.digest()), d.size()));
                            layer.writeTo(tar);
                            tar.closeArchiveEntry();
                        }
                        layerPaths.add(path(d.digest()));
                    }
                }
                Descriptor entry = new Descriptor(image.manifest().mediaType() == null ? MediaTypes.OCI_MANIFEST
                        : image.manifest().mediaType(), image.manifestDigest(), store.blobs().size(image.manifestDigest()),
                        Map.of(), null);
                if (e.names().isEmpty()) {
                    index.add(entry);
                }
                for (ImageName name : e.names()) {
                    // docker names the tag in ref.name and the whole name in containerd's annotation.
                    String ref = format == ArchiveFormat.OCI_ARCHIVE || name.tag() == null ? name.toString() : name.tag();
                    index.add(entry.withAnnotation(Descriptor.REF_NAME, ref)
                            .withAnnotation(CONTAINERD_NAME, name.toString()));
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("Config", path(image.id()));
                m.put("RepoTags", e.names().stream().filter(n -> n.tag() != null).map(ImageName::familiar).toList());
                m.put("Layers", layerPaths);
                manifest.add(m);
            }
            file(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            file(tar, "index.json", Json.bytes(ImageIndex.of(index)));
            if (format == ArchiveFormat.DOCKER_ARCHIVE) {
                file(tar, "manifest.json", Json.bytes(manifest));
            }
        }
    }

    private static String path(Digest d) {
        return "blobs/sha256/" + d.hex();
    }

    private void blob(TarArchiveOutputStream tar, Digest digest, Set<Digest> written) throws IOException {
        if (!written.add(digest)) {
            return;
        }
        tar.putArchiveEntry(sized(path(digest), store.blobs().size(digest)));
        try (InputStream in = store.blobs().open(digest)) {
            in.transferTo(tar);
        }
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        tar.putArchiveEntry(sized(name, content.length));
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(0755 | 040000);
        entry.setModTime(0);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry sized(String name, long size) {
        TarArchiveEntry entry = entry(name);
        entry.setSize(size);
        return entry;
    }

    private static TarArchiveEntry entry(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0644 | 0100000);
        e.setModTime(0);
        return e;
    }
}
