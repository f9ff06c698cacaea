package dev.jbuild.executor.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What sandbox.sh mounts, written beside the container as two fstab files and a /dev skeleton, so that
 * two {@code mount --all} and one {@code cp} set up what took a process per mount and per device node
 * (about twenty, some 4 ms each on a small machine, paid by every RUN step and every {@code run}).
 */
final class SandboxMounts {
    private static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom", "tty");
    private static final List<String> ETC_FILES = List.of("hosts", "resolv.conf", "hostname");

    private SandboxMounts() {
    }

    /** dir/dev.skeleton (copied onto the container's fresh /dev), dir/fstab.base (/proc, /dev) and dir/fstab (the rest, in order). */
    static void write(SandboxSpec spec) throws IOException {
        Path merged = spec.merged();
        writeDevSkeleton(spec.dir().resolve("dev.skeleton"), spec.init() != null);
        List<String> base = List.of(
                entry("proc", merged.resolve("proc"), "proc", "nosuid,nodev,noexec"),
                entry("tmpfs", merged.resolve("dev"), "tmpfs", "nosuid,mode=755,size=65536k"));
        List<String> top = new ArrayList<>();
        for (String device : DEVICES) {
            top.add(entry("/dev/" + device, merged.resolve("dev/" + device), "none", "bind"));
        }
        top.add(entry("devpts", merged.resolve("dev/pts"), "devpts", "newinstance,ptmxmode=0666,mode=0620"));
        top.add(entry("shm", merged.resolve("dev/shm"), "tmpfs", "nosuid,nodev,mode=1777"));
        top.add(entry("/sys", merged.resolve("sys"), "none", "rbind"));
        for (String file : ETC_FILES) {
            top.add(entry(spec.dir().resolve(file).toString(), merged.resolve("etc/" + file), "none", "bind"));
        }
        for (Volume v : spec.volumes()) {
            Path target = Path.of(merged + v.container());
            top.add(v.isTmpfs() ? entry("tmpfs", target, "tmpfs", "nosuid,nodev,mode=1777")
                    : entry(v.host(), target, "none", v.readOnly() ? "rbind,ro" : "rbind"));
        }
        if (spec.init() != null) {
            top.add(entry(spec.init().toString(), merged.resolve("dev/init"), "none", "bind"));
        }
        Files.write(spec.dir().resolve("fstab.base"), base, StandardCharsets.UTF_8);
        Files.write(spec.dir().resolve("fstab"), top, StandardCharsets.UTF_8);
    }

    /** The files and links of a container's /dev; the device nodes are empty files the host's are bound onto. */
    private static void writeDevSkeleton(Path dev, boolean init) throws IOException {
        Files.createDirectories(dev);
        for (String device : DEVICES) {
            createFile(dev.resolve(device));
        }
        for (String d : List.of("pts", "shm", "mqueue")) {
            Files.createDirectories(dev.resolve(d));
        }
        link(dev.resolve("ptmx"), "pts/ptmx");
        link(dev.resolve("fd"), "/proc/self/fd");
        link(dev.resolve("stdin"), "/proc/self/fd/0");
        link(dev.resolve("stdout"), "/proc/self/fd/1");
        link(dev.resolve("stderr"), "/proc/self/fd/2");
        if (init) {
            createFile(dev.resolve("init"));
        } else {
            Files.deleteIfExists(dev.resolve("init"));
        }
    }

    private static void createFile(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(p);
        }
    }

    private static void link(Path p, String target) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(p, Path.of(target));
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
