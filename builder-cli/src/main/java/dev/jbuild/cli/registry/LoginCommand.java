package dev.jbuild.cli.registry;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.registry.Endpoint;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.registry.RegistryAccess;
import dev.jbuild.registry.auth.Credentials;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jbuild login [-u USER] [--password-stdin] [REGISTRY]}: checks the credentials, then stores them as docker does. */
@Command(name = "login", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = {"Log in to a registry (default: docker.io). The credentials are checked against the registry,",
            "then kept in $DOCKER_CONFIG/config.json or ~/.docker/config.json (mode 0600), or in the configured",
            "credential helper (credHelpers, credsStore)."})
public final class LoginCommand implements Callable<Integer> {

    @Option(names = {"-u", "--username"}, paramLabel = "USER")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "Insecure: it shows in the process list. Prefer --password-stdin.")
    String password;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Parameters(index = "0", arity = "0..1", defaultValue = "docker.io", paramLabel = "REGISTRY")
    String registry;

    @picocli.CommandLine.Mixin
    RegistryOptions registryOptions;

    @Override
    public Integer call() throws IOException {
        Console console = System.console();
        if (username == null) {
            if (console == null) {
                throw new JbuildFailure("login: no username: give -u USER (there is no terminal to ask on)");
            }
            username = console.readLine("Username: ");
        }
        String secret;
        if (passwordStdin) {
            if (password != null) {
                throw new JbuildFailure("login: --password and --password-stdin are mutually exclusive");
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            secret = line == null ? "" : line.strip();
        } else if (password != null) {
            System.err.println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
            secret = password;
        } else if (console != null) {
            secret = new String(console.readPassword("Password: "));
        } else {
            throw new JbuildFailure("login: no password: use --password-stdin (there is no terminal to ask on)");
        }
        if (username.isBlank() || secret.isEmpty()) {
            throw new JbuildFailure("login: the username and password must not be empty");
        }
        Credentials credentials = new Credentials(username, secret);
        RegistryAccess access = registryOptions.access();
        Endpoint endpoint = access.endpoint(registry);
        new RegistryClient(endpoint, Optional.of(credentials)).checkAccess();
        access.auth().store(endpoint.registry(), credentials);
        System.out.println("Login Succeeded");
        return 0;
    }
}
