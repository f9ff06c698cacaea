package dev.jbuild.cli;

import picocli.CommandLine.Option;

/**
 * {@code --isolation}: the launcher reads it, since the namespace is chosen before Java starts; here
 * it is parsed so that help and completion show it and a command line with it is valid.
 */
public final class IsolationOption {
    @Option(names = "--isolation", scope = picocli.CommandLine.ScopeType.INHERIT, paramLabel = "auto|rootless|chroot", defaultValue = "auto",
            description = "How steps are isolated: rootless (namespaces and overlay), chroot (no namespaces or mounts:"
                    + " a locked-down CI container), auto (rootless where the host allows it; default, also JBUILD_ISOLATION).")
    String isolation;
}
