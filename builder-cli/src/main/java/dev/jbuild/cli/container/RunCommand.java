package dev.jbuild.cli.container;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.executor.container.Container;
import dev.jbuild.executor.container.ContainerConfigs;
import dev.jbuild.executor.container.ContainerRuntime;
import dev.jbuild.executor.container.RunRequest;
import dev.jbuild.executor.limits.Resources;
import dev.jbuild.executor.network.ContainerNetwork;
import dev.jbuild.executor.network.PrivateNetwork;
import dev.jbuild.executor.sandbox.SandboxException;
import dev.jbuild.executor.sandbox.Volume;
import dev.jbuild.registry.Puller;
import dev.jbuild.store.StoreException;
import dev.jbuild.store.StoreLock;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.platform.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code jbuild run [OPTIONS] IMAGE [COMMAND [ARG...]]}: a new container from an image, as docker run. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = {"Run a command in a new container. Exits with the command's exit code",
            "(125: jbuild failed, 126: not executable, 127: not found). A missing image is pulled first."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "The platform's image of a multi-platform image (default: this machine's, or the only one stored);"
                    + " another CPU's runs through the host's binfmt_misc emulator.")
    String platform;

    @Option(names = "--rm", description = "Remove the container when it exits.")
    boolean remove;

    @Option(names = {"-i", "--interactive"}, description = "Keep standard input open.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Give the command a pseudo-terminal (TERM=xterm unless set).")
    boolean tty;

    @Option(names = {"-d", "--detach"}, description = "Run in the background and print the container ID; see 'jbuild logs'.")
    boolean detach;

    @Option(names = "--name", description = "Name the container (default: a random one).")
    String name;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY[=VALUE]", description = "Set an environment variable; KEY alone takes the caller's value.")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "Read KEY=VALUE lines from a file.")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container.")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "User (name or uid) and group to run as.")
    String user;

    @Option(names = {"-v", "--volume"}, paramLabel = "HOST:CONTAINER[:ro]", description = "Bind-mount a host path.")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--network", paramLabel = "private|host|none",
            description = "Network: private (default where the host gives it: own namespace, outbound through slirp4netns),"
                    + " the host's, or none (a loopback only).")
    String network;

    @Option(names = {"-p", "--publish"}, paramLabel = "[IP:][HOSTPORT:]CONTAINERPORT[/tcp|/udp]",
            description = "Publish a container port on the host (no HOSTPORT: a free one).")
    List<String> publish = new ArrayList<>();

    @Option(names = {"-P", "--publish-all"}, description = "Publish every port the image EXPOSEs on a free host port.")
    boolean publishAll;

    @Option(names = "--add-host", paramLabel = "HOST:IP", description = "Add a line to the container's /etc/hosts.")
    List<String> addHosts = new ArrayList<>();

    @Option(names = "--dns", paramLabel = "IP", description = "Name server for the container's /etc/resolv.conf.")
    List<String> dns = new ArrayList<>();

    @Option(names = {"-h", "--hostname"}, description = "Container host name (default: the short container ID).")
    String hostname;

    @Option(names = "--entrypoint", description = "Override the image's ENTRYPOINT ('' clears it).")
    String entrypoint;

    @Option(names = "--init", description = "Run the command under a minimal init (tini) that reaps zombies and forwards signals.")
    boolean init;

    @Option(names = "--security-opt", paramLabel = "seccomp=unconfined",
            description = "seccomp=unconfined runs the command without the default seccomp filter (as docker).")
    List<String> securityOptions = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Command and arguments (default: the image's).")
    List<String> command = new ArrayList<>();

    @picocli.CommandLine.Mixin
    RegistryOptions registryOptions;

    @picocli.CommandLine.Mixin
    ResourceOptions resourceOptions;

    @ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        ContainerContext ctx = ContainerContext.open(jbuild.store());
        Container container;
        StoredImage stored;
        try {
            List<Volume> parsedVolumes = new ArrayList<>();
            for (String v : volumes) {
                parsedVolumes.add(Volume.parse(v));
            }
            List<String> environment = environment();
            boolean unconfined = seccompUnconfined();
            Resources resources = resourceOptions.resources("run", 125);
            try (StoreLock lock = ctx.store().lockForWriting()) {
                stored = findOrPull(ctx);
                Map<String, Object> exposed = stored.config().config() == null ? null : stored.config().config().exposedPorts();
                ContainerNetwork net = PrivateNetwork.forRun(network, publish, publishAll, exposed == null ? List.of() : exposed.keySet(),
                        addHosts, dns, note -> System.err.println("WARNING: " + note));
                RunRequest request = new RunRequest(image, name, environment, workdir, user, parsedVolumes, net, hostname, entrypoint,
                        init, tty, remove, command, unconfined, resources);
                container = ctx.containers().create(ContainerConfigs.of(request, stored, image));
            }
        } catch (SandboxException e) {
            throw new JbuildFailure("run: " + e.getMessage(), e.exitCode());
        } catch (StoreException | IOException e) {
            throw new JbuildFailure("run: " + e.getMessage(), 125);
        }
        try {
            if (detach) {
                ctx.runtime().start(container, stored, ContainerRuntime.Attach.DETACHED);
                System.out.println(container.id());
                return 0;
            }
            return ctx.runtime().start(container, stored, interactive ? ContainerRuntime.Attach.FOREGROUND_WITH_STDIN
                    : ContainerRuntime.Attach.FOREGROUND);
        } catch (SandboxException e) {
            throw new JbuildFailure("run: " + e.getMessage(), e.exitCode());
        } catch (StoreException | IOException e) {
            throw new JbuildFailure("run: " + e.getMessage(), 125);
        } finally {
            if (remove && !detach) { // a detached container's monitor removes it when it exits
                ctx.containers().remove(container);
            }
        }
    }

    /** Docker's spellings of the one security option jbuild has; any other is refused, never ignored. */
    private boolean seccompUnconfined() {
        boolean unconfined = false;
        for (String option : securityOptions) {
            if (!option.equals("seccomp=unconfined") && !option.equals("seccomp:unconfined")) {
                throw new JbuildFailure("run: --security-opt " + option + " is not supported: jbuild takes seccomp=unconfined", 125);
            }
            unconfined = true;
        }
        return unconfined;
    }

    private StoredImage findOrPull(ContainerContext ctx) throws IOException {
        Images images = new Images(ctx.store());
        Optional<Platform> wanted = Optional.ofNullable(platform).map(Platform::parse);
        Optional<StoredImage> found = images.find(image, wanted);
        if (found.isPresent()) {
            return found.get();
        }
        System.err.println("Unable to find image '" + ImageNames.parse(image).familiar() + "'" + wanted.map(p -> " for " + p).orElse("")
                + " locally");
        return new Puller(ctx.store(), registryOptions.access(), System.err)
                .pull(ImageNames.parse(image), wanted.orElse(Platform.host()));
    }

    private List<String> environment() throws IOException {
        List<String> all = new ArrayList<>();
        for (Path file : envFiles) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String l = line.strip();
                    if (!l.isEmpty() && !l.startsWith("#")) {
                        addWithCallerValue(all, l);
                    }
                }
            } catch (NoSuchFileException e) {
                throw new SandboxException("--env-file " + file + ": no such file");
            }
        }
        for (String e : env) {
            addWithCallerValue(all, e);
        }
        return all;
    }

    private static void addWithCallerValue(List<String> all, String entry) {
        String withValue = withCallerValue(entry);
        if (withValue.contains("=")) {
            all.add(withValue);
        }
    }

    /** "KEY" alone takes the caller's value, and is dropped when the caller has none (as docker). */
    private static String withCallerValue(String entry) {
        if (entry.contains("=")) {
            return entry;
        }
        String value = System.getenv(entry);
        return value == null ? entry : entry + "=" + value;
    }
}
