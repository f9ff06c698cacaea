package dev.jbuild.store.platform;

import dev.jbuild.store.StoreException;
import dev.jbuild.store.oci.Descriptor;
import dev.jbuild.store.oci.HostPlatform;
import dev.jbuild.store.oci.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An OCI platform, {@code os/arch[/variant]}, in Go's names and normalised as containerd does it:
 * {@code aarch64} is arm64, arm64's only variant v8 is left out, a bare arm is arm/v7.
 */
public record Platform(String os, String architecture, String variant) {

    public Platform {
        Objects.requireNonNull(os);
        Objects.requireNonNull(architecture);
        String arch = switch (architecture) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            case "armhf" -> "arm";
            case "i386", "i686" -> "386";
            default -> architecture;
        };
        String v = variant == null || variant.isEmpty() ? null : variant;
        if (arch.equals("arm64") && "v8".equals(v) || arch.equals("amd64") && "v1".equals(v)) {
            v = null;
        }
        if (arch.equals("arm") && v == null) {
            v = "v7";
        }
        architecture = arch;
        variant = v;
    }

    /** OS/ARCH[/VARIANT], as --platform takes it. */
    public static Platform parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()
                || (parts.length == 3 && parts[2].isEmpty())) {
            throw new StoreException("invalid platform \"" + text + "\": expected OS/ARCH[/VARIANT], e.g. linux/arm64");
        }
        return new Platform(parts[0].toLowerCase(java.util.Locale.ROOT), parts[1].toLowerCase(java.util.Locale.ROOT),
                parts.length == 3 ? parts[2] : null);
    }

    /** A --platform value, or this machine's platform when none was given (null). */
    public static Platform parseOrHost(String text) {
        return text == null ? host() : parse(text);
    }

    /** A comma-separated list (--platform linux/amd64,linux/arm64), each once, in the order given. */
    public static List<Platform> parseList(String text) {
        List<Platform> platforms = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                Platform p = parse(part);
                if (!platforms.contains(p)) {
                    platforms.add(p);
                }
            }
        }
        if (platforms.isEmpty()) {
            throw new StoreException("invalid platform \"" + text + "\": expected OS/ARCH[/VARIANT], e.g. linux/arm64");
        }
        return platforms;
    }

    /** This machine's. */
    public static Platform host() {
        return new Platform("linux", HostPlatform.architecture(), null);
    }

    /** What an index entry says it is for; null when it says nothing. */
    public static Platform of(Descriptor.Platform p) {
        return p == null || p.os() == null || p.architecture() == null ? null : new Platform(p.os(), p.architecture(), p.variant());
    }

    /** What an image's config says it is for. */
    public static Platform of(ImageConfig config) {
        return new Platform(config.os() == null ? "linux" : config.os(),
                config.architecture() == null ? HostPlatform.architecture() : config.architecture(), config.variant());
    }

    /** As an index entry writes it. */
    public Descriptor.Platform descriptor() {
        return new Descriptor.Platform(architecture, os, variant);
    }

    /**
     * Whether an image of {@code other} serves where this platform is asked for: the same, or (no variant
     * asked) the same OS and CPU of any variant, as containerd chooses.
     */
    public boolean accepts(Platform other) {
        return equals(other) || variant == null && os.equals(other.os) && architecture.equals(other.architecture);
    }

    /** BuildKit's and attestation entries' "unknown/unknown". */
    public boolean isUnknown() {
        return os.equals("unknown") && architecture.equals("unknown");
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
