package dev.jbuild.executor.imagebuild;

import dev.jbuild.dockerfile.ignore.IgnoreMatcher;
import dev.jbuild.executor.limits.Resources;
import dev.jbuild.executor.network.BuildNetwork;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.platform.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One build as the CLI asked for it.
 *
 * @param created         the creation time for configs and history (SOURCE_DATE_EPOCH aware)
 * @param sourceDateEpoch when set, layer mtimes are clamped to it
 * @param remoteCache     --cache-from/--cache-to, when given
 * @param secrets         --secret id → file, for RUN --mount=type=secret
 * @param network         the networks RUN steps get
 * @param resources       RUN steps' --ulimit and --shm-size
 * @param annotations     --annotation: on the image manifest
 * @param namedContexts   --build-context, by name
 * @param sshAgents       --ssh: id → the agent socket RUN --mount=type=ssh reaches
 * @param progress        what is shown of the build (steps, RUN output, messages)
 * @param platform        the platform built for (TARGETPLATFORM)
 */
public record BuildRequest(Optional<Path> context, String dockerfile, List<ImageName> tags, Map<String, String> buildArgs,
                           Optional<String> target, NoCache noCache, Map<String, String> labels, BuildNetwork network,
                           IgnoreMatcher ignore, String created, OptionalLong sourceDateEpoch, boolean explainCache,
                           Map<String, Path> secrets, Optional<RemoteCache> remoteCache, BuildProgress progress,
                           Resources resources, Map<String, String> annotations, Map<String, NamedContext> namedContexts,
                           Map<String, Path> sshAgents, Platform platform) {
    /** This build, watched by {@code view}. */
    public BuildRequest withProgress(BuildProgress view) {
        return new BuildRequest(context, dockerfile, tags, buildArgs, target, noCache, labels, network, ignore, created,
                sourceDateEpoch, explainCache, secrets, remoteCache, view, resources, annotations, namedContexts, sshAgents, platform);
    }

    /**
     * This build for one platform of several: unnamed (the index takes the names), its own progress
     * view and manifest annotations.
     */
    public BuildRequest forPlatform(Platform platformBuilt, BuildProgress view, Map<String, String> manifestAnnotations) {
        return new BuildRequest(context, dockerfile, List.of(), buildArgs, this.target, noCache, labels, network, ignore, created,
                sourceDateEpoch, explainCache, secrets, remoteCache, view, resources, manifestAnnotations, namedContexts, sshAgents,
                platformBuilt);
    }
}
