package dev.jbuild.executor.imagebuild;

import dev.jbuild.dockerfile.Dockerfile;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.Stage;
import dev.jbuild.executor.limits.Resources;
import dev.jbuild.executor.network.ContainerNetwork;
import dev.jbuild.executor.sandbox.SandboxException;
import dev.jbuild.dockerfile.instruction.Add;
import dev.jbuild.dockerfile.instruction.Arg;
import dev.jbuild.dockerfile.instruction.Cmd;
import dev.jbuild.dockerfile.instruction.Command;
import dev.jbuild.dockerfile.instruction.Copy;
import dev.jbuild.dockerfile.instruction.Entrypoint;
import dev.jbuild.dockerfile.instruction.Env;
import dev.jbuild.dockerfile.instruction.Expander;
import dev.jbuild.dockerfile.instruction.Expose;
import dev.jbuild.dockerfile.instruction.From;
import dev.jbuild.dockerfile.instruction.Healthcheck;
import dev.jbuild.dockerfile.instruction.Instruction;
import dev.jbuild.dockerfile.instruction.KeyValue;
import dev.jbuild.dockerfile.instruction.Label;
import dev.jbuild.dockerfile.instruction.Maintainer;
import dev.jbuild.dockerfile.instruction.Onbuild;
import dev.jbuild.dockerfile.instruction.Run;
import dev.jbuild.dockerfile.instruction.Shell;
import dev.jbuild.dockerfile.instruction.StopSignal;
import dev.jbuild.dockerfile.instruction.User;
import dev.jbuild.dockerfile.instruction.Volume;
import dev.jbuild.dockerfile.instruction.Workdir;
import dev.jbuild.dockerfile.syntax.Heredoc;
import dev.jbuild.store.Digest;
import dev.jbuild.store.platform.Platform;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.oci.ImageConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One stage: FROM, then each instruction through the step cache, with ARG and ENV scoping as docker has it. */
final class StageBuild {
    private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");
    private final Stage stage;
    private final Dockerfile dockerfile;
    private final BuildRequest request;
    private final Map<String, String> globalArgs;
    private final StageResults built;
    private final Builder.BaseImages baseImages;
    private final StepExecutor executor;
    /** Whether this stage's image is the build's: its layers are told to the progress as they come. */
    private final boolean target;
    private final Map<String, String> args = new TreeMap<>();
    private ImageState state;
    private Platform platform;
    private int step;
    private BuildProgress.Step current = BuildProgress.QUIET.step("", 0, 0, "");

    Stage stage() {
        return stage;
    }

    StageBuild(Stage stage, Dockerfile dockerfile, BuildRequest request, Map<String, String> globalArgs,
               StageResults built, Builder.BaseImages baseImages, StepExecutor executor, boolean target) {
        this.stage = stage;
        this.target = target;
        this.dockerfile = dockerfile;
        this.request = request;
        this.globalArgs = globalArgs;
        this.built = built;
        this.baseImages = baseImages;
        this.executor = executor;
    }

    ImageState run() throws IOException {
        From from = stage.from().expand(new Expander(dockerfile.escape(), dev.jbuild.dockerfile.shell.Variables.of(globalArgs)));
        platform = platform(from, request.platform());
        state = base(from);
        tellLayers(0);
        List<Instruction> instructions = new ArrayList<>(onBuildTriggers());
        instructions.addAll(stage.instructions());
        int total = instructions.size() + 1;
        announce(total, from.original()).done(0); // the base was found before the stage began
        for (Instruction instruction : instructions) {
            built.stopIfAnyFailed();
            current = announce(total, instruction.original());
            long start = System.nanoTime();
            boolean cached;
            int layers = state.layers().size();
            try {
                cached = apply(instruction);
            } catch (dev.jbuild.dockerfile.shell.ExpansionException e) { // a quote left open, a bad ${...}: the line's fault
                current.failed();
                throw new DockerfileException(instruction.range().startLine(), e.getMessage());
            } catch (IOException | RuntimeException e) {
                current.failed();
                throw e;
            }
            if (cached) {
                current.cached();
            } else {
                current.done(System.nanoTime() - start);
            }
            tellLayers(layers);
        }
        return state;
    }

    /** The target stage's image has more layers than {@code before}: the progress hears of them (a push may start). */
    private void tellLayers(int before) {
        if (target && state.layers().size() > before) {
            request.progress().layers(state.layers(), state.diffIds());
        }
    }

    /** The platform a stage runs for: its FROM --platform, else the build's target. */
    static Platform platform(From from, Platform target) {
        if (from.platform().isEmpty()) {
            return target;
        }
        try {
            return Platform.parse(from.platform().get());
        } catch (dev.jbuild.store.StoreException e) {
            throw new DockerfileException(from.range().startLine(), "FROM --platform=" + from.platform().get() + ": " + e.getMessage());
        }
    }

    /** The platform this stage runs for. */
    Platform platform() {
        return platform;
    }

    /** The step running now: its output goes where the progress view wants it. */
    BuildProgress.Step currentStep() {
        return current;
    }

    /**
     * The base image's ONBUILD triggers, run first as docker does; the new image does not inherit them.
     * A stage's own ONBUILD only applies to images built FROM it later.
     */
    private List<Instruction> onBuildTriggers() {
        List<String> triggers = state.run().onBuild();
        if (triggers == null || triggers.isEmpty()) {
            return List.of();
        }
        ImageConfig.RunConfig run = state.run();
        state = new ImageState(new ImageConfig(state.config().created(), state.config().author(), state.config().architecture(),
                state.config().os(), state.config().variant(), new ImageConfig.RunConfig(run.user(), run.exposedPorts(), run.env(),
                run.entrypoint(), run.cmd(), run.volumes(), run.workingDir(), run.labels(), run.stopSignal(), run.healthcheck(), null,
                run.shell()), state.config().rootfs(), state.config().history()), state.layers());
        String text = "FROM scratch\n" + String.join("\n", triggers) + "\n";
        return dev.jbuild.dockerfile.DockerfileParser.parse(text).stages().get(0).instructions().stream()
                .map(i -> (Instruction) i).toList();
    }

    private BuildProgress.Step announce(int total, String text) {
        step++;
        return request.progress().step(stage.name().orElse(""), step, total, text);
    }

    private ImageState base(From from) throws IOException {
        String ref = from.image();
        NamedContext named = request.namedContexts().get(ref);
        if (named instanceof NamedContext.Directory) {
            throw new DockerfileException(from.range().startLine(), "FROM " + ref + ": the build context " + ref
                    + " is a directory: use it with COPY --from or RUN --mount from, or give an image (docker-image://)");
        }
        if (named instanceof NamedContext.Image image) {
            ref = image.reference();
        }
        Optional<Integer> stageRef = named != null ? Optional.empty() : dockerfile.stages().stream()
                .filter(s -> s.index() < stage.index() && s.answersTo(from.image()))
                .map(dev.jbuild.dockerfile.Stage::index).findFirst();
        if (stageRef.isPresent()) {
            return built.await(stageRef.get());
        }
        if (ref.equals("scratch")) {
            return new ImageState(new ImageConfig(request.created(), null, platform.architecture(), platform.os(), platform.variant(),
                    ImageConfig.RunConfig.empty().withEnv(List.of(dev.jbuild.executor.container.ContainerConfigs.DEFAULT_PATH)),
                    new ImageConfig.RootFs("layers", List.of()), List.of()), List.of());
        }
        if (ref.isEmpty() || ref.contains("$")) {
            throw new DockerfileException(from.range().startLine(), "FROM " + from.original().replaceFirst("(?i)^from\\s+", "")
                    + ": the base image name is empty or uses an undefined ARG (declare it with ARG before FROM)");
        }
        StoredImage image;
        try {
            image = baseImages.get(ref, platform);
            executor.materials().addImage(ref, platform, image.manifestDigest());
        } catch (dev.jbuild.store.StoreException e) {
            throw new DockerfileException(from.range().startLine(), "FROM " + ref + ": " + e.getMessage());
        }
        return new ImageState(image.config(), image.manifest().layers());
    }

    /** Applies one instruction; returns whether the cache answered it. */
    private boolean apply(Instruction instruction) throws IOException {
        Expander x = expander();
        int line = instruction.range().startLine();
        ImageConfig.RunConfig run = state.run();
        if (instruction instanceof Arg a) {
            StepKey key = new StepKey().add("parent", state.digest().toString()).add("instruction", instruction.original());
            for (Arg.Declaration d : a.expand(x).declarations()) {
                String value = request.buildArgs().containsKey(d.name()) ? request.buildArgs().get(d.name())
                        : d.defaultValue().orElse(globalArgs.get(d.name()));
                args.put(d.name(), value == null ? "" : value);
                key.add("arg:" + d.name(), args.get(d.name()));
            }
            // No layer and no config change; cached like any step, so a rebuild shows it as CACHED.
            ImageState unchanged = state;
            return executor.cached(this, key, () -> unchanged);
        }
        if (instruction instanceof Env e) {
            Map<String, String> env = env(run);
            for (KeyValue kv : e.expand(x).variables()) {
                env.put(kv.key(), kv.value());
            }
            return metadata(instruction, run.withEnv(env.entrySet().stream().map(en -> en.getKey() + "=" + en.getValue()).toList()));
        }
        if (instruction instanceof Label l) {
            Map<String, String> labels = new LinkedHashMap<>(run.labels() == null ? Map.of() : run.labels());
            l.expand(x).labels().forEach(kv -> labels.put(kv.key(), kv.value()));
            return metadata(instruction, run.withLabels(labels));
        }
        if (instruction instanceof Expose e) {
            Map<String, Object> ports = new LinkedHashMap<>(run.exposedPorts() == null ? Map.of() : run.exposedPorts());
            e.expand(x).ports().forEach(p -> ports.put(p.contains("/") ? p : p + "/tcp", Map.of()));
            return metadata(instruction, run.withExposedPorts(ports));
        }
        if (instruction instanceof Volume v) {
            Map<String, Object> volumes = new LinkedHashMap<>(run.volumes() == null ? Map.of() : run.volumes());
            v.expand(x).paths().forEach(p -> volumes.put(p, Map.of()));
            return metadata(instruction, run.withVolumes(volumes));
        }
        if (instruction instanceof Workdir w) {
            // As BuildKit: an absolute path is kept as written ("/tmp/"), a relative one joined to the last and cleaned.
            String dir = w.expand(x).path();
            String base = run.workingDir() == null || run.workingDir().isEmpty() ? "/" : run.workingDir();
            String workdir = dir.startsWith("/") ? dir : dev.jbuild.store.fs.RootPaths.clean(base + "/" + dir);
            ImageConfig.RunConfig changed = run.withWorkingDir(workdir);
            return executor.cached(this, metadataKey(instruction, changed), () -> executor.workdir(this, changed, instruction.original()));
        }
        if (instruction instanceof User u) {
            return metadata(instruction, run.withUser(u.expand(x).user()));
        }
        if (instruction instanceof StopSignal s) {
            return metadata(instruction, run.withStopSignal(s.expand(x).signal()));
        }
        if (instruction instanceof Cmd c) {
            return metadata(instruction, run.withCmd(c.command().argv(shell(run))));
        }
        if (instruction instanceof Entrypoint e) {
            return metadata(instruction, run.withEntrypoint(e.command().argv(shell(run))));
        }
        if (instruction instanceof Shell s) {
            return metadata(instruction, new ImageConfig.RunConfig(run.user(), run.exposedPorts(), run.env(), run.entrypoint(),
                    run.cmd(), run.volumes(), run.workingDir(), run.labels(), run.stopSignal(), run.healthcheck(), run.onBuild(), s.shell()));
        }
        if (instruction instanceof Healthcheck h) {
            return metadata(instruction, new ImageConfig.RunConfig(run.user(), run.exposedPorts(), run.env(), run.entrypoint(),
                    run.cmd(), run.volumes(), run.workingDir(), run.labels(), run.stopSignal(), healthcheck(h, run), run.onBuild(), run.shell()));
        }
        if (instruction instanceof Onbuild o) {
            List<String> triggers = new ArrayList<>(run.onBuild() == null ? List.of() : run.onBuild());
            triggers.add(o.expression());
            return metadata(instruction, new ImageConfig.RunConfig(run.user(), run.exposedPorts(), run.env(), run.entrypoint(),
                    run.cmd(), run.volumes(), run.workingDir(), run.labels(), run.stopSignal(), run.healthcheck(), triggers, run.shell()));
        }
        if (instruction instanceof Maintainer m) {
            ImageConfig c = state.config();
            state = new ImageState(new ImageConfig(c.created(), m.name(), c.architecture(), c.os(), c.variant(), c.config(), c.rootfs(),
                    c.history()), state.layers());
            return metadata(instruction, run);
        }
        if (instruction instanceof Run r) {
            return runStep(r, line);
        }
        if (instruction instanceof Copy c) {
            return executor.copy(this, c.expand(x), line);
        }
        if (instruction instanceof Add a) {
            return executor.add(this, a.expand(x), line);
        }
        throw new IllegalStateException("unexpected instruction " + instruction.original());
    }

    private boolean runStep(Run r, int line) throws IOException {
        List<String> argv = new ArrayList<>(r.command().argv(shell(state.run())));
        Optional<InlineScript> script = Optional.empty();
        if (r.command().shellForm() && !r.heredocs().isEmpty()) {
            String command = r.command().args().get(0);
            script = InlineScript.of(command, r.heredocs());
            // A script with a #! line runs with its interpreter (as BuildKit does): the shell is given its path.
            argv.set(argv.size() - 1, script.isPresent() ? script.get().path() : withHeredocs(command, r.heredocs()));
        }
        Map<String, String> env = new LinkedHashMap<>();
        args.forEach(env::put); // build args reach RUN as variables, ENV wins
        env.putAll(env(state.run()));
        ContainerNetwork network;
        try {
            network = request.network().forInstruction(r.network());
        } catch (SandboxException e) {
            throw new DockerfileException(line, e.getMessage());
        }
        StepKey key = new StepKey().add("parent", state.digest().toString()).add("instruction", "RUN " + String.join(" ", argv))
                .add("network", network.mode().option()).add("mounts", String.join(" ", r.mounts()));
        args.forEach((k, v) -> key.add("arg:" + k, v));
        if (!network.extraHosts().isEmpty()) { // what the step resolves changes with them, as in BuildKit's key
            key.add("hosts", String.join(",", network.extraHosts()));
        }
        if (!request.resources().equals(Resources.DEFAULT)) {
            key.add("resources", request.resources().sandboxUlimits() + " shm=" + request.resources().shmBytes());
        }
        script.ifPresent(s -> key.add("script:" + s.name(), s.content()));
        ImageConfig.History history = new ImageConfig.History(request.created(), "RUN " + String.join(" ", argv), null, null, false);
        Optional<InlineScript> inline = script;
        return executor.cached(this, key, () -> executor.run(this, argv, env, r.mounts(), inline, network, history, line, r.original()));
    }

    /** A shell script with its heredoc bodies after the line, as the shell itself reads heredocs. */
    static String withHeredocs(String line, List<Heredoc> heredocs) {
        if (InlineScript.isHeredocOnly(line, heredocs)) {
            return heredocs.get(0).effectiveContent(); // RUN <<EOF: the body is the script
        }
        StringBuilder script = new StringBuilder(line).append('\n');
        for (Heredoc h : heredocs) {
            String body = h.content();
            script.append(body);
            if (!body.endsWith("\n")) {
                script.append('\n');
            }
            script.append(h.name()).append('\n');
        }
        return script.toString();
    }

    private StepKey metadataKey(Instruction instruction, ImageConfig.RunConfig run) {
        // Canonical JSON, not toString(): a config read back from the cache has its maps in key order.
        return new StepKey().add("parent", state.digest().toString()).add("instruction", instruction.original())
                .add("config", new String(dev.jbuild.store.oci.Json.bytes(run), java.nio.charset.StandardCharsets.UTF_8));
    }

    private boolean metadata(Instruction instruction, ImageConfig.RunConfig run) throws IOException {
        StepKey key = metadataKey(instruction, run);
        ImageConfig.History history = new ImageConfig.History(request.created(), instruction.original(), null, null, true);
        return executor.cached(this, key, () -> state.with(run, history));
    }

    private static Map<String, Object> healthcheck(Healthcheck h, ImageConfig.RunConfig run) {
        Map<String, Object> hc = new LinkedHashMap<>();
        if (h.disables()) {
            hc.put("Test", List.of("NONE"));
            return hc;
        }
        Command test = h.test().orElseThrow();
        List<String> t = new ArrayList<>();
        t.add(test.shellForm() ? "CMD-SHELL" : "CMD");
        t.addAll(test.args());
        hc.put("Test", t);
        h.interval().ifPresent(d -> hc.put("Interval", nanos(d)));
        h.timeout().ifPresent(d -> hc.put("Timeout", nanos(d)));
        h.startPeriod().ifPresent(d -> hc.put("StartPeriod", nanos(d)));
        h.startInterval().ifPresent(d -> hc.put("StartInterval", nanos(d)));
        h.retries().ifPresent(r -> hc.put("Retries", r));
        return hc;
    }

    private static long nanos(Duration d) {
        return d.toNanos();
    }

    private static List<String> shell(ImageConfig.RunConfig run) {
        return run.shell() == null || run.shell().isEmpty() ? DEFAULT_SHELL : run.shell();
    }

    static Map<String, String> env(ImageConfig.RunConfig run) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : run.env() == null ? List.<String>of() : run.env()) {
            int eq = e.indexOf('=');
            if (eq > 0) {
                env.put(e.substring(0, eq), e.substring(eq + 1));
            }
        }
        return env;
    }

    /** Variables for expansion: ENV of the image so far, then declared ARGs. */
    Expander expander() {
        Map<String, String> env = env(state.run());
        return new Expander(dockerfile.escape(), name -> env.containsKey(name) ? env.get(name) : args.get(name));
    }

    ImageState state() {
        return state;
    }

    /** This step's place, for --explain-cache: the context, the stage and the step number. */
    String slot() {
        return request.context().map(p -> p.toAbsolutePath().toString()).orElse("-") + "#" + stage.index() + "#" + step;
    }

    void state(ImageState next) {
        state = next;
    }

    BuildRequest request() {
        return request;
    }

    Map<String, String> args() {
        return args;
    }

    ImageState stageOrNull(String ref) throws IOException {
        Optional<Integer> index = dockerfile.stages().stream().filter(s -> s.index() < stage.index() && s.answersTo(ref)).findFirst()
                .map(dev.jbuild.dockerfile.Stage::index);
        return index.isPresent() ? built.await(index.get()) : null;
    }

    Builder.BaseImages baseImages() {
        return baseImages;
    }

    Digest stateDigest() {
        return state.digest();
    }
}
