package dev.jbuild.executor.imagebuild;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one COPY or ADD asks for, after expansion.
 *
 * @param sourceDir where the sources are when not the context or a stage (heredocs, downloads), else null
 * @param parents   --parents: keep each source's path below the context under the destination
 */
record Transfer(String kind, List<String> sources, String destination, Optional<String> from, Optional<String> chown,
                Optional<String> chmod, boolean unpack, boolean parents, List<String> excludes, Path sourceDir,
                String original, int line) {

    Transfer withSources(List<String> names, Path dir) {
        return new Transfer(kind, names, destination, Optional.empty(), chown, chmod, unpack, false, List.of(), dir, original, line);
    }

    Transfer withChmod(String mode) {
        return new Transfer(kind, sources, destination, from, chown, Optional.of(mode), false, parents, excludes, sourceDir, original, line);
    }
}
