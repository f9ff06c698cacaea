package dev.jbuild.executor.emulation;

import dev.jbuild.store.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which platforms this host runs programs of: its own, and each one the kernel hands to an emulator
 * through binfmt_misc (Debian's qemu-user-static registers them, with the F flag, so that they work
 * inside a build's root and user namespace).
 */
public final class Emulators {
    private static final Path BINFMT = Path.of("/proc/sys/fs/binfmt_misc");
    /** The CPUs an emulator could be registered for, in the order {@code info} lists them. */
    private static final List<String> KNOWN = List.of("amd64", "arm64", "arm", "386", "ppc64le", "s390x", "riscv64", "mips64le");
    private final List<BinfmtHandler> handlers;

    private Emulators(List<BinfmtHandler> handlers) {
        this.handlers = handlers;
    }

    /** The handlers registered now. */
    public static Emulators registered() {
        return new Emulators(read(BINFMT));
    }

    static Emulators of(List<BinfmtHandler> handlers) {
        return new Emulators(handlers);
    }

    private static List<BinfmtHandler> read(Path dir) {
        List<BinfmtHandler> handlers = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.sorted().forEach(e -> BinfmtHandler.read(e).ifPresent(handlers::add));
        } catch (IOException | RuntimeException e) {
            return List.of(); // not mounted, or not readable: no emulation
        }
        return handlers;
    }

    /** Every platform a RUN step can run for here: the host's first. */
    public List<Platform> runnable() {
        List<Platform> platforms = new ArrayList<>();
        platforms.add(Platform.host());
        for (String arch : KNOWN) {
            Platform p = new Platform("linux", arch, null);
            if (!platforms.contains(p) && usable(p).isPresent()) {
                platforms.add(p);
            }
        }
        return platforms;
    }

    /** The emulator that runs the platform's programs ("native" for the host's own); empty when none can. */
    public Optional<String> runner(Platform platform) {
        if (isNative(platform)) {
            return Optional.of("native");
        }
        return usable(platform).map(BinfmtHandler::interpreter);
    }

    /**
     * Fails, before any step runs, when the platform's programs cannot run here: one line that names the
     * platform and what to install.
     */
    public void requireRunnable(Platform platform) {
        if (runner(platform).isPresent()) {
            return;
        }
        Optional<byte[]> header = ElfMachine.header(platform);
        Optional<BinfmtHandler> withoutF = header.flatMap(h -> handlers.stream().filter(x -> x.enabled() && x.matches(h)).findFirst());
        if (withoutF.isPresent()) {
            throw new EmulationException(platform + ": the emulator " + withoutF.get().interpreter() + " is registered without"
                    + " binfmt_misc's F flag, so it cannot run inside a build's root: install Debian's qemu-user-static, which"
                    + " registers it with F");
        }
        throw new EmulationException(platform + ": this host cannot run " + platform.architecture() + " programs for RUN"
                + (header.isEmpty() ? "" : ": install qemu-user-static (apt-get install qemu-user-static) so that binfmt_misc runs"
                + " them, or build that platform on a machine of its own and join the images with jbuild manifest"));
    }

    private static boolean isNative(Platform platform) {
        Platform host = Platform.host();
        return platform.os().equals(host.os()) && platform.architecture().equals(host.architecture());
    }

    private Optional<BinfmtHandler> usable(Platform platform) {
        Optional<byte[]> header = ElfMachine.header(platform);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        return handlers.stream().filter(h -> h.enabled() && h.fixBinary() && h.matches(header.get())).findFirst();
    }
}
