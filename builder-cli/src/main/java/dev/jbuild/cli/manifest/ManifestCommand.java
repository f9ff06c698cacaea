package dev.jbuild.cli.manifest;

import dev.jbuild.cli.JbuildCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code jbuild manifest}: multi-platform images (manifest lists, OCI indexes) put together by hand, in
 * podman's words: images built on an amd64 and an arm64 runner joined under one tag.
 */
@Command(name = "manifest", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Make and push multi-platform images from images of one platform each.",
        subcommands = {ManifestCreateCommand.class, ManifestAddCommand.class, ManifestAnnotateCommand.class,
            ManifestInspectCommand.class, ManifestRmCommand.class, ManifestPushCommand.class})
public final class ManifestCommand {
    @ParentCommand
    JbuildCommand jbuild;
}
