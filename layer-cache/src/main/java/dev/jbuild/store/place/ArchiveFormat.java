package dev.jbuild.store.place;

import java.util.Locale;

/** The image archive formats of save and load. */
public enum ArchiveFormat {
    /** docker save's format: manifest.json naming each image's config and layer files. */
    DOCKER_ARCHIVE,
    /** An OCI image layout in a tar. */
    OCI_ARCHIVE;

    public static ArchiveFormat parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "docker-archive", "docker" -> DOCKER_ARCHIVE;
            case "oci-archive", "oci" -> OCI_ARCHIVE;
            default -> throw new IllegalArgumentException("unknown archive format \"" + text
                    + "\" (docker-archive or oci-archive)");
        };
    }
}
