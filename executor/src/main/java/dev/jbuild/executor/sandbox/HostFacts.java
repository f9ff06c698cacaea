package dev.jbuild.executor.sandbox;

import dev.jbuild.store.blob.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What this host lets jbuild do, found out by looking (and, for overlay, by trying), for `jbuild info`. */
public record HostFacts(UserNamespaceMode mode, List<String> uidMap, List<String> gidMap, String overlay, String cgroups,
                        String kernel) {

    public static HostFacts detect(TempFiles temp) {
        UserNamespaceMode mode = UserNamespaceMode.of(System.getenv());
        return new HostFacts(mode, idMap("/proc/self/uid_map"), idMap("/proc/self/gid_map"), overlay(temp, mode),
                Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "v2 (unified)" : "v1",
                firstLine("/proc/sys/kernel/osrelease"));
    }

    /** What RUN steps and containers run in. */
    public String isolation() {
        if (Isolation.current() == Isolation.CHROOT) {
            return "chroot: steps run chrooted in a copy of the image's files, kept across a stage's steps (without CAP_SYS_CHROOT, with no_new_privs"
                    + " and the seccomp filter), changes found by comparing metadata; /proc, /sys and /dev's nodes answered by the"
                    + " sandbox program (no PID or network namespace)";
        }
        return switch (mode) {
            case ROOT -> "root: a mount and PID namespace per step, overlay";
            case FULL -> "rootless: user namespace with a subordinate id range, a mount and PID namespace per step, overlay";
            case SINGLE -> "rootless, one id: user namespace mapping only you (no subordinate ids: steps cannot switch users)";
        };
    }

    /** A throw-away overlay mounted and unmounted: the only sure answer. */
    private static String overlay(TempFiles temp, UserNamespaceMode mode) {
        if (Isolation.current() == Isolation.CHROOT) {
            return "not used (chroot isolation)";
        }
        try (ScratchOverlay probe = ScratchOverlay.mount(temp, "probe", List.of(), mode)) {
            return mode == UserNamespaceMode.ROOT ? "yes (kernel overlay)" : "yes (kernel overlay, userxattr)";
        } catch (IOException | RuntimeException e) {
            return "no: " + e.getMessage();
        }
    }

    private static List<String> idMap(String file) {
        try {
            return Files.readAllLines(Path.of(file)).stream().map(l -> l.trim().replaceAll("\\s+", " ")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String firstLine(String file) {
        try {
            return Files.readAllLines(Path.of(file)).get(0).trim();
        } catch (IOException | IndexOutOfBoundsException e) {
            return "unknown";
        }
    }
}
