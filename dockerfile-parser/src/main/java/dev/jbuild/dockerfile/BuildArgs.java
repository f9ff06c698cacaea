package dev.jbuild.dockerfile;

import java.util.Set;

/** Build arguments every build defines without an ARG declaring them in the global scope. */
public final class BuildArgs {
    /** Usable in FROM (and, once declared, in a stage) without a default. */
    public static final Set<String> PLATFORM = Set.of(
            "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
            "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", "TARGETSTAGE");

    private BuildArgs() {
    }
}
