package dev.jbuild.executor.sandbox;

import dev.jbuild.executor.network.ContainerNetwork;
import dev.jbuild.store.fs.NativeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a container's command through jbuild's own sandbox program (src/main/c/sandbox.c). With
 * namespaces it gives the command new PID, mount, UTS and IPC (and, for --network none, network)
 * namespaces, mounts what {@link SandboxMounts} wrote, pivots into the root and execs the command as
 * PID 1; jbuild itself already runs in its user namespace. The command dies with jbuild, and so does
 * whatever it started: the PID namespace or, under chroot isolation, the program's own reaping.
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
        List<String> cmd = sandboxed(spec, mode, Isolation.current() == Isolation.CHROOT);
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
        if (!spec.resources().ulimits().isEmpty()) {
            env.put("JBUILD_SANDBOX_ULIMITS", spec.resources().sandboxUlimits()); // set by the program before the command starts
        }
        return pb;
    }

    /** The sandbox program holding a private network namespace in {@code dir} (slirp4netns's socket and log) until its stdin closes. */
    public static ProcessBuilder networkHolder(Path dir) {
        ProcessBuilder pb = new ProcessBuilder(program().toString(), "network", dir.toString());
        pb.environment().clear();
        pb.environment().put("PATH", HOST_PATH);
        pb.environment().put("JBUILD_SANDBOX_PARENT", Long.toString(ProcessHandle.current().pid()));
        return pb;
    }

    /**
     * Both isolations start through the sandbox program: with namespaces it mounts what {@link SandboxMounts}
     * wrote and pivots into the root; under chroot isolation (no namespace, no mount: the root was made
     * ready by {@link ChrootRoot}) it chroots without keeping CAP_SYS_CHROOT and kills whatever the command
     * left running. Either way the command gets Docker's default capabilities and seccomp filter.
     */
    private static List<String> sandboxed(SandboxSpec spec, UserNamespaceMode mode, boolean chroot) throws IOException {
        if (chroot && spec.network().mode() != ContainerNetwork.Mode.HOST) {
            throw new SandboxException("--network " + spec.network().mode().option() + " needs a network namespace, which this"
                    + " host does not allow (chroot isolation)");
        }
        if (!chroot) {
            SandboxMounts.write(spec);
        }
        List<String> cmd = new ArrayList<>(List.of(program().toString(), chroot ? "chroot" : "namespaces",
                spec.merged().toString(), spec.dir().toString(), spec.hostname(), spec.network().sandboxArgument(),
                spec.workdir(), mode == UserNamespaceMode.SINGLE ? "keep" : spec.user().uid() + ":" + spec.user().gid(),
                spec.seccomp() ? "default" : "unconfined", Integer.toString(spec.env().size())));
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
