package dev.jbuild.cli.attest;

import dev.jbuild.executor.imagebuild.BuiltStage;
import dev.jbuild.executor.imagebuild.Materials;
import dev.jbuild.store.platform.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What provenance says of a build, gathered by the build as it ran. Never a secret: --secret and
 * --ssh values and sources are not among these.
 *
 * @param dockerfilePath the Dockerfile as the build named it (relative to its context, or "-")
 * @param contextUri     a remote context's URL (git, tarball), empty for a local directory
 * @param materials      by the platform built for: its base images and downloads, each with its digest
 * @param stages         the stages each platform's build ran (what an SBOM may scan besides the image)
 * @param context        the local context directory (which BUILDKIT_SBOM_SCAN_CONTEXT scans)
 */
public record BuildFacts(String startedOn, String finishedOn, String dockerfilePath, String dockerfileText,
                         Optional<String> target, Map<String, String> buildArgs, Optional<String> contextUri,
                         Map<Platform, List<Materials.Material>> materials, List<BuiltStage> stages, Optional<Path> context) {

    /** The context a build was given when it is remote (a git repository, a tarball URL), credentials left out. */
    public static Optional<String> remoteUri(String context) {
        boolean remote = context.contains("://") || context.startsWith("git@");
        return remote ? Optional.of(Materials.withoutCredentials(context)) : Optional.empty();
    }
}
