package dev.jbuild.store.oci;

/** This machine's architecture in the names images use (Go's GOARCH). */
public final class HostPlatform {
    private HostPlatform() {
    }

    public static String architecture() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> System.getProperty("os.arch");
        };
    }
}
