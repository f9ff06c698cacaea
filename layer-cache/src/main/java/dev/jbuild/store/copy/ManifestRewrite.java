package dev.jbuild.store.copy;

import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.Manifest;
import dev.jbuild.store.oci.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manifest a copy writes: the source's very bytes when nothing changed (so its digest is kept),
 * else the same manifest with the layers as they went and the media types of the wanted format.
 */
final class ManifestRewrite {
    private ManifestRewrite() {
    }

    /** The layer as the format names it. */
    static Descriptor layer(Descriptor layer, ManifestFormat format) {
        Optional<Compression> compression = Compression.ofFilesystemLayer(layer.mediaType());
        if (compression.isEmpty() || format.layerType(compression.get()).equals(layer.mediaType())
                || (layer.mediaType() == null && format == ManifestFormat.DOCKER_V2S2)) {
            return layer;
        }
        return new Descriptor(format.layerType(compression.get()), layer.digest(), layer.size(), layer.annotations(),
                layer.platform());
    }

    /** The config descriptor as the format names it. */
    static Descriptor config(Descriptor config, ManifestFormat format) {
        boolean imageConfig = MediaTypes.OCI_CONFIG.equals(config.mediaType()) || MediaTypes.DOCKER_CONFIG.equals(config.mediaType());
        if (!imageConfig || config.mediaType().equals(format.configType())) {
            return config;
        }
        return new Descriptor(format.configType(), config.digest(), config.size(), config.annotations(), config.platform());
    }

    /** The manifest, when every layer's descriptor is known without compressing anything. */
    static Optional<RawManifest> ifKnown(RawManifest raw, Manifest manifest, ManifestFormat format, List<LayerMove> layers)
            throws IOException {
        List<Descriptor> known = new ArrayList<>();
        for (LayerMove layer : layers) {
            Optional<Descriptor> d = layer.known();
            if (d.isEmpty()) {
                return Optional.empty();
            }
            known.add(d.get());
        }
        return Optional.of(of(raw, manifest, format, known));
    }

    static RawManifest of(RawManifest raw, Manifest manifest, ManifestFormat format, List<Descriptor> layers) {
        boolean sameFormat = format == ManifestFormat.of(raw.mediaType());
        if (sameFormat && layers.equals(manifest.layers())) {
            return raw;
        }
        // Docker schema 2 has no annotations.
        Map<String, String> annotations = format == ManifestFormat.OCI ? manifest.annotations() : Map.of();
        Manifest rewritten = new Manifest(2, format.manifestType(), config(manifest.config(), format), layers, annotations);
        return new RawManifest(format.manifestType(), Json.bytes(rewritten));
    }
}
