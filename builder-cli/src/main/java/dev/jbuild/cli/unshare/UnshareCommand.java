package dev.jbuild.cli.unshare;

import dev.jbuild.cli.JbuildFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jbuild unshare [CMD...]}: runs a command in jbuild's namespace, as {@code podman unshare}
 * does. The bin/jbuild launcher has already entered it before the JVM started; this only runs CMD.
 */
@Command(name = "unshare", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = {"Run a command (default: a shell) in the user and mount namespace jbuild works in.",
            "There the caller is root (uid 0) and 1..65536 map to the caller's /etc/subuid range, so",
            "files in the store show their in-image owners. Try: jbuild unshare cat /proc/self/uid_map"})
public final class UnshareCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "CMD", description = "The command and its arguments.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        Namespace.requireEntered();
        List<String> argv = new ArrayList<>(
                command.isEmpty() ? List.of(System.getenv().getOrDefault("SHELL", "/bin/sh")) : command);
        argv.set(0, ExecutableLookup.resolve(argv.get(0), System.getenv("PATH")));
        Process p;
        try {
            p = new ProcessBuilder(argv).inheritIO().start();
        } catch (IOException e) {
            throw new JbuildFailure("unshare: cannot run " + argv.get(0) + ": " + e.getMessage(), 126);
        }
        return p.waitFor();
    }
}
