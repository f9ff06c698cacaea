package dev.jbuild.executor.imagebuild;

import dev.jbuild.store.Digest;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.ImageConfig;
import dev.jbuild.store.oci.Manifest;
import dev.jbuild.store.oci.MediaTypes;
import dev.jbuild.store.platform.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stage a build ran, as it ended: its name, the ARG values it saw (its own over the global ones) and
 * its file system's layers. What reads a stage's files after the build (an SBOM scan of build stages)
 * takes it from here.
 *
 * @param isTarget whether it is the stage the build made its image of
 * @param target   the platform the build was for
 */
public record BuiltStage(int index, Optional<String> name, boolean isTarget, Map<String, String> args, Platform target,
                         ImageConfig config, List<Descriptor> layers) {

    /** Whether the name or the index answers to {@code ref}. */
    public boolean answersTo(String ref) {
        return name.map(n -> n.equalsIgnoreCase(ref)).orElse(false) || Integer.toString(index).equals(ref);
    }

    /** The stage's tree as an image (never stored: its manifest is only what a view of its layers needs). */
    public StoredImage asImage() {
        Manifest manifest = new Manifest(2, MediaTypes.OCI_MANIFEST, Descriptor.of(MediaTypes.OCI_CONFIG,
                Digest.sha256("0".repeat(64)), 0), layers, Map.of());
        return new StoredImage(Digest.sha256("0".repeat(64)), manifest, config, List.<ImageName>of());
    }
}
