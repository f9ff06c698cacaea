package dev.jbuild.cli.imagebuild;

import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.Store;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.place.StoreSource;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * --metadata-file: what CI pipelines read after {@code docker buildx build}, under BuildKit's keys.
 * containerimage.digest is the manifest (or, for several platforms, the index) a registry holds when the
 * build pushed, else the store's.
 */
final class BuildMetadata {
    private BuildMetadata() {
    }

    static byte[] of(Store store, StoreSource.Entry built, Optional<Descriptor> pushed, List<String> names) throws IOException {
        List<StoredImage> platforms = built.platformImages(store); // of one platform (an attested index too), its config is the build's
        StoredImage image = platforms.size() == 1 ? platforms.get(0) : null;
        Descriptor manifest = pushed.isPresent() ? pushed.get() : built.index() != null ? built.index().descriptor() : Descriptor.of(
                image.manifest().mediaType() != null ? image.manifest().mediaType() : MediaTypes.OCI_MANIFEST,
                image.manifestDigest(), store.blobs().size(image.manifestDigest()));
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", manifest.mediaType());
        descriptor.put("digest", manifest.digest().toString());
        descriptor.put("size", manifest.size());
        Map<String, Object> m = new LinkedHashMap<>();
        if (image != null) { // several platforms have a config each, and buildx writes none of them
            m.put("containerimage.config.digest", image.id().toString());
        }
        m.put("containerimage.descriptor", descriptor);
        m.put("containerimage.digest", manifest.digest().toString());
        if (!names.isEmpty()) {
            m.put("image.name", String.join(",", names));
        }
        return (Json.pretty(m) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
