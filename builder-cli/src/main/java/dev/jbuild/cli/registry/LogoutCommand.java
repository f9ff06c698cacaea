package dev.jbuild.cli.registry;

import dev.jbuild.store.UserDirs;
import dev.jbuild.registry.Endpoint;
import dev.jbuild.registry.auth.AuthConfig;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jbuild logout [REGISTRY]}. */
@Command(name = "logout", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = "Remove the stored credentials of a registry (default: docker.io).")
public final class LogoutCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = "docker.io", paramLabel = "REGISTRY")
    String registry;

    @Override
    public Integer call() throws IOException {
        String name = Endpoint.of(registry).registry();
        if (AuthConfig.of(UserDirs.current()).remove(name)) {
            System.out.println("Removing login credentials for " + AuthConfig.key(name));
        } else {
            System.out.println("Not logged in to " + AuthConfig.key(name));
        }
        return 0;
    }
}
