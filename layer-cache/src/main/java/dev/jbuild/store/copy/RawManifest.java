package dev.jbuild.store.copy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.store.Digest;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageIndex;
import dev.jbuild.store.oci.Json;
import dev.jbuild.store.oci.Manifest;
import dev.jbuild.store.oci.MediaTypes;
import java.io.IOException;

/**
 * A manifest or an index as a place holds it: its exact bytes (what its digest names) and its media type;
 * {@code knownDigest} when the place already knows their digest (null: hashed when asked).
 */
public record RawManifest(String mediaType, byte[] bytes, Digest knownDigest) {

    public RawManifest(String mediaType, byte[] bytes) {
        this(mediaType, bytes, null);
    }

    /** The same manifest, its digest known (a store names it by its digest): no one hashes it again. */
    public RawManifest knowing(Digest digest) {
        return new RawManifest(mediaType, bytes, digest);
    }

    /** With the media type a place declared, or (none declared) the one the document names; OCI manifest if neither. */
    public static RawManifest of(String declared, byte[] bytes) {
        if (declared != null && !declared.isEmpty()) {
            return new RawManifest(declared, bytes);
        }
        try {
            JsonNode type = Json.mapper().readTree(bytes).path("mediaType");
            if (type.isTextual()) {
                return new RawManifest(type.asText(), bytes);
            }
            return new RawManifest(Json.mapper().readTree(bytes).has("manifests") ? MediaTypes.OCI_INDEX
                    : MediaTypes.OCI_MANIFEST, bytes);
        } catch (IOException e) {
            throw new StoreException("a manifest that is not JSON (" + e.getMessage() + ")");
        }
    }

    public Digest digest() {
        return knownDigest != null ? knownDigest : Digest.of(bytes);
    }

    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest(), bytes.length);
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    public Manifest manifest() throws IOException {
        return Json.read(bytes, Manifest.class);
    }

    public ImageIndex index() throws IOException {
        return Json.read(bytes, ImageIndex.class);
    }
}
