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

    // Written out, as Digest's: a record's generated equals and hashCode are bootstrapped on first call
    // (~30 ms of a cold push, which compares a manifest's layer lists).
    @Override
    public boolean equals(Object o) {
        return o instanceof Descriptor d && size == d.size && java.util.Objects.equals(digest, d.digest)
                && java.util.Objects.equals(mediaType, d.mediaType) && annotations.equals(d.annotations)
                && java.util.Objects.equals(platform, d.platform);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(digest) * 31 + Long.hashCode(size);
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
        @Override
        public boolean equals(Object o) {
            return o instanceof Platform p && java.util.Objects.equals(architecture, p.architecture)
                    && java.util.Objects.equals(os, p.os) && java.util.Objects.equals(variant, p.variant);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(architecture, os, variant);
        }
    }
}
