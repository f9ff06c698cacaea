package dev.jbuild.executor.imagebuild;

import java.nio.file.Path;

/**
 * What --build-context NAME=… gives the name: a directory of files (a local one, or a fetched tarball or
 * git checkout) for COPY --from=NAME and RUN --mount from=NAME, or an image (by reference, pulled when
 * missing; by digest to pin it) that also replaces FROM NAME. Either way it wins over a stage of that name.
 */
public sealed interface NamedContext {
    record Directory(Path path) implements NamedContext {
    }

    record Image(String reference) implements NamedContext {
    }
}
