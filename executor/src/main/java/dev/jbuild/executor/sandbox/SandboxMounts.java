package dev.jbuild.executor.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the sandbox program (src/main/c/sandbox.c) mounts, written beside the container as one fstab
 * file and the container's /dev (a directory bound onto it), so that no device node needs a process or
 * a call of its own to be made (about twenty, paid by every RUN step and every {@code run}). /dev is the
 * container's own directory, not a tmpfs filled by a copy: what is written there goes with the
 * container, as a tmpfs's content would.
 */
final class SandboxMounts {
    private static final List<String> ETC_FILES = List.of("hosts", "resolv.conf", "hostname");

    private SandboxMounts() {
    }

    /** dir/dev (bound onto the container's /dev) and dir/fstab, the mounts in order. */
    static void write(SandboxSpec spec) throws IOException {
        Path merged = spec.merged();
        Path dev = spec.dir().resolve("dev");
        writeDev(dev, spec);
        List<String> mounts = new ArrayList<>();
        mounts.add(entry("proc", merged.resolve("proc"), "proc", "nosuid,nodev,noexec"));
        mounts.add(entry(dev.toString(), merged.resolve("dev"), "none", "bind,nosuid"));
        for (ContainerDev.Device device : ContainerDev.DEVICES) {
            mounts.add(entry("/dev/" + device.name(), merged.resolve("dev/" + device.name()), "none", "bind"));
        }
        mounts.add(entry("devpts", merged.resolve("dev/pts"), "devpts", "newinstance,ptmxmode=0666,mode=0620"));
        mounts.add(entry("shm", merged.resolve("dev/shm"), "tmpfs", "nosuid,nodev,mode=1777,size=" + (spec.resources().shmBytes() >> 10) + "k"));
        mounts.add(entry("/sys", merged.resolve("sys"), "none", "rbind,ro,nosuid,nodev,noexec")); // read-only all the way down, as Docker's
        for (String file : ETC_FILES) {
            mounts.add(entry(spec.dir().resolve(file).toString(), merged.resolve("etc/" + file), "none", "bind"));
        }
        for (Volume v : spec.volumes()) {
            Path target = Path.of(merged + v.container());
            mounts.add(v.isTmpfs() ? entry("tmpfs", target, "tmpfs", "nosuid,nodev,mode=1777")
                    : entry(v.host(), target, "none", v.readOnly() ? "rbind,ro" : "rbind"));
        }
        if (spec.init() != null) {
            mounts.add(entry(spec.init().toString(), merged.resolve("dev/init"), "none", "bind"));
        }
        Files.write(spec.dir().resolve("fstab"), mounts, StandardCharsets.UTF_8);
    }

    /**
     * The files and links of a container's /dev; the device nodes are empty files the host's are bound
     * onto, and so are the mount points of volumes below /dev (elsewhere the container's mount-point
     * layer has them).
     */
    private static void writeDev(Path dev, SandboxSpec spec) throws IOException {
        ContainerDev.write(dev, ContainerDev::placeholder);
        if (spec.init() != null) {
            createFile(dev.resolve("init"));
        } else {
            Files.deleteIfExists(dev.resolve("init"));
        }
        for (Volume v : spec.volumes()) {
            if (v.container().startsWith("/dev/")) {
                mountPoint(dev, v);
            }
        }
    }

    /** A directory (or, for a file bound, a file) at the volume's place in dev; never through one of its links. */
    private static void mountPoint(Path dev, Volume v) throws IOException {
        Path target = dev.resolve(v.container().substring("/dev/".length())).normalize();
        if (!target.startsWith(dev) || target.equals(dev)) {
            throw new SandboxException("cannot mount a volume on " + v.container());
        }
        Path p = dev;
        for (Path name : dev.relativize(target)) { // from the top: below a link, a lookup would already follow it
            p = p.resolve(name);
            if (Files.isSymbolicLink(p)) {
                throw new SandboxException("cannot mount a volume on " + v.container() + ": /dev/"
                        + dev.relativize(p) + " is a link");
            }
        }
        v.makeMountPoint(target);
    }

    private static void createFile(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(p);
        }
    }

    /** One fstab line; fstab separates fields by white space, so paths carry octal escapes. */
    static String entry(String source, Path target, String type, String options) {
        return escaped(source) + " " + escaped(target.toString()) + " " + type + " " + options + " 0 0";
    }

    static String escaped(String field) {
        StringBuilder b = new StringBuilder(field.length());
        for (char c : field.toCharArray()) {
            switch (c) {
                case ' ' -> b.append("\\040");
                case '\t' -> b.append("\\011");
                case '\n' -> b.append("\\012");
                case '\\' -> b.append("\\134");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
