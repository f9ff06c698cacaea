package dev.jbuild.executor.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A container's /dev as Docker gives it, for both isolations: the usual device nodes, pts, shm and
 * mqueue, and the links into /proc/self/fd. The rootless isolation binds the host's nodes onto its
 * placeholders; chroot isolation makes the nodes where the host allows it, and its /proc bridge
 * (src/main/c/kernelfiles.c, which names the same nodes) answers for them where it does not.
 */
final class ContainerDev {
    /** A device node: its name under /dev and its numbers. */
    record Device(String name, int major, int minor) {
    }

    /** The nodes, in the order they are mounted. */
    static final List<Device> DEVICES = List.of(new Device("null", 1, 3), new Device("zero", 1, 5), new Device("full", 1, 7),
            new Device("random", 1, 8), new Device("urandom", 1, 9), new Device("tty", 5, 0));
    private static final Map<String, String> LINKS = Map.of("ptmx", "pts/ptmx", "fd", "/proc/self/fd", "stdin",
            "/proc/self/fd/0", "stdout", "/proc/self/fd/1", "stderr", "/proc/self/fd/2");

    /** How a node is put at its place: an empty file to bind onto, or the node itself. */
    interface NodeMaker {
        void make(Path place, int major, int minor) throws IOException;
    }

    private ContainerDev() {
    }

    /** The nodes, directories and links into {@code dev}; what is there already stays. */
    static void write(Path dev, NodeMaker nodes) throws IOException {
        Files.createDirectories(dev);
        for (Device device : DEVICES) {
            Path place = dev.resolve(device.name());
            if (!Files.exists(place, LinkOption.NOFOLLOW_LINKS)) {
                nodes.make(place, device.major(), device.minor());
            }
        }
        for (String d : List.of("pts", "shm", "mqueue")) {
            Files.createDirectories(dev.resolve(d));
        }
        for (var link : LINKS.entrySet()) {
            Path p = dev.resolve(link.getKey());
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(p, Path.of(link.getValue()));
            }
        }
    }

    /** The placeholder the rootless isolation binds a host node onto. */
    static void placeholder(Path place, int major, int minor) throws IOException {
        Files.createFile(place);
    }
}
