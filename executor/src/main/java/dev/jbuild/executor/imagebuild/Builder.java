package dev.jbuild.executor.imagebuild;

import dev.jbuild.dockerfile.BuildArgs;
import dev.jbuild.dockerfile.Dockerfile;
import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.DockerfileParser;
import dev.jbuild.dockerfile.Stage;
import dev.jbuild.dockerfile.syntax.SyntaxDirective;
import dev.jbuild.dockerfile.instruction.Arg;
import dev.jbuild.dockerfile.instruction.Copy;
import dev.jbuild.dockerfile.instruction.Expander;
import dev.jbuild.dockerfile.instruction.Instruction;
import dev.jbuild.dockerfile.shell.Variables;
import dev.jbuild.executor.container.ContainerRuntime;
import dev.jbuild.executor.container.Containers;
import dev.jbuild.store.Store;
import dev.jbuild.executor.emulation.Emulators;
import dev.jbuild.store.platform.Platform;
import dev.jbuild.store.image.Images;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.name.ImageName;
import dev.jbuild.store.oci.ImageConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a Dockerfile: parses it, finds the stages the target needs, builds them in order (each
 * step through the cache), and stores the target stage as an image under its tags.
 */
public final class Builder {
    private final Store store;
    private final BaseImages baseImages;
    private final StepExecutor executor;
    private final List<BuiltStage> stages = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Finds a platform's image by name in the store, pulling it when missing. */
    public interface BaseImages {
        StoredImage get(String reference, Platform platform) throws IOException;
    }

    public Builder(Store store, Containers containers, ContainerRuntime runtime, BaseImages baseImages) {
        this.store = store;
        this.baseImages = baseImages;
        this.executor = new StepExecutor(store, containers, runtime);
    }

    /** The stages the build ran, in the order they ended. */
    public List<BuiltStage> stages() {
        synchronized (stages) {
            return List.copyOf(stages);
        }
    }

    /** What the build fetched from outside its context (for provenance). */
    public Materials materials() {
        return executor.materials();
    }

    public StoredImage build(BuildRequest request) throws IOException {
        try {
            return buildAndCommit(request);
        } finally {
            executor.endBuild();
        }
    }

    private StoredImage buildAndCommit(BuildRequest request) throws IOException {
        Dockerfile dockerfile = DockerfileParser.parse(request.dockerfile());
        dockerfile.directives().syntax().ifPresent(syntax -> request.progress().message(SyntaxDirective.describe(syntax)));
        if (dockerfile.stages().isEmpty()) {
            throw new DockerfileException(1, "no FROM instruction: a Dockerfile must start a stage with FROM");
        }
        Map<String, String> globalArgs = globalArgs(dockerfile, request.buildArgs(), request.platform());
        Stage target = request.target().map(t -> dockerfile.stage(t).orElseThrow(() ->
                new DockerfileException(0, "target stage \"" + t + "\" could not be found"))).orElse(dockerfile.stages().get(dockerfile.stages().size() - 1));
        Map<Integer, Set<Integer>> needed = new LinkedHashMap<>();
        need(dockerfile, target, globalArgs, needed, new LinkedHashSet<>());
        requireRunnable(dockerfile, globalArgs, needed.keySet(), request.platform());
        ImageState result = buildStages(dockerfile, request, globalArgs, needed, target.index());
        StoredImage image = commit(result, request);
        if (request.remoteCache().isPresent()) {
            request.remoteCache().get().export(executor.usedKeys());
        }
        return image;
    }

    /**
     * Builds the needed stages, each as soon as the stages it depends on are done: independent stages
     * run in parallel, on as many threads as there are cores. The target stage starts at once, on a
     * thread of its own, and waits for the stages it takes from as it reaches them (see {@link StageResults});
     * as the one stage no other waits for, it can never hold a thread another needs. Returns the target's image.
     */
    private ImageState buildStages(Dockerfile dockerfile, BuildRequest request, Map<String, String> globalArgs,
                                   Map<Integer, Set<Integer>> needed, int targetIndex) throws IOException {
        StageResults results = new StageResults();
        needed.keySet().forEach(results::expect);
        Map<Integer, CompletableFuture<Void>> done = new LinkedHashMap<>(); // in dependency order, as needed is
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(needed.size(), Runtime.getRuntime().availableProcessors())));
        ExecutorService targetThread = Executors.newSingleThreadExecutor();
        try {
            for (Map.Entry<Integer, Set<Integer>> e : needed.entrySet()) { // dependencies come first
                Stage stage = dockerfile.stages().get(e.getKey());
                boolean target = stage.index() == targetIndex;
                CompletableFuture<Void> after = target ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.allOf(e.getValue().stream().map(done::get).toArray(CompletableFuture[]::new));
                CompletableFuture<Void> built = after.thenRunAsync(() -> {
                    try {
                        StageBuild run = new StageBuild(stage, dockerfile, request, globalArgs, results, baseImages, executor, target);
                        ImageState state = run.run();
                        results.done(stage.index(), state);
                        Map<String, String> seen = new LinkedHashMap<>(globalArgs);
                        seen.putAll(run.args());
                        stages.add(new BuiltStage(stage.index(), stage.name(), target, seen, request.platform(),
                                state.config(), state.layers()));
                    } catch (IOException ex) {
                        throw new CompletionException(ex);
                    }
                }, target ? targetThread : pool);
                // A stage that failed, or never ran since one it depends on failed, fails whoever waits for it.
                built.whenComplete((ok, failure) -> {
                    if (failure != null) {
                        results.failed(stage.index(), failure);
                    }
                });
                done.put(stage.index(), built);
            }
            try {
                CompletableFuture.allOf(done.values().toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw firstFailure(done.values());
            }
            return results.await(targetIndex);
        } finally {
            pool.shutdownNow();
            targetThread.shutdownNow();
        }
    }

    /** The error of the first stage (in dependency order) that failed by itself, not because another did. */
    private static IOException firstFailure(Collection<CompletableFuture<Void>> stages) {
        for (CompletableFuture<Void> stage : stages) {
            Throwable cause;
            try {
                stage.join();
                continue;
            } catch (CompletionException e) {
                cause = e.getCause();
            }
            if (cause instanceof StageResults.StageFailed) {
                continue;
            }
            if (cause instanceof IOException io) {
                return io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new CompletionException(cause);
        }
        throw new IllegalStateException("a stage failed without an error");
    }

    private StoredImage commit(ImageState state, BuildRequest request) throws IOException {
        ImageConfig.RunConfig run = state.run();
        if (!request.labels().isEmpty()) {
            Map<String, String> labels = new LinkedHashMap<>(run.labels() == null ? Map.of() : run.labels());
            labels.putAll(request.labels());
            run = run.withLabels(labels);
        }
        ImageConfig c = state.config();
        ImageConfig config = new ImageConfig(c.created(), c.author(), c.architecture(), c.os(), c.variant(), run, c.rootfs(), c.history());
        Images images = new Images(store);
        Optional<ImageName> first = request.tags().isEmpty() ? Optional.empty() : Optional.of(request.tags().get(0));
        StoredImage image = images.add(config, state.layers(), request.annotations(), first);
        for (ImageName more : request.tags().subList(Math.min(1, request.tags().size()), request.tags().size())) {
            images.tag(image, more);
        }
        request.progress().message("COMMIT " + String.join(" ", request.tags().stream().map(ImageName::familiar).toList()));
        for (ImageName t : request.tags()) {
            request.progress().message("Successfully tagged " + t.familiar());
        }
        return image;
    }

    /**
     * Stops before any step runs when a stage that has RUN steps is for a platform this host runs no
     * programs of (no emulator registered): one line, not an exec format error from inside a step.
     */
    private static void requireRunnable(Dockerfile dockerfile, Map<String, String> globalArgs, Set<Integer> stages, Platform target) {
        Emulators emulators = null;
        for (int index : stages) {
            Stage stage = dockerfile.stages().get(index);
            if (stage.instructions().stream().noneMatch(i -> i instanceof dev.jbuild.dockerfile.instruction.Run)) {
                continue;
            }
            Platform platform = StageBuild.platform(stage.from().expand(new Expander(dockerfile.escape(), Variables.of(globalArgs))), target);
            if (!platform.equals(Platform.host())) {
                emulators = emulators == null ? Emulators.registered() : emulators;
                emulators.requireRunnable(platform);
            }
        }
    }

    /** ARGs before the first FROM, with --build-arg values, plus the platform ARGs every build has. */
    private static Map<String, String> globalArgs(Dockerfile dockerfile, Map<String, String> buildArgs, Platform target) {
        Map<String, String> args = new LinkedHashMap<>(platformArgs(target));
        for (Arg arg : dockerfile.metaArgs()) {
            Expander x = new Expander(dockerfile.escape(), Variables.of(args));
            for (Arg.Declaration d : arg.expand(x).declarations()) {
                String value = buildArgs.containsKey(d.name()) ? buildArgs.get(d.name()) : d.defaultValue().orElse(args.get(d.name()));
                if (value != null) {
                    args.put(d.name(), value);
                }
            }
        }
        return args;
    }

    /** The automatic platform ARGs: TARGET* the platform built for, BUILD* this machine's. */
    static Map<String, String> platformArgs(Platform target) {
        Map<String, String> p = new LinkedHashMap<>();
        for (Map.Entry<String, Platform> e : Map.of("TARGET", target, "BUILD", Platform.host()).entrySet()) {
            Platform platform = e.getValue();
            p.put(e.getKey() + "PLATFORM", platform.toString());
            p.put(e.getKey() + "OS", platform.os());
            p.put(e.getKey() + "ARCH", platform.architecture());
            p.put(e.getKey() + "VARIANT", platform.variant() == null ? "" : platform.variant());
        }
        return p;
    }

    /**
     * The stages {@code stage} needs (FROM a stage, COPY --from, RUN --mount from=), each with its direct
     * dependencies, in dependency order; cycles are errors.
     */
    private static void need(Dockerfile df, Stage stage, Map<String, String> args, Map<Integer, Set<Integer>> needed, Set<Integer> visiting) {
        if (needed.containsKey(stage.index())) {
            return;
        }
        if (!visiting.add(stage.index())) {
            throw new DockerfileException(stage.from().range().startLine(), "circular dependency between stages at \""
                    + stage.name().orElse(Integer.toString(stage.index())) + "\"");
        }
        List<String> refs = new ArrayList<>();
        refs.add(stage.from().expand(new Expander(df.escape(), Variables.of(args))).image());
        for (Instruction i : stage.instructions()) {
            if (i instanceof Copy c && c.from().isPresent()) {
                refs.add(c.from().get());
            }
            if (i instanceof dev.jbuild.dockerfile.instruction.Run r) {
                for (String mount : r.mounts()) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|,)from=([^,]+)").matcher(mount);
                    if (m.find()) {
                        refs.add(m.group(1));
                    }
                }
            }
        }
        Set<Integer> deps = new LinkedHashSet<>();
        for (String ref : refs) {
            Optional<Stage> dep = df.stage(ref);
            if (dep.isPresent()) {
                if (dep.get().index() == stage.index()) {
                    throw new DockerfileException(stage.from().range().startLine(), "stage \"" + ref + "\" refers to itself");
                }
                need(df, dep.get(), args, needed, visiting);
                deps.add(dep.get().index());
            }
        }
        visiting.remove(stage.index());
        needed.put(stage.index(), deps);
    }

    static boolean isPlatformArg(String name) {
        return BuildArgs.PLATFORM.contains(name);
    }
}
