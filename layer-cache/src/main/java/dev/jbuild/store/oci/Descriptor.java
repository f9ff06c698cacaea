package dev.jbuild.store.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.jbuild.store.Digest;
import java.util.LinkedHashMap;
import java.util.Map;

/** An OCI content descriptor: what a blob is, where it is, how big it is. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Descriptor(String mediaType, Digest digest, long size, Map<String, String> annotations,
                         Platform platform) {

    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    public Descriptor {
        annotations = annotations == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(annotations));
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, Map.of(), null);
    }

    public Descriptor withAnnotation(String key, String value) {
        Map<String, String> a = new LinkedHashMap<>(annotations);
        if (value == null) {
            a.remove(key);
        } else {
            a.put(key, value);
        }
        return new Descriptor(mediaType, digest, size, a, platform);
    }

    /** The os/architecture an index entry is for. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Platform(String architecture, String os, String variant) {
    }
}
