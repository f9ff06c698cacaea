package dev.jbuild.cli.imagebuild;

import dev.jbuild.cli.JbuildCommand;
import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.cli.call.BuildCall;
import dev.jbuild.cli.container.ResourceOptions;
import dev.jbuild.cli.context.NamedContexts;
import dev.jbuild.cli.context.RemoteContext;
import dev.jbuild.executor.network.BuildNetwork;
import dev.jbuild.executor.network.PrivateNetwork;
import dev.jbuild.executor.sandbox.SandboxException;
import dev.jbuild.cli.image.Clock;
import dev.jbuild.cli.image.ImageNames;
import dev.jbuild.cli.registry.RegistryOptions;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.ignore.IgnoreFile;
import dev.jbuild.dockerfile.ignore.IgnoreMatcher;
import dev.jbuild.executor.imagebuild.BuildRequest;
import dev.jbuild.executor.imagebuild.NoCache;
import dev.jbuild.cli.attest.AttestRequest;
import dev.jbuild.cli.attest.BuildFacts;
import dev.jbuild.store.platform.Platform;
import java.io.IOException;
import dev.jbuild.cli.progress.ProgressMode;
import dev.jbuild.executor.imagebuild.BuildProgress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jbuild build}: build an image from a Dockerfile, or with --check only check it. */
@Command(name = "build", mixinStandardHelpOptions = true, versionProvider = dev.jbuild.cli.VersionProvider.class,
        description = {"Build an image from a Dockerfile.",
            "With --check, parse and check the Dockerfile (and .dockerignore) and report every problem as",
            "FILE:LINE: message, without building; exit 1 when there are problems."})
public final class BuildCommand implements Callable<Integer> {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The Dockerfile (default: CONTEXT/Dockerfile; '-' reads it from standard input).")
    String file;

    @Option(names = "--check", description = "Check the Dockerfile and report problems instead of building.")
    boolean check;

    @Option(names = "--call", paramLabel = "build|check|outline|targets", defaultValue = "build",
            description = "What to do: build (default); check (as --check); outline (the target's build args and secrets);"
                    + " targets (the stages with their descriptions).")
    String call;

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "CONTEXT",
            description = "The build context directory, or '-' for a Dockerfile on standard input (default: .).")
    String context;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME[:TAG]", description = "Name the image (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--build-arg", paramLabel = "KEY[=VALUE]", description = "Set a build argument; KEY alone takes the caller's value.")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage (and the stages it needs) only.")
    String target;

    @Option(names = "--no-cache", description = "Run every step; use no cached result.")
    boolean noCache;

    @Option(names = "--no-cache-filter", paramLabel = "STAGE[,STAGE]", description = "Do not use the cache for these stages.")
    List<String> noCacheFilter = new ArrayList<>();

    @Option(names = "--explain-cache", description = "For each step that misses the cache, say which input changed.")
    boolean explainCache;

    @Option(names = "--secret", paramLabel = "id=ID[,src=PATH|,env=VAR]",
            description = "A secret RUN --mount=type=secret,id=ID can read: a file, or an environment variable (id=ID alone: $ID);"
                    + " never stored in the image.")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--push", description = "Push the image to its tags' registries after the build.")
    boolean push;

    @Option(names = {"-o", "--output"}, paramLabel = "type=TYPE[,KEY=VALUE]...",
            description = {"Also send the result somewhere (repeatable): type=local,dest=DIR (the files), type=tar,dest=FILE|-,",
                "type=oci|docker,dest=FILE|- (image archives), type=image,name=NAME[,push=true], type=registry,name=NAME;",
                "a bare DIR means type=local, - means type=tar to standard output."})
    List<String> outputs = new ArrayList<>();

    @Option(names = "--metadata-file", paramLabel = "FILE",
            description = "Write the image's digests and names as JSON (containerimage.digest, containerimage.config.digest, image.name).")
    Path metadataFile;

    @Option(names = "--cache-from", paramLabel = "REPOSITORY", description = "Reuse step results stored in this registry repository.")
    String cacheFrom;

    @Option(names = "--cache-to", paramLabel = "REPOSITORY", description = "Store every step's result in this registry repository.")
    String cacheTo;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT][,...]",
            description = {"Build for these platforms (default: this machine's). Several make one multi-platform image (an OCI",
                "index), built in parallel; another CPU's RUN steps run through the host's binfmt_misc emulator (qemu-user-static)."})
    String platform;

    @Option(names = "--sbom", arity = "0..1", paramLabel = "true|false",
            description = "Attach an SBOM (SPDX 2.3, as BuildKit's) of the image's packages: dpkg, apk, Java archives, npm, Python, Go.")
    Boolean sbom;

    @Option(names = "--provenance", paramLabel = "true|false|mode=min|mode=max",
            description = "Attach SLSA provenance (default: none); true or mode=min, or mode=max, which adds the build args and the Dockerfile.")
    String provenance;

    @Option(names = "--attest", paramLabel = "type=sbom|provenance[,mode=min|max][,disabled=true]",
            description = "buildx's long form of --sbom and --provenance (repeatable).")
    List<String> attest = new ArrayList<>();

    @Option(names = "--pull", description = "Pull base images even when the store has them.")
    boolean pull;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Add a label to the image.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--network", paramLabel = "private|host|none",
            description = "Network of RUN steps: private (default where the host gives it: one namespace for the build's steps,"
                    + " outbound through slirp4netns, the host's loopback out of reach), the host's, or none.")
    String network;

    @Option(names = "--allow", paramLabel = "network.host",
            description = "Grant an entitlement: network.host lets RUN --network=host leave the build's private network.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--add-host", paramLabel = "HOST:IP", description = "Add a line to every RUN step's /etc/hosts.")
    List<String> addHosts = new ArrayList<>();

    @Option(names = "--ssh", paramLabel = "default|ID[=SOCKET|KEY[,KEY]]",
            description = "An SSH agent for RUN --mount=type=ssh: yours ($SSH_AUTH_SOCK), a socket, or keys jbuild's own agent holds.")
    List<String> ssh = new ArrayList<>();

    @Option(names = "--build-context", paramLabel = "NAME=VALUE",
            description = "A named context for FROM NAME, COPY --from=NAME and RUN --mount from=NAME: a directory, docker-image://REF,"
                    + " oci-layout://DIR[:TAG], an http(s) tarball or a git URL.")
    List<String> buildContexts = new ArrayList<>();

    @Option(names = "--annotation", paramLabel = "[manifest:]KEY=VALUE", description = "An OCI annotation on the image manifest.")
    List<String> annotations = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "Print only the image ID.")
    boolean quiet;

    @Option(names = "--iidfile", paramLabel = "FILE", description = "Write the image ID to FILE.")
    Path iidfile;

    @Option(names = "--progress", paramLabel = "auto|plain|tty|quiet|rawjson", defaultValue = "auto",
            description = "auto: a live view on a terminal, plain lines otherwise and with CI set; rawjson: one JSON event per line.")
    String progress;

    @picocli.CommandLine.Mixin
    RegistryOptions registryOptions;

    @picocli.CommandLine.Mixin
    ResourceOptions resourceOptions;

    @picocli.CommandLine.ParentCommand
    JbuildCommand jbuild;

    @Override
    public Integer call() throws IOException {
        Map<String, String> args = buildArgs();
        boolean keepGitDir = List.of("1", "true").contains(args.getOrDefault("BUILDKIT_CONTEXT_KEEP_GIT_DIR", ""));
        try (RemoteContext remote = RemoteContext.open(context, System.in, () -> jbuild.store().temp(), keepGitDir)) {
            BuildInputs inputs = BuildInputs.resolve(remote.context(), remote.dockerfile(file), remote.stdin());
            if (check || call.equals("check")) {
                return new DockerfileCheck(System.out, System.err).run(inputs);
            }
            if (BuildCall.handles(call)) {
                return BuildCall.run(call, readDockerfile(inputs), inputs.displayName(), Optional.ofNullable(target), System.out);
            }
            if (!call.equals("build")) {
                throw new JbuildFailure("build: --call " + call + " is not supported: use build, check, outline or targets");
            }
            List<Platform> platforms = platform == null ? List.of(Platform.host()) : Platform.parseList(platform);
            ManifestAnnotations manifestAnnotations = ManifestAnnotations.parse(annotations, platforms);
            BuildOutputs out = BuildOutputs.parse(outputs, push, tags);
            AttestRequest attestations = AttestRequest.parse(sbom, provenance, attest);
            BuildProgress view = ProgressMode.of(quiet ? "quiet" : progress, out.usesStdout() ? System.err : System.out, out.usesStdout());
            try (BuildSecrets secretFiles = BuildSecrets.of(secrets, System::getenv, jbuild.store().temp());
                 NamedContexts named = NamedContexts.open(buildContexts, jbuild::store, keepGitDir);
                 BuildSsh agents = BuildSsh.of(ssh, System::getenv, () -> jbuild.store().temp())) {
                BuildRequest request = request(inputs, args, out.names(), view, secretFiles, named, agents, platforms.get(0),
                        manifestAnnotations.manifest(platforms.get(0)));
                return new ImageBuild(jbuild.store(), registryOptions, pull, BuildFacts.remoteUri(context)).run(inputs, request, platforms, manifestAnnotations,
                        attestations, iidfile, metadataFile, out);
            }
        }
    }

    private Optional<dev.jbuild.executor.imagebuild.RemoteCache> remoteCache() throws IOException {
        if (cacheFrom == null && cacheTo == null) {
            return Optional.empty();
        }
        return Optional.of(new RegistryCache(jbuild.store(), registryOptions.access(),
                Optional.ofNullable(cacheFrom).map(ImageNames::parse), Optional.ofNullable(cacheTo).map(ImageNames::parse)));
    }

    /** --build-arg K=V, and K alone for the caller's $K (left out when unset), as docker takes them. */
    private Map<String, String> buildArgs() {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : buildArgs) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                String value = System.getenv(a);
                if (value != null) {
                    args.put(a, value);
                }
            } else {
                args.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        return args;
    }

    private BuildRequest request(BuildInputs inputs, Map<String, String> args, List<String> names, BuildProgress progress,
                                 BuildSecrets secretFiles, NamedContexts named, BuildSsh agents, Platform platformBuilt,
                                 Map<String, String> manifestAnnotations) throws IOException {
        String text = readDockerfile(inputs);
        Map<String, String> labelMap = new LinkedHashMap<>();
        for (String l : labels) {
            int eq = l.indexOf('=');
            labelMap.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
        }
        IgnoreMatcher ignore = IgnoreMatcher.of(List.of());
        if (inputs.contextDir().isPresent()) {
            ignore = IgnoreFile.forBuild(inputs.contextDir().get(), inputs.dockerfile().orElse(BuildCommand.defaultDockerfile(inputs.contextDir().get())));
        }
        String created = Clock.created();
        OptionalLong epoch = System.getenv("SOURCE_DATE_EPOCH") == null || System.getenv("SOURCE_DATE_EPOCH").isEmpty()
                ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(System.getenv("SOURCE_DATE_EPOCH")));
        return new BuildRequest(inputs.contextDir(), text, names.stream().map(ImageNames::parse).toList(), args,
                Optional.ofNullable(target), noCache(), labelMap, buildNetwork(), ignore, created, epoch, explainCache,
                secretFiles.files(), remoteCache(), progress, resourceOptions.resources("build", 1),
                manifestAnnotations, named.contexts(), agents.sockets(), platformBuilt);
    }

    /** --no-cache, and --no-cache-filter's stages (each value STAGE[,STAGE]). */
    private NoCache noCache() {
        return new NoCache(noCache, java.util.Set.copyOf(noCacheFilter.stream().flatMap(f -> java.util.Arrays.stream(f.split(","))).toList()));
    }

    private BuildNetwork buildNetwork() {
        try {
            return PrivateNetwork.forBuild(network, allow, addHosts);
        } catch (SandboxException e) {
            throw new JbuildFailure("build: " + e.getMessage());
        }
    }

    private static String readDockerfile(BuildInputs inputs) {
        try {
            return inputs.readDockerfile();
        } catch (DockerfileException e) {
            throw new JbuildFailure("build: " + e.describe(inputs.displayName()));
        }
    }

    /** The Dockerfile a context holds when -f does not name one. */
    static Path defaultDockerfile(Path contextDir) {
        return contextDir.resolve("Dockerfile");
    }
}
