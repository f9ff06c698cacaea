package dev.jbuild.cli.attest;

import dev.jbuild.executor.imagebuild.BuiltStage;
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
                         Map<Platform, List<Material>> materials, List<BuiltStage> stages, Optional<Path> context) {

    /** @param uri a purl for an image, the URL of a download or repository; @param digest ALGORITHM:HEX */
    public record Material(String uri, String digest) {
        public Material {
            uri = withoutCredentials(uri);
        }
    }

    /** The context a build was given when it is remote (a git repository, a tarball URL), credentials left out. */
    public static Optional<String> remoteUri(String context) {
        boolean remote = context.contains("://") || context.startsWith("git@");
        return remote ? Optional.of(withoutCredentials(context)) : Optional.empty();
    }

    /** A URL without its user and password ({@code https://user:token@host/…} is {@code https://host/…}). */
    static String withoutCredentials(String uri) {
        return uri.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }
}
