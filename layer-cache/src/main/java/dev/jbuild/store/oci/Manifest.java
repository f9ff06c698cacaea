package dev.jbuild.store.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** An image manifest: a config and layers (OCI, or Docker schema 2 which has the same shape). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(int schemaVersion, String mediaType, Descriptor config,
                       @JsonInclude(JsonInclude.Include.ALWAYS) List<Descriptor> layers, // required, even empty
                       Map<String, String> annotations) {

    public Manifest {
        layers = layers == null ? List.of() : List.copyOf(layers);
        annotations = annotations == null ? Map.of() : annotations;
    }

    public static Manifest oci(Descriptor config, List<Descriptor> layers) {
        return new Manifest(2, MediaTypes.OCI_MANIFEST, config, layers, Map.of());
    }
}
