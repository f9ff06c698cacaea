package dev.jbuild.executor.sandbox;

import dev.jbuild.store.fs.NativeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a container's command. With namespaces, jbuild's own sandbox program (src/main/c/sandbox.c)
 * gives it new PID, mount, UTS and IPC (and, for --network none, network) namespaces, mounts what
 * {@link SandboxMounts} wrote, sets the host name, chroots, changes directory and ids and execs the
 * command as PID 1. jbuild itself already runs in its user namespace. Either way the command dies
 * with jbuild: SIGKILL when the thread that started it goes, which no hook needs to see.
 */
public final class Sandbox {
    private static final String PROGRAM = "jbuild-sandbox-" + System.getProperty("os.arch");
    private static final String HOST_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static volatile Path program;

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
            cmd = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "script", "--quiet", "--return", "--command", line,
                    "/dev/null"));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", HOST_PATH);
        return pb;
    }

    private static List<String> namespaced(SandboxSpec spec, UserNamespaceMode mode) throws IOException {
        SandboxMounts.write(spec);
        List<String> cmd = new ArrayList<>(List.of(program().toString(), spec.merged().toString(), spec.dir().toString(),
                spec.hostname(), spec.networkNone() ? "none" : "host", spec.workdir(),
                mode == UserNamespaceMode.SINGLE ? "keep" : spec.user().uid() + ":" + spec.user().gid(),
                Integer.toString(spec.env().size())));
        cmd.addAll(spec.env());
        cmd.addAll(underInit(spec));
        return cmd;
    }

    /** The sandbox program, copied out of jbuild's jar once and looked up once per process (each step starts through it). */
    private static Path program() {
        Path found = program;
        if (found == null) {
            try {
                found = NativeFile.find(Sandbox.class, PROGRAM, true);
            } catch (UncheckedIOException | UnsatisfiedLinkError e) {
                throw new SandboxException("cannot find jbuild's sandbox program: " + e.getMessage());
            }
            program = found;
        }
        return found;
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
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "setsid", "env", "-i"));
        cmd.addAll(spec.env());
        cmd.addAll(List.of("unshare", "--root=" + spec.merged(), "--wd=" + spec.workdir()));
        if (mode != UserNamespaceMode.SINGLE) {
            cmd.addAll(List.of("--setgid", Long.toString(spec.user().gid()), "--setuid", Long.toString(spec.user().uid())));
        }
        cmd.add("--");
        cmd.addAll(underInit(spec));
        return cmd;
    }

    /** The command, under the init when asked. */
    private static List<String> underInit(SandboxSpec spec) {
        List<String> cmd = new ArrayList<>();
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
