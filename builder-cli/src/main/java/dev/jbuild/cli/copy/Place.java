package dev.jbuild.cli.copy;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.place.ArchiveFormat;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A place an image can be, named in skopeo's transport syntax: {@code docker://NAME},
 * {@code oci:DIR[:REF]}, {@code oci-archive:FILE[:REF]}, {@code docker-archive:FILE[:NAME]}, and the
 * store as {@code jbuild:NAME} or a bare name.
 */
sealed interface Place {

    /** A repository of a registry. */
    record Registry(ImageName name) implements Place {
    }

    /** An OCI image layout directory; REF is the ref name of index.json. */
    record OciLayout(Path dir, Optional<String> reference) implements Place {
    }

    /** An archive file; REF names the image in it. */
    record Archive(ArchiveFormat format, Path file, Optional<String> reference) implements Place {
    }

    /** The store; a source needs a name, a destination may take the source's names. */
    record Stored(Optional<String> name) implements Place {
    }

    static Place parse(String text) {
        if (text.startsWith("docker://")) {
            return new Registry(ImageNames.parse(text.substring("docker://".length())));
        }
        if (text.startsWith("oci:")) {
            String[] pathAndRef = pathAndReference(text, "oci:");
            return new OciLayout(Path.of(pathAndRef[0]), Optional.ofNullable(pathAndRef[1]));
        }
        for (String transport : new String[] {"oci-archive:", "docker-archive:"}) {
            if (text.startsWith(transport)) {
                String[] pathAndRef = pathAndReference(text, transport);
                return new Archive(ArchiveFormat.parse(transport.substring(0, transport.length() - 1)), Path.of(pathAndRef[0]),
                        Optional.ofNullable(pathAndRef[1]));
            }
        }
        if (text.startsWith("jbuild:")) {
            String name = text.substring("jbuild:".length());
            return new Stored(name.isEmpty() ? Optional.empty() : Optional.of(name));
        }
        if (text.matches("[a-z-]+:/.*") || text.startsWith("dir:") || text.startsWith("containers-storage:")) {
            throw new JbuildFailure("unsupported transport in \"" + text + "\": use docker://, oci:, oci-archive:,"
                    + " docker-archive: or jbuild: (the store)");
        }
        return new Stored(Optional.of(text));
    }

    /** FILE[:REF]: the path ends at the first colon, as skopeo reads it. */
    private static String[] pathAndReference(String text, String transport) {
        String rest = text.substring(transport.length());
        int colon = rest.indexOf(':');
        String path = colon < 0 ? rest : rest.substring(0, colon);
        String reference = colon < 0 || colon == rest.length() - 1 ? null : rest.substring(colon + 1);
        if (path.isEmpty()) {
            throw new JbuildFailure("\"" + text + "\": no path after " + transport);
        }
        return new String[] {path, reference};
    }
}
