package dev.jbuild.cli.image;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.store.oci.HostPlatform;

/** An OCI platform, {@code os/arch[/variant]}; by default this machine's, in Go's names (amd64, arm64). */
public record Platform(String os, String architecture, String variant) {

    /** OS/ARCH[/VARIANT]; null means this machine's platform. */
    public static Platform parse(String text) {
        if (text == null) {
            return host();
        }
        String[] parts = text.split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new JbuildFailure("invalid platform \"" + text + "\": expected OS/ARCH[/VARIANT], e.g. linux/amd64");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    static Platform host() {
        return new Platform("linux", HostPlatform.architecture(), null);
    }
}
