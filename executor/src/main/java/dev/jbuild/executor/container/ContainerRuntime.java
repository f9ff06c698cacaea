package dev.jbuild.executor.container;

import dev.jbuild.executor.network.ContainerNetwork;
import dev.jbuild.executor.sandbox.Executables;
import dev.jbuild.executor.sandbox.ChrootRoot;
import dev.jbuild.executor.sandbox.Isolation;
import dev.jbuild.executor.sandbox.KeptRoots;
import dev.jbuild.executor.sandbox.OverlayMount;
import dev.jbuild.store.fs.RootPaths;
import dev.jbuild.executor.sandbox.Sandbox;
import dev.jbuild.executor.sandbox.SandboxException;
import dev.jbuild.executor.sandbox.SandboxSpec;
import dev.jbuild.executor.sandbox.UserIds;
import dev.jbuild.executor.sandbox.UserNamespaceMode;
import dev.jbuild.executor.sandbox.Volume;
import dev.jbuild.store.Store;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.fs.Posix;
import dev.jbuild.store.image.StoredImage;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Starts, stops and enters containers. */
public final class ContainerRuntime {
    private static final int SIGHUP = 1;
    private static final Path[] INIT_BINARIES = {Path.of("/usr/bin/tini-static"), Path.of("/usr/bin/docker-init")};
    private final Store store;
    private final Containers containers;
    private final UserNamespaceMode mode;

    public ContainerRuntime(Store store, Containers containers, UserNamespaceMode mode) {
        this.store = store;
        this.containers = containers;
        this.mode = mode;
    }

    /** How the container's stdio is connected. */
    public enum Attach { FOREGROUND, FOREGROUND_WITH_STDIN, DETACHED, QUIET }

    /**
     * Mounts the container's root (extracting the image's layers when needed) and starts its command.
     * Foreground: waits and returns the command's exit code. Detached: returns 0 at once; a small
     * monitor process records the exit code.
     */
    public int start(Container c, StoredImage image, Attach attach) throws IOException {
        List<Path> lowers;
        try (StoreLock lock = store.lockForWriting()) {
            lowers = store.layerTrees().extract(image.manifest().layers(), image.config().rootfs().diffIds());
        }
        return start(c, lowers, attach);
    }

    /** The same over extracted layers (bottom first): a build's RUN step runs this way. */
    public int start(Container c, List<Path> imageLayers, Attach attach) throws IOException {
        return start(c, imageLayers, attach, null);
    }

    /** @param output where an attached command's stdout and stderr go, both (null: ours) */
    public int start(Container c, List<Path> imageLayers, Attach attach, OutputStream output) throws IOException {
        return start(c, imageLayers, attach, output, null, c.config().autoRemove());
    }

    /**
     * A build's RUN step: as above, in the foreground; under chroot isolation the root comes from, and goes
     * back to, {@code kept} (see KeptRoots), so that a stage copies its image once.
     */
    public int startStep(Container c, List<Path> imageLayers, OutputStream output, KeptRoots kept) throws IOException {
        return start(c, imageLayers, Attach.FOREGROUND, output, kept, true);
    }

    /** @param throwAway the container's upper dir is never mounted again (a step's becomes a layer, --rm's goes) */
    private int start(Container c, List<Path> imageLayers, Attach attach, OutputStream output, KeptRoots kept, boolean throwAway)
            throws IOException {
        if (containers.status(c).running()) {
            throw new SandboxException("container " + c.name() + " is already running", 1);
        }
        Files.deleteIfExists(c.exitFile()); // from the previous run
        if (Isolation.current() == Isolation.CHROOT) {
            return startChrooted(c, imageLayers, attach, output, kept);
        }
        List<Path> lowers = new ArrayList<>(imageLayers);
        writeMountPoints(c);
        lowers.add(c.mountPoints());
        OverlayMount.mount(c.dir(), lowers, c.upper(), c.work(), c.merged(), mode,
                throwAway ? OverlayMount.Upper.THROWN_AWAY : OverlayMount.Upper.KEPT);
        try {
            ProcessBuilder pb = Sandbox.command(spec(c), mode);
            return attach == Attach.DETACHED ? startDetached(c, pb) : runAttached(c, pb, attach, output);
        } finally {
            OverlayMount.unmount(c.merged()); // the container has its own copy of the mount
        }
    }

    /** Without namespaces and mounts: in a copy of the image's files, in the foreground only. */
    private int startChrooted(Container c, List<Path> imageLayers, Attach attach, OutputStream output, KeptRoots kept)
            throws IOException {
        if (attach == Attach.DETACHED) {
            throw new SandboxException("a detached container needs namespaces, which this host does not allow (chroot"
                    + " isolation): run it in the foreground", 1);
        }
        writeEtcFiles(c);
        ChrootRoot root = kept == null ? null : kept.reuse(imageLayers, c.merged(), c.dir(), c.config().volumes(), initBinary(c.config()));
        if (root == null) {
            root = ChrootRoot.open(c.merged(), imageLayers, c.upper(), c.dir(), c.config().volumes(), initBinary(c.config()));
        }
        try {
            SandboxSpec spec = spec(c);
            int code = runAttached(c, Sandbox.command(spec, mode), attach, output);
            root.writeBack(spec.volumes());
            root.writeChanges(c.upper());
            if (code == 0 && kept != null) {
                kept.hold(c.id(), root);
            }
            return code;
        } finally {
            root.close();
        }
    }

    private int runAttached(Container c, ProcessBuilder pb, Attach attach, OutputStream output) throws IOException {
        // With a terminal the command writes to it directly; otherwise its output is also kept for `jbuild logs`.
        boolean logged = attach != Attach.QUIET && !c.config().tty();
        ProcessBuilder.Redirect out = attach == Attach.QUIET ? ProcessBuilder.Redirect.DISCARD
                : logged ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.INHERIT;
        pb.redirectOutput(out).redirectError(out)
                .redirectInput(attach == Attach.FOREGROUND_WITH_STDIN ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (!c.config().tty()) { // under a terminal, script(1) stands between us and the sandbox program
            // A jbuild killed before the program set its parent-death signal is noticed by the program itself.
            pb.environment().put("JBUILD_SANDBOX_PARENT", Long.toString(ProcessHandle.current().pid()));
        }
        Process process = pb.start();
        containers.started(c, ContainerState.running(process.toHandle()));
        List<Thread> pumps = logged ? OutputLog.pump(process, c.log(), output) : List.of();
        // Ctrl-C or SIGTERM to jbuild stops the container as `jbuild stop` would.
        Thread forward = new StopOnExit(process.toHandle());
        Runtime.getRuntime().addShutdownHook(forward);
        try {
            int code = waitFor(process);
            for (Thread pump : pumps) {
                try {
                    pump.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            containers.exited(c, code);
            return code;
        } finally { // also when recording the end failed (a full disk): a hook left behind would stop a long-gone run at exit
            try {
                Runtime.getRuntime().removeShutdownHook(forward);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    private int startDetached(Container c, ProcessBuilder sandbox) throws IOException {
        // The monitor outlives jbuild: it records the exit code, and for --rm removes the container through jbuild.
        List<String> monitor = new ArrayList<>(List.of("setsid", "sh", "-c",
                "code=0; \"$@\" || code=$?; echo $code > \"$0.tmp\" && mv \"$0.tmp\" \"$0\";"
                        + " if [ -n \"$JBUILD_RM\" ]; then \"$JBUILD_LAUNCHER\" --root \"$JBUILD_RM_ROOT\" rm \"$JBUILD_RM\" >/dev/null 2>&1; fi",
                c.exitFile().toString()));
        monitor.addAll(sandbox.command());
        ProcessBuilder pb = new ProcessBuilder(monitor).redirectInput(new File("/dev/null"))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(c.log().toFile())).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(sandbox.environment());
        String launcher = System.getenv("JBUILD_LAUNCHER");
        if (c.config().autoRemove() && launcher != null) {
            pb.environment().put("JBUILD_RM", c.id());
            pb.environment().put("JBUILD_RM_ROOT", store.root().toString());
            pb.environment().put("JBUILD_LAUNCHER", launcher);
            for (String keep : List.of("JBUILD_USERNS", "JBUILD_CALLER", "JBUILD_HOME", "HOME", "JAVA_HOME", "XDG_CACHE_HOME")) {
                if (System.getenv(keep) != null) {
                    pb.environment().put(keep, System.getenv(keep));
                }
            }
        }
        Process process = pb.start();
        containers.started(c, ContainerState.running(process.toHandle()));
        // Its namespaces must exist (with their copy of the overlay mount) before we unmount ours.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (process.isAlive() && initOf(process.toHandle()).isEmpty() && System.nanoTime() < deadline) {
            sleep(10);
        }
        return 0;
    }

    /** SIGTERM to the container's PID 1, SIGKILL after {@code seconds}; returns once it is gone. */
    public void stop(Container c, int seconds) throws IOException {
        Optional<ProcessHandle> run = containers.state(c).process();
        if (run.isPresent()) {
            stopProcess(run.get(), seconds);
        }
    }

    /** Ctrl-C or SIGTERM to jbuild: stops the container as `jbuild stop` would (a class, not a lambda: each costs its first call ~0.4 ms). */
    private static final class StopOnExit extends Thread {
        private final ProcessHandle run;

        StopOnExit(ProcessHandle run) {
            this.run = run;
        }

        @Override
        public void run() {
            stopProcess(run, 10);
        }
    }

    /**
     * SIGTERM to the command, SIGKILL to all of it after {@code seconds}. With namespaces the container's
     * PID 1 is signalled and the PID namespace dies with it. Under chroot isolation the sandbox program is:
     * it passes SIGTERM on to the command, and on SIGHUP kills everything the command started. Every wait is
     * bounded: this runs in a shutdown hook too, which must never keep jbuild from exiting.
     */
    private static void stopProcess(ProcessHandle run, int seconds) {
        boolean chroot = Isolation.current() == Isolation.CHROOT;
        (chroot ? Optional.of(run) : initOf(run)).ifPresent(ProcessHandle::destroy);
        if (gone(run, seconds * 1000L)) {
            return;
        }
        if (chroot) {
            try {
                Posix.signal(run.pid(), SIGHUP);
            } catch (IOException e) {
                run.destroyForcibly();
            }
        } else {
            initOf(run).ifPresent(ProcessHandle::destroyForcibly);
        }
        if (!gone(run, 10_000)) {
            run.destroyForcibly();
            gone(run, 1_000);
        }
    }

    /** Whether {@code p} ended within {@code millis}. */
    private static boolean gone(ProcessHandle p, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (p.isAlive() && System.nanoTime() < deadline) {
            sleep(20);
        }
        return !p.isAlive();
    }

    /** The container's PID 1: the first descendant of the run's process in another PID namespace. */
    static Optional<ProcessHandle> initOf(ProcessHandle run) {
        String ours = pidNamespace(ProcessHandle.current().pid());
        return run.descendants().filter(p -> {
            String ns = pidNamespace(p.pid());
            return ns != null && !ns.equals(ours) && p.parent().map(parent -> ours.equals(pidNamespace(parent.pid()))).orElse(false);
        }).findFirst();
    }

    /** The host pid of a running container's PID 1. */
    public long initPid(Container c) throws IOException {
        ProcessHandle run = containers.state(c).process()
                .orElseThrow(() -> new SandboxException("container " + c.name() + " is not running", 1));
        for (int i = 0; i < 100; i++) {
            Optional<ProcessHandle> init = initOf(run);
            if (init.isPresent()) {
                return init.get().pid();
            }
            sleep(20); // just started: its PID 1 is being forked
        }
        throw new SandboxException("container " + c.name() + " has no running process", 1);
    }

    /** `nsenter` into a running container's namespaces and root to run {@code argv}; returns its exit code. */
    public int exec(Container c, List<String> argv, List<String> extraEnv, String user, String workdir, boolean stdin, boolean tty)
            throws IOException {
        if (Isolation.current() == Isolation.CHROOT) {
            throw new SandboxException("exec needs the container's namespaces, which this host does not allow (chroot isolation)", 1);
        }
        long init = initPid(c);
        Path root = Path.of("/proc", Long.toString(init), "root");
        UserIds ids = UserIds.resolve(root, user != null ? user : c.config().user());
        List<String> env = new ArrayList<>(withHome(c.config().env(), ids));
        env.addAll(extraEnv);
        String program = Executables.find(root, argv.get(0), env);
        // nsenter is the host's, found by absolute path: the PATH it runs with is the container's.
        String nsenter = Files.exists(Path.of("/usr/bin/nsenter")) ? "/usr/bin/nsenter" : "/bin/nsenter";
        List<String> cmd = new ArrayList<>(List.of(nsenter, "--target", Long.toString(init), "--mount", "--uts", "--ipc", "--pid",
                "--root", "--wd=" + (workdir != null ? workdir : c.config().workdir())));
        if (c.config().network().mode() != ContainerNetwork.Mode.HOST) {
            cmd.add("--net");
        }
        if (mode != UserNamespaceMode.SINGLE) {
            cmd.addAll(List.of("--setgid", Long.toString(ids.gid()), "--setuid", Long.toString(ids.uid())));
        }
        cmd.add("--");
        cmd.add(program);
        cmd.addAll(argv.subList(1, argv.size()));
        if (tty) { // a pseudo-terminal from util-linux `script`, as run -t
            cmd = new ArrayList<>(List.of("/usr/bin/script", "--quiet", "--return", "--command",
                    String.join(" ", cmd.stream().map(Sandbox::quoted).toList()), "/dev/null"));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        if (!stdin) {
            pb.redirectInput(new File("/dev/null"));
        }
        pb.environment().clear();
        for (String e : env) {
            int eq = e.indexOf('=');
            pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
        }
        return waitFor(pb.start());
    }

    private SandboxSpec spec(Container c) throws IOException {
        ContainerConfig cfg = c.config();
        UserIds ids = UserIds.resolve(c.merged(), cfg.user());
        Path workdir = RootPaths.resolve(c.merged(), cfg.workdir());
        if (!Files.exists(workdir)) {
            Files.createDirectories(workdir); // docker creates a missing working directory
        }
        List<String> env = withHome(cfg.env(), ids);
        List<String> argv = new ArrayList<>(cfg.command());
        argv.set(0, Executables.find(c.merged(), argv.get(0), env));
        Path init = initBinary(cfg);
        writeEtcFiles(c);
        return new SandboxSpec(c.dir(), c.merged(), argv, env, cfg.workdir(), ids, cfg.hostname(), cfg.network(), cfg.volumes(), init,
                cfg.tty(), !cfg.seccompUnconfined(), cfg.resources());
    }

    private static Path initBinary(ContainerConfig cfg) {
        if (!cfg.init()) {
            return null;
        }
        return java.util.Arrays.stream(INIT_BINARIES).filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new SandboxException("--init needs a static init on this host: apt-get install tini"));
    }

    private static List<String> withHome(List<String> env, UserIds ids) {
        for (String e : env) {
            if (e.startsWith("HOME=")) {
                return env;
            }
        }
        List<String> withHome = new ArrayList<>(env);
        withHome.add("HOME=" + ids.home());
        return withHome;
    }

    /** The read-only top layer with the mount points, so mounting never writes into the container's layer. */
    private static void writeMountPoints(Container c) throws IOException {
        Path m = c.mountPoints();
        for (String d : List.of("proc", "sys", "dev", "etc")) {
            Files.createDirectories(m.resolve(d));
        }
        for (String f : List.of("hosts", "resolv.conf", "hostname")) {
            if (!Files.exists(m.resolve("etc").resolve(f))) {
                Files.createFile(m.resolve("etc").resolve(f));
            }
        }
        for (Volume v : c.config().volumes()) {
            v.makeMountPoint(m.resolve(v.container().substring(1)));
        }
    }

    /** The generated /etc/hosts, /etc/resolv.conf and /etc/hostname, bind-mounted into the container. */
    private static void writeEtcFiles(Container c) throws IOException {
        ContainerConfig cfg = c.config();
        Files.writeString(c.dir().resolve("hostname"), cfg.hostname() + "\n");
        Files.writeString(c.dir().resolve("hosts"), cfg.network().hostsFile(cfg.hostname()));
        Path hostResolv = Path.of("/etc/resolv.conf");
        Files.writeString(c.dir().resolve("resolv.conf"), cfg.network().resolvConf(Files.isReadable(hostResolv)
                ? Files.readString(hostResolv) : ""));
    }

    private static String pidNamespace(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "pid")).toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static int waitFor(Process p) throws IOException {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
