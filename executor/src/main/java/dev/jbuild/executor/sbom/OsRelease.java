package dev.jbuild.executor.sbom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The distribution an image is, from its /etc/os-release (or /usr/lib/os-release): ID and VERSION_ID. */
record OsRelease(String id, String versionId) {

    static OsRelease of(Path root) {
        for (String candidate : new String[] {"etc/os-release", "usr/lib/os-release"}) {
            Path file = root.resolve(candidate);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    String id = "";
                    String version = "";
                    for (String line : Files.readAllLines(file)) {
                        if (line.startsWith("ID=")) {
                            id = unquote(line.substring(3));
                        } else if (line.startsWith("VERSION_ID=")) {
                            version = unquote(line.substring(11));
                        }
                    }
                    return new OsRelease(id, version);
                } catch (IOException | RuntimeException e) {
                    return new OsRelease("", "");
                }
            }
        }
        return new OsRelease("", "");
    }

    /** A distribution package's purl qualifiers: its architecture and, when the image says, the distribution. */
    String qualifiers(String arch) {
        return "arch=" + arch + (id.isEmpty() ? "" : "&distro=" + id + "-" + versionId);
    }

    /** The purl namespace of a distribution's packages, {@code fallback} when the image does not say. */
    String namespace(String fallback) {
        return id.isEmpty() ? fallback : id;
    }

    private static String unquote(String v) {
        return v.replaceAll("^[\"']|[\"']$", "");
    }
}
