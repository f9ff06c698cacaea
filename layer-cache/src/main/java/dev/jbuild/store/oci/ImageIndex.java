package dev.jbuild.store.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** An OCI image index: the store's index.json, or a multi-platform image. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageIndex(int schemaVersion, String mediaType,
                         @JsonInclude(JsonInclude.Include.ALWAYS) List<Descriptor> manifests, // required, even empty
                         Map<String, String> annotations) {

    public ImageIndex {
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        annotations = annotations == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(annotations));
    }

    public ImageIndex(int schemaVersion, String mediaType, List<Descriptor> manifests) {
        this(schemaVersion, mediaType, manifests, Map.of());
    }

    public static ImageIndex of(List<Descriptor> manifests) {
        return new ImageIndex(2, MediaTypes.OCI_INDEX, manifests);
    }

    public ImageIndex withManifests(List<Descriptor> entries) {
        return new ImageIndex(schemaVersion, mediaType, entries, annotations);
    }
}
