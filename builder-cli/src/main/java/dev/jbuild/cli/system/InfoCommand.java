package dev.jbuild.cli.system;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.VersionProvider;
import dev.jbuild.executor.emulation.Emulators;
import dev.jbuild.executor.network.PrivateNetwork;
import dev.jbuild.executor.sandbox.HostFacts;
import dev.jbuild.registry.auth.AuthConfig;
import dev.jbuild.store.Store;
import dev.jbuild.store.UserDirs;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild info} (and {@code jbuild system info}): what jbuild found out about this host and where its files are. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show what jbuild detected: isolation, user-namespace mapping, overlay, cgroups, kernel; and its store and config files.")
public final class InfoCommand implements Callable<Integer> {

    @ParentCommand
    Object parent; // jbuild, or jbuild system

    @Override
    public Integer call() throws IOException {
        JbuildCommand jbuild = parent instanceof SystemCommand s ? s.jbuild() : (JbuildCommand) parent;
        Store store = jbuild.store();
        HostFacts host = HostFacts.detect(store.temp());
        UserDirs dirs = UserDirs.current();
        System.out.println(new VersionProvider().getVersion()[0]);
        line("Isolation", host.isolation());
        line("User namespace", "uid map " + mapping(host.uidMap()) + "; gid map " + mapping(host.gidMap())
                + " (inside: outside: count)");
        line("Overlay", host.overlay());
        line("Network", PrivateNetwork.describe());
        line("Platforms", platforms());
        line("Cgroups", host.cgroups());
        line("Kernel", host.kernel());
        line("Store", store.root().toString());
        line("Auth file", AuthConfig.of(dirs).path().toString());
        line("Registries config", dirs.registriesConfig().toString());
        return 0;
    }

    /** What RUN steps can run for: this machine's platform, then each one an emulator is registered for. */
    private static String platforms() {
        Emulators emulators = Emulators.registered();
        List<String> out = new java.util.ArrayList<>();
        for (var p : emulators.runnable()) {
            String runner = emulators.runner(p).orElseThrow();
            out.add(p + (runner.equals("native") ? " (native)" : " (" + runner + ")"));
        }
        return String.join(", ", out);
    }

    private static void line(String what, String value) {
        System.out.printf("%-18s %s%n", what + ":", value);
    }

    private static String mapping(List<String> lines) {
        return lines.isEmpty() ? "(none)" : String.join(", ", lines.stream().map(l -> l.replace(' ', ':')).toList());
    }
}
