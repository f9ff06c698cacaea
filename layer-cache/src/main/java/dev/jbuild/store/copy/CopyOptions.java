package dev.jbuild.store.copy;

import dev.jbuild.store.layer.Compression;
import java.util.Optional;

/**
 * How a copy goes: for an index, the platform to take (or {@code all} of them); the manifest format
 * the destination gets (empty: the source's); how uncompressed layers are compressed (empty: as the
 * destination prefers: a registry gzip, files as they are).
 */
public record CopyOptions(String os, String architecture, boolean all, Optional<ManifestFormat> format,
                          Optional<Compression> compression) {

    /** One platform, formats and compression as the places have them. */
    public static CopyOptions platform(String os, String architecture) {
        return new CopyOptions(os, architecture, false, Optional.empty(), Optional.empty());
    }

    public CopyOptions withCompression(Compression c) {
        return new CopyOptions(os, architecture, all, format, Optional.of(c));
    }
}
