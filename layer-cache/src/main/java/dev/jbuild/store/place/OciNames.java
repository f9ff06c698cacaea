package dev.jbuild.store.place;

import dev.jbuild.store.StoreException;
import dev.jbuild.store.copy.SourceImage;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.Descriptor;
import java.util.List;
import java.util.Optional;

/** How OCI layouts and archives name images: a ref name annotation, and containerd's full image name. */
final class OciNames {
    /** The annotation docker and containerd give an index entry: the image's full name. */
    static final String CONTAINERD_NAME = "io.containerd.image.name";

    private OciNames() {
    }

    /**
     * The image name an index entry gives: containerd's annotation, else a ref name that is a name
     * (skopeo's {@code oci:DIR:app:1}); a bare tag ({@code latest}) names no image.
     */
    static List<ImageName> of(Descriptor entry, String source) {
        String full = entry.annotations().get(CONTAINERD_NAME);
        String ref = full != null ? full : entry.annotations().get(Descriptor.REF_NAME);
        if (ref == null || (full == null && !ref.contains("/") && !ref.contains(":"))) {
            return List.of();
        }
        return List.of(parse(ref, source));
    }

    static ImageName parse(String text, String source) {
        try {
            return ImageName.parse(text);
        } catch (IllegalArgumentException e) {
            throw new StoreException(source + ": " + e.getMessage());
        }
    }

    /** The images a file place holds (under {@code reference} when asked for); none is an error naming the place. */
    static List<SourceImage> found(List<SourceImage> images, Optional<String> reference, String source) {
        if (images.isEmpty()) {
            throw new StoreException(source + (reference.isPresent() ? ": no image named " + reference.get() : ": holds no image"));
        }
        return images;
    }
}
