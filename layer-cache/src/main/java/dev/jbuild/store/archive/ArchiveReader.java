package dev.jbuild.store.archive;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.blob.DigestingOutputStream;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.layer.Layer;
import dev.jbuild.store.layer.LayerBlobs;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageConfig;
import dev.jbuild.store.oci.ImageIndex;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.Manifest;
import dev.jbuild.store.oci.MediaTypes;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Loads a docker-archive (docker save, podman save, skopeo) or an oci-archive into the store. The
 * archive is unpacked to the store's tmp/ (on disk, never in memory), every blob is checked against
 * its digest, every layer against the diffID its config names, and only then are names added.
 */
public final class ArchiveReader {
    private final Store store;

    public ArchiveReader(Store store) {
        this.store = store;
    }

    /** Loads every image of the archive; returns them with the names they got. Caller holds the writing lock. */
    public List<StoredImage> load(InputStream archive, String source) throws IOException {
        Path dir = store.temp().createDirectory("load");
        try {
            unpack(archive, dir, source);
            if (Files.isRegularFile(dir.resolve("manifest.json"))) {
                return loadDockerArchive(dir, source);
            }
            if (Files.isRegularFile(dir.resolve("index.json"))) {
                return loadOciLayout(dir, source);
            }
            throw new StoreException(source + ": neither a docker-archive (no manifest.json) nor an oci-archive (no index.json)");
        } finally {
            dev.jbuild.store.tree.Trees.delete(dir);
        }
    }

    private static void unpack(InputStream archive, Path dir, String source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(archive, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        InputStream tarStream = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
        boolean any = false;
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            any = true;
            Path target = dir.resolve(e.getName()).normalize();
            if (!target.startsWith(dir) || e.getName().startsWith("/")) {
                throw new StoreException(source + ": entry " + e.getName() + " points outside the archive");
            }
            if (e.isDirectory()) {
                Files.createDirectories(target);
            } else if (e.isFile()) {
                Files.createDirectories(target.getParent());
                Files.copy(tar, target);
            } else if (!e.isSymbolicLink() && !e.isLink()) {
                throw new StoreException(source + ": unexpected entry " + e.getName() + " in an image archive");
            }
        }
        if (!any) {
            throw new StoreException(source + ": not a tar archive, or an empty one");
        }
    }

    private static Path inside(Path dir, String name, String source) {
        Path p = dir.resolve(name).normalize();
        if (!p.startsWith(dir) || !Files.isRegularFile(p)) {
            throw new StoreException(source + ": the archive names " + name + ", which it does not contain");
        }
        return p;
    }

    private record DockerEntry(String config, List<String> repoTags, List<String> layers) {
    }

    private List<StoredImage> loadDockerArchive(Path dir, String source) throws IOException {
        com.fasterxml.jackson.databind.JsonNode manifest = Json.mapper().readTree(dir.resolve("manifest.json").toFile());
        Images images = new Images(store);
        List<StoredImage> loaded = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode node : manifest) {
            List<String> tags = new ArrayList<>();
            node.path("RepoTags").forEach(t -> tags.add(t.asText()));
            List<String> layerPaths = new ArrayList<>();
            node.path("Layers").forEach(l -> layerPaths.add(l.asText()));
            DockerEntry entry = new DockerEntry(node.path("Config").asText(), tags, layerPaths);
            byte[] configJson = Files.readAllBytes(inside(dir, entry.config(), source));
            ImageConfig config = Json.read(configJson, ImageConfig.class);
            List<Digest> diffIds = config.rootfs() == null ? List.of() : config.rootfs().diffIds();
            if (diffIds.size() != entry.layers().size()) {
                throw new StoreException(source + ": image " + entry.config() + " lists " + entry.layers().size()
                        + " layers but its config has " + diffIds.size());
            }
            List<Descriptor> layers = new ArrayList<>();
            for (int i = 0; i < entry.layers().size(); i++) {
                Layer layer = storeLayer(inside(dir, entry.layers().get(i), source), source);
                if (!layer.diffId().equals(diffIds.get(i))) {
                    throw new StoreException(source + ": layer " + entry.layers().get(i) + " has diffID " + layer.diffId()
                            + " but the image's config expects " + diffIds.get(i));
                }
                layers.add(layer.descriptor());
            }
            StoredImage image = null;
            List<ImageName> names = new ArrayList<>();
            for (String tag : entry.repoTags()) {
                names.add(parseName(tag, source));
            }
            image = images.add(configJson, layers, names.isEmpty() ? Optional.empty() : Optional.of(names.get(0)));
            for (ImageName extra : names.subList(Math.min(1, names.size()), names.size())) {
                images.tag(image, extra);
            }
            loaded.add(new StoredImage(image.manifestDigest(), image.manifest(), image.config(), names));
        }
        return loaded;
    }

    /** A layer file as docker-archives hold it: plain tar, or compressed (kept as it is, digest verified). */
    private Layer storeLayer(Path file, String source) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(2);
            if (magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                return storeGzipAsIs(file);
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            return LayerBlobs.storeArchive(store.blobs(), in, source + ":" + file.getFileName());
        }
    }

    private Layer storeGzipAsIs(Path file) throws IOException {
        DigestingOutputStream diff = new DigestingOutputStream(OutputStream.nullOutputStream());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            in.transferTo(diff);
        }
        Digest digest;
        try (dev.jbuild.store.blob.BlobStore.BlobWriter w = store.blobs().writer(); InputStream in = Files.newInputStream(file)) {
            in.transferTo(w.stream());
            digest = w.commit(null);
        }
        return new Layer(Descriptor.of(MediaTypes.OCI_LAYER_GZIP, digest, Files.size(file)), diff.digest(), diff.size());
    }

    private List<StoredImage> loadOciLayout(Path dir, String source) throws IOException {
        Path blobs = dir.resolve("blobs").resolve("sha256");
        if (Files.isDirectory(blobs)) {
            try (var files = Files.list(blobs)) {
                for (Path blob : (Iterable<Path>) files::iterator) {
                    Digest expected = Digest.sha256(blob.getFileName().toString());
                    try (var w = store.blobs().writer(); InputStream in = Files.newInputStream(blob)) {
                        in.transferTo(w.stream());
                        w.commit(expected);
                    } catch (StoreException e) {
                        throw new StoreException(source + ": blob " + expected + " is damaged (" + e.getMessage() + ")");
                    } catch (IllegalArgumentException e) {
                        throw new StoreException(source + ": unexpected file blobs/sha256/" + blob.getFileName());
                    }
                }
            }
        }
        ImageIndex index = Json.read(Files.readAllBytes(dir.resolve("index.json")), ImageIndex.class);
        Images images = new Images(store);
        List<StoredImage> loaded = new ArrayList<>();
        for (Descriptor entry : index.manifests()) {
            Descriptor manifestDescriptor = platformManifest(entry, source);
            if (!store.blobs().contains(manifestDescriptor.digest())) {
                throw new StoreException(source + ": manifest " + manifestDescriptor.digest() + " is missing from the archive");
            }
            Manifest manifest = Json.read(store.blobs().read(manifestDescriptor.digest()), Manifest.class);
            for (Descriptor d : concat(manifest.config(), manifest.layers())) {
                if (!store.blobs().contains(d.digest())) {
                    throw new StoreException(source + ": blob " + d.digest() + " is missing from the archive");
                }
            }
            Optional<ImageName> name = nameOf(entry, source);
            ImageConfig config = Json.read(store.blobs().read(manifest.config().digest()), ImageConfig.class);
            StoredImage image = new StoredImage(manifestDescriptor.digest(), manifest, config, name.map(List::of).orElse(List.of()));
            images.register(image, manifestDescriptor, name);
            loaded.add(image);
        }
        return loaded;
    }

    private static List<Descriptor> concat(Descriptor first, List<Descriptor> rest) {
        List<Descriptor> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** For a multi-platform index, the entry for this machine's platform. */
    private Descriptor platformManifest(Descriptor entry, String source) throws IOException {
        if (!MediaTypes.isIndex(entry.mediaType())) {
            return entry;
        }
        ImageIndex index = Json.read(store.blobs().read(entry.digest()), ImageIndex.class);
        String arch = HostPlatform.architecture();
        return index.manifests().stream()
                .filter(m -> m.platform() != null && "linux".equals(m.platform().os()) && arch.equals(m.platform().architecture()))
                .findFirst()
                .orElseThrow(() -> new StoreException(source + ": no image for linux/" + arch + " in the archive"));
    }

    private static Optional<ImageName> nameOf(Descriptor entry, String source) {
        String full = entry.annotations().get(ArchiveWriter.CONTAINERD_NAME);
        String ref = full != null ? full : entry.annotations().get(Descriptor.REF_NAME);
        return ref == null ? Optional.empty() : Optional.of(parseName(ref, source));
    }

    private static ImageName parseName(String text, String source) {
        try {
            return ImageName.parse(text);
        } catch (IllegalArgumentException e) {
            throw new StoreException(source + ": " + e.getMessage());
        }
    }
}
