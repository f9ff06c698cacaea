package dev.jbuild.cli.registry;

import dev.jbuild.registry.RegistriesConfig;
import dev.jbuild.registry.RegistryAccess;
import dev.jbuild.registry.auth.AuthConfig;
import dev.jbuild.store.UserDirs;
import java.io.IOException;
import picocli.CommandLine.Option;

/** Options of every command that talks to a registry. */
public final class RegistryOptions {

    @Option(names = "--tls-verify", arity = "1", defaultValue = "true", paramLabel = "true|false",
            description = "Check the registry's TLS certificate (false: also allow plain http, as for an insecure registry).")
    boolean tlsVerify;

    /** Credentials from docker's config, settings from registries.json, and --tls-verify. */
    public RegistryAccess access() throws IOException {
        UserDirs dirs = UserDirs.current();
        return new RegistryAccess(AuthConfig.of(dirs), RegistriesConfig.of(dirs), tlsVerify);
    }
}
