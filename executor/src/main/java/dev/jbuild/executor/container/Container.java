package dev.jbuild.executor.container;

import java.nio.file.Path;

/** A container: its config and its directory in the store (upper, work, merged, log, state). */
public record Container(ContainerConfig config, Path dir) {
    public String id() {
        return config.id();
    }

    public String name() {
        return config.name();
    }

    public Path upper() {
        return dir.resolve("upper");
    }

    public Path work() {
        return dir.resolve("work");
    }

    public Path merged() {
        return dir.resolve("merged");
    }

    /** The read-only layer above the image's with the mount points (/proc, /etc/hosts, …), so they never reach upper. */
    public Path mountPoints() {
        return dir.resolve("mounts");
    }

    public Path log() {
        return dir.resolve("container.log");
    }

    public Path exitFile() {
        return dir.resolve("exit");
    }
}
