package dev.jbuild.executor.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a container's command: util-linux `unshare` gives it new PID, mount, UTS and IPC (and, for
 * --network none, network) namespaces, {@link #SCRIPT} sets up /proc, /dev, /sys, /etc files and
 * volumes as PID 1 of them, and `unshare --root --wd -S -G` finally chroots, changes directory and
 * ids and execs the command, which so stays PID 1. jbuild itself already runs in its user namespace.
 */
public final class Sandbox {
    /**
     * The sh script the sandbox runs (its comments say what it does). A constant, not a resource file:
     * looking a resource up in the jar cost ~5 ms of every run and first RUN step.
     */
    private static final String SCRIPT = """
            # Runs as PID 1 of the container's new PID, mount, UTS and IPC namespaces (host binaries, host paths),
            # with the container's overlay already mounted at $merged: adds /proc, a minimal /dev, /sys, the
            # generated /etc files and the volumes, then becomes the container's command (same pid) through
            # unshare's chroot, chdir and setuid. What to mount Java wrote beside the container (SandboxMounts),
            # mount points included: a process per mount would cost more than the whole rest of a short RUN.
            set -eu
            merged=$1 dir=$2 hostname=$3 network=$4
            shift 4

            mount --all --fstab "$dir/fstab" # /proc, /dev and its devices, /sys, /etc files, volumes, init
            # sethostname(2) in the new UTS namespace; /proc/sys is the host's and not writable when rootless
            hostname "$hostname" 2>/dev/null || echo "$hostname" > "$merged/proc/sys/kernel/hostname"
            if [ "$network" = none ]; then
              ip link set lo up 2>/dev/null || true # a loopback, as docker gives (when iproute2 is there)
            fi
            # What is left: the container's environment, then unshare's chroot/chdir/setuid and the command.
            exec env -i "$@"
            """;
    private static final String HOST_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Sandbox() {
    }

    /** The process builder of the container's run; the caller decides stdio and waits. */
    public static ProcessBuilder command(SandboxSpec spec, UserNamespaceMode mode) throws IOException {
        if (mode == UserNamespaceMode.SINGLE && (spec.user().uid() != 0 || spec.user().gid() != 0)) {
            throw new SandboxException(mode.unmappedMessage(spec.user().uid(), spec.user().gid()));
        }
        List<String> cmd = Isolation.current() == Isolation.CHROOT ? chrooted(spec, mode) : namespaced(spec, mode);
        if (spec.tty()) {
            // util-linux `script` puts the whole sandbox on a new pseudo-terminal and relays it to our stdio.
            String line = String.join(" ", cmd.stream().map(Sandbox::quoted).toList());
            cmd = new ArrayList<>(List.of("script", "--quiet", "--return", "--command", line, "/dev/null"));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", HOST_PATH);
        return pb;
    }

    private static List<String> namespaced(SandboxSpec spec, UserNamespaceMode mode) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--pid", "--fork",
                "--kill-child", "--uts", "--ipc"));
        if (spec.networkNone()) {
            cmd.add("--net");
        }
        SandboxMounts.write(spec);
        cmd.addAll(List.of("--", "sh", "-c", SCRIPT, "sandbox", spec.merged().toString(), spec.dir().toString(),
                spec.hostname(), spec.networkNone() ? "none" : "host"));
        cmd.addAll(spec.env());
        cmd.addAll(intoRoot(spec, mode));
        return cmd;
    }

    /**
     * Chroot isolation: no namespace, no mount (the root was made ready by {@link ChrootRoot}); the
     * command leads a process group of its own (setsid), which is killed when it ends.
     */
    private static List<String> chrooted(SandboxSpec spec, UserNamespaceMode mode) {
        if (spec.networkNone()) {
            throw new SandboxException("--network none needs a network namespace, which this host does not allow"
                    + " (chroot isolation)");
        }
        List<String> cmd = new ArrayList<>(List.of("setsid", "env", "-i"));
        cmd.addAll(spec.env());
        cmd.addAll(intoRoot(spec, mode));
        return cmd;
    }

    /** `unshare --root --wd -S -G`: chroot, chdir, the command's ids, then the command (under the init when asked). */
    private static List<String> intoRoot(SandboxSpec spec, UserNamespaceMode mode) {
        List<String> cmd = new ArrayList<>(List.of("unshare", "--root=" + spec.merged(), "--wd=" + spec.workdir()));
        if (mode != UserNamespaceMode.SINGLE) {
            cmd.addAll(List.of("--setgid", Long.toString(spec.user().gid()), "--setuid", Long.toString(spec.user().uid())));
        }
        cmd.add("--");
        if (spec.init() != null) {
            cmd.addAll(List.of("/dev/init", "--"));
        }
        cmd.addAll(spec.argv());
        return cmd;
    }

    /** One word for sh, whatever it holds. */
    public static String quoted(String word) {
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
