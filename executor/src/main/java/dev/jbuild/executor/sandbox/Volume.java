package dev.jbuild.executor.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** A bind mount {@code -v HOST:CONTAINER[:ro]}, or a fresh tmpfs (host "tmpfs"). */
public record Volume(String host, String container, boolean readOnly) {
    public static final String TMPFS = "tmpfs";

    public static Volume tmpfs(String container) {
        return new Volume(TMPFS, container, false);
    }

    public boolean isTmpfs() {
        return TMPFS.equals(host);
    }

    /**
     * Makes {@code target} something this volume can be mounted on: a directory for a tmpfs or a bound
     * directory, an empty file for a bound file; what is there already stays.
     */
    public void makeMountPoint(Path target) throws IOException {
        if (isTmpfs() || Files.isDirectory(Path.of(host))) {
            Files.createDirectories(target);
        } else if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(target.getParent());
            Files.createFile(target);
        }
    }

    /** Parses docker's -v syntax; the host path must exist and both must be absolute. */
    public static Volume parse(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new SandboxException("invalid volume '" + spec + "': expected HOST:CONTAINER[:ro|rw]");
        }
        boolean ro = parts.length == 3 && switch (parts[2]) {
            case "ro" -> true;
            case "rw" -> false;
            default -> throw new SandboxException("invalid volume '" + spec + "': unknown mode '" + parts[2] + "' (ro or rw)");
        };
        Path host = Path.of(parts[0]).toAbsolutePath().normalize();
        if (!Files.exists(host)) {
            throw new SandboxException("invalid volume '" + spec + "': " + host + " does not exist");
        }
        if (!parts[1].startsWith("/")) {
            throw new SandboxException("invalid volume '" + spec + "': the container path must be absolute");
        }
        return new Volume(host.toString(), Path.of(parts[1]).normalize().toString(), ro);
    }
}
