package dev.jbuild.store.copy;

import dev.jbuild.store.StoreException;
import dev.jbuild.store.layer.Compression;
import dev.jbuild.store.oci.MediaTypes;
import java.util.Locale;

/** The two manifest formats images travel in, and the media types each gives manifests, configs and layers. */
public enum ManifestFormat {
    OCI(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_INDEX, MediaTypes.OCI_CONFIG),
    DOCKER_V2S2(MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.DOCKER_CONFIG);

    private final String manifestType;
    private final String indexType;
    private final String configType;

    ManifestFormat(String manifestType, String indexType, String configType) {
        this.manifestType = manifestType;
        this.indexType = indexType;
        this.configType = configType;
    }

    /** "oci" or "v2s2" (skopeo's names; "docker" too). */
    public static ManifestFormat named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "oci" -> OCI;
            case "v2s2", "docker" -> DOCKER_V2S2;
            default -> throw new StoreException("unknown manifest format '" + name + "': use oci or v2s2");
        };
    }

    /** The format a manifest or index media type belongs to. */
    public static ManifestFormat of(String mediaType) {
        return MediaTypes.DOCKER_MANIFEST.equals(mediaType) || MediaTypes.DOCKER_MANIFEST_LIST.equals(mediaType)
                ? DOCKER_V2S2 : OCI;
    }

    public String manifestType() {
        return manifestType;
    }

    public String indexType() {
        return indexType;
    }

    public String configType() {
        return configType;
    }

    /** The media type of a layer compressed so; Docker schema 2 has no zstd. */
    public String layerType(Compression compression) {
        if (this == OCI) {
            return compression.mediaType();
        }
        return switch (compression) {
            case GZIP -> MediaTypes.DOCKER_LAYER_GZIP;
            case NONE -> MediaTypes.DOCKER_LAYER;
            case ZSTD -> throw new StoreException("a Docker schema 2 manifest cannot name zstd layers; use --format oci"
                    + " or gzip");
        };
    }
}
