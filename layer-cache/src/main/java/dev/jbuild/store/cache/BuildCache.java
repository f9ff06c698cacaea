package dev.jbuild.store.cache;

import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageConfig;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.Manifest;
import dev.jbuild.store.oci.MediaTypes;
import dev.jbuild.store.tree.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The build-step cache (cache/): a step's key → the image state after it, kept as an OCI manifest
 * (config + layers) in the blob store, so a hit reuses the layer and the exact config. Garbage
 * collection keeps what the cache references; {@link #clear()} lets it go.
 */
public final class BuildCache {
    private final Store store;
    private final Path dir;

    public BuildCache(Store store) {
        this.store = store;
        this.dir = store.root().resolve("cache");
    }

    /** A step's result: the config after it and all layers so far. */
    public record Entry(ImageConfig config, List<Descriptor> layers) {
    }

    /** The manifest blob a step's result is kept as (to push it), when cached. */
    public Optional<Digest> manifest(Digest key) throws IOException {
        try {
            return Optional.of(Digest.parse(Files.readString(dir.resolve(key.hex()), StandardCharsets.US_ASCII).trim()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public Optional<Entry> get(Digest key) throws IOException {
        Digest manifestDigest;
        try {
            manifestDigest = Digest.parse(Files.readString(dir.resolve(key.hex()), StandardCharsets.US_ASCII).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!store.blobs().contains(manifestDigest)) {
            return Optional.empty();
        }
        Manifest m = Json.read(store.blobs().read(manifestDigest), Manifest.class);
        if (!store.blobs().contains(m.config().digest())) {
            return Optional.empty(); // pruned underneath
        }
        ImageConfig config = Json.read(store.blobs().read(m.config().digest()), ImageConfig.class);
        if (!store.layerTrees().present(m.layers(), config.rootfs() == null ? List.of() : config.rootfs().diffIds())) {
            return Optional.empty();
        }
        return Optional.of(new Entry(config, m.layers()));
    }

    public void put(Digest key, Entry entry) throws IOException {
        byte[] config = Json.bytes(entry.config());
        Digest configDigest = store.blobs().put(config);
        Digest manifest = store.blobs().put(Json.bytes(Manifest.oci(Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, config.length),
                entry.layers())));
        Files.createDirectories(dir);
        Path tmp = store.temp().create("cache");
        Files.writeString(tmp, manifest.toString(), StandardCharsets.US_ASCII);
        store.temp().moveInto(tmp, dir.resolve(key.hex()));
    }

    /** Manifests the cache points at: roots for garbage collection. */
    public List<Descriptor> manifests() throws IOException {
        List<Descriptor> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                try {
                    Digest d = Digest.parse(Files.readString(p, StandardCharsets.US_ASCII).trim());
                    out.add(Descriptor.of(MediaTypes.OCI_MANIFEST, d, 0));
                } catch (IllegalArgumentException | NoSuchFileException e) {
                    // a damaged or concurrently removed entry is no root
                }
            }
        }
        return out;
    }

    public int size() throws IOException {
        return manifests().size();
    }

    /** Forgets every entry; the next garbage collection frees what only the cache used. */
    public void clear() throws IOException {
        if (Files.isDirectory(dir)) {
            Path doomed = store.temp().createDirectory("cache");
            Files.delete(doomed);
            store.temp().moveInto(dir, doomed);
            Trees.delete(doomed);
        }
    }
}
