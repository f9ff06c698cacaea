package dev.jbuild.dockerfile;

import java.util.Set;

/** Build arguments every build defines without an ARG declaring them in the global scope. */
public final class BuildArgs {
    /** Usable in FROM (and, once declared, in a stage) without a default. */
    public static final Set<String> PLATFORM = Set.of(
            "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
            "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", "TARGETSTAGE");

    /** Proxy variables: usable in RUN without an ARG, and kept out of the image's history. */
    public static final Set<String> PROXY = Set.of(
            "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
            "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy");

    private BuildArgs() {
    }
}
