package dev.jbuild.executor.imagebuild;

import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.ignore.IgnoreMatcher;
import dev.jbuild.dockerfile.instruction.Add;
import dev.jbuild.executor.git.GitClone;
import dev.jbuild.executor.git.GitSource;
import dev.jbuild.executor.network.ContainerNetwork;
import dev.jbuild.executor.network.SharedNetwork;
import dev.jbuild.executor.sandbox.KeptRoots;
import dev.jbuild.dockerfile.instruction.Copy;
import dev.jbuild.executor.container.Container;
import dev.jbuild.executor.container.ContainerConfig;
import dev.jbuild.executor.container.ContainerNames;
import dev.jbuild.executor.container.ContainerRuntime;
import dev.jbuild.executor.container.Containers;
import dev.jbuild.executor.sandbox.ScratchRoot;
import dev.jbuild.store.fs.RootPaths;
import dev.jbuild.store.Timestamps;
import dev.jbuild.store.fs.IoErrors;
import dev.jbuild.store.fs.Posix;
import dev.jbuild.executor.sandbox.SandboxException;
import dev.jbuild.executor.sandbox.UserIds;
import dev.jbuild.executor.sandbox.UserNamespaceMode;
import dev.jbuild.store.Digest;
import dev.jbuild.store.Store;
import dev.jbuild.store.filehash.FileHashes;
import dev.jbuild.store.cache.BuildCache;
import dev.jbuild.store.fs.UserNamespace;
import dev.jbuild.store.layer.Layer;
import dev.jbuild.store.oci.ImageConfig;
import dev.jbuild.store.tar.Archives;
import dev.jbuild.store.tree.TreeExtractor;
import dev.jbuild.store.tree.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs build steps: the cache lookup, RUN in the sandbox, COPY and ADD into a scratch root (an overlay where mounts are allowed). */
final class StepExecutor {
    private final Store store;
    private final Containers containers;
    private final ContainerRuntime runtime;
    private final BuildCache cache;
    private final CacheExplainer explainer;
    private final List<Digest> used = java.util.Collections.synchronizedList(new ArrayList<>());
    private final UserNamespaceMode mode = UserNamespaceMode.of(System.getenv());
    private final SharedNetwork network;
    private final Materials materials = new Materials();
    /** The build's context digests once looked up (see {@link #contextHashes}); null before, and after the build. */
    private Optional<FileHashes> contextHashes;
    private final KeptRoots keptRoots;

    StepExecutor(Store store, Containers containers, ContainerRuntime runtime) {
        this.store = store;
        this.containers = containers;
        this.runtime = runtime;
        this.cache = new BuildCache(store);
        this.explainer = new CacheExplainer(store);
        this.network = new SharedNetwork(store.temp());
        this.keptRoots = new KeptRoots(store.temp());
    }

    /** Ends what the build's steps shared (their private network, the roots kept under chroot isolation). */
    void endBuild() throws IOException {
        try {
            network.close();
        } finally {
            try {
                keptRoots.close();
            } finally {
                saveContextHashes();
            }
        }
    }

    /**
     * The digests the store remembers of the build context's files, or null (a context unpacked into the
     * store for this build); looked up at the build's first COPY from its context, and shared by its stages.
     */
    private synchronized FileHashes contextHashes(Path context) throws IOException {
        if (contextHashes == null) {
            contextHashes = FileHashes.of(store, context);
        }
        return contextHashes.orElse(null);
    }

    /** Keeps the build's context digests for the next build (a failed build's hold as well). */
    private synchronized void saveContextHashes() throws IOException {
        if (contextHashes != null && contextHashes.isPresent()) {
            contextHashes.get().save();
        }
        contextHashes = null;
    }

    /** What the build fetched from outside (ADD of URLs and git repositories). */
    Materials materials() {
        return materials;
    }

    /** The keys of every step of this build, in order: what --cache-to exports. */
    List<Digest> usedKeys() {
        synchronized (used) {
            return List.copyOf(used);
        }
    }

    interface Step {
        ImageState execute() throws IOException;
    }

    /** The cached result of the step when there is one (and --no-cache does not cover its stage), else runs and caches it. */
    boolean cached(StageBuild sb, StepKey key, Step step) throws IOException {
        Digest digest = key.digest();
        used.add(digest);
        if (!sb.request().noCache().covers(sb.stage())) {
            Optional<BuildCache.Entry> hit = cache.get(digest);
            if (hit.isEmpty() && sb.request().remoteCache().isPresent() && sb.request().remoteCache().get().fetch(digest)) {
                hit = cache.get(digest);
            }
            if (hit.isPresent()) {
                sb.state(new ImageState(hit.get().config(), hit.get().layers()));
                explainer.remember(sb.slot(), key);
                return true;
            }
        }
        if (sb.request().explainCache()) {
            sb.request().progress().message("--> cache miss: " + String.join("; ", explainer.explain(sb.slot(), key)));
        }
        ImageState next = step.execute();
        cache.put(digest, new BuildCache.Entry(next.config(), next.layers()));
        explainer.remember(sb.slot(), key);
        sb.state(next);
        return false;
    }

    ImageState run(StageBuild sb, List<String> argv, Map<String, String> env, List<String> mounts, Optional<InlineScript> script,
                   ContainerNetwork network, ImageConfig.History history, int line, String original) throws IOException {
        ImageState state = sb.state();
        ImageConfig.RunConfig rc = state.run();
        Map<String, String> withSecrets = new java.util.LinkedHashMap<>(env);
        withSecrets.putAll(RunMounts.environment(mounts, sb.request(), line));
        List<String> envList = withSecrets.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        String workdir = rc.workingDir() == null || rc.workingDir().isEmpty() ? "/" : rc.workingDir();
        try (MountedRoots roots = new MountedRoots(sb, line)) {
            List<dev.jbuild.executor.sandbox.Volume> volumes = RunMounts.volumes(mounts, sb.request(), store, roots, workdir, line);
            if (script.isPresent()) {
                volumes = new ArrayList<>(volumes);
                volumes.add(new dev.jbuild.executor.sandbox.Volume(roots.scriptFile(script.get()).toString(), script.get().path(), true));
            }
            ContainerConfig config = new ContainerConfig(ContainerNames.newId(), "build", "build", "", Timestamps.format(java.time.Instant.now()),
                    argv, envList, workdir, rc.user() == null ? "" : rc.user(), "jbuild", this.network.forStep(network), volumes, false, false, false, false,
                    sb.request().resources());
            return runIn(sb, containers.createTransient(config), state, history, line, original);
        }
    }

    private ImageState runIn(StageBuild sb, Container c, ImageState state, ImageConfig.History history, int line, String original)
            throws IOException {
        try {
            List<Path> imageLayers = lowers(state);
            int code;
            try {
                code = runtime.startStep(c, imageLayers, sb.currentStep().output(), keptRoots);
            } catch (SandboxException e) {
                throw new DockerfileException(line, brief(original) + ": " + e.getMessage());
            } catch (IOException e) {
                throw new DockerfileException(line, brief(original) + ": " + IoErrors.describe(e));
            }
            if (code != 0) {
                throw new DockerfileException(line, brief(original) + ": the command returned a non-zero code: " + code);
            }
            addRuntimeDirectories(c.upper(), imageLayers);
            ImageState next = state.withLayer(layerOf(c.upper(), state, sb), history);
            if (keptRoots.holds(c.id())) { // only under chroot isolation: the next step's layers are worked out for it
                keptRoots.became(c.id(), lowers(next));
            }
            return next;
        } finally {
            keptRoots.drop(c.id()); // unless it became the next step's
            Trees.delete(c.dir());
        }
    }

    boolean copy(StageBuild sb, Copy copy, int line) throws IOException {
        Transfer t = new Transfer("COPY", copy.sources(), copy.destination(), copy.from(), copy.chown(), copy.chmod(), false,
                copy.parents(), copy.excludes(), null, copy.original(), line);
        return copy.heredocs().isEmpty() ? transfer(sb, t) : transferHeredocs(sb, t, copy.heredocs());
    }

    /** COPY/ADD <<EOF /dest: each heredoc is a file named after its delimiter (bodies already expanded). */
    private boolean transferHeredocs(StageBuild sb, Transfer t, List<dev.jbuild.dockerfile.syntax.Heredoc> heredocs) throws IOException {
        Path docs = store.temp().createDirectory("heredoc");
        try {
            List<String> names = new ArrayList<>();
            for (dev.jbuild.dockerfile.syntax.Heredoc h : heredocs) {
                Files.writeString(docs.resolve(h.name()), h.effectiveContent());
                Posix.chmod(docs.resolve(h.name()), 0644); // BuildKit's mode for inline files
                names.add(h.name());
            }
            return transfer(sb, t.withSources(names, docs));
        } finally {
            Trees.delete(docs);
        }
    }

    boolean add(StageBuild sb, Add add, int line) throws IOException {
        List<String> urls = add.sources().stream().filter(s -> s.matches("(?i)^https?://.*")).toList();
        Transfer t = new Transfer("ADD", add.sources(), add.destination(), Optional.empty(), add.chown(), add.chmod(),
                add.unpack().orElse(true), false, add.excludes(), null, add.original(), line);
        Optional<GitSource> git = add.sources().size() == 1 ? GitSource.parse(add.sources().get(0)) : Optional.empty();
        if (git.isPresent()) {
            return addGit(sb, t, git.get(), add, line);
        }
        if (!add.heredocs().isEmpty()) {
            return transferHeredocs(sb, t, add.heredocs());
        }
        if (urls.isEmpty()) {
            if (add.checksum().isPresent()) {
                throw new DockerfileException(line, "ADD --checksum is only for URLs");
            }
            return transfer(sb, t);
        }
        if (urls.size() != add.sources().size()) {
            throw new DockerfileException(line, "ADD: mix URLs and local files in separate ADD instructions");
        }
        // Downloaded files are added as they are (not unpacked) with mode 0600, as docker does.
        Path downloads = store.temp().createDirectory("add-url");
        try {
            List<String> names = new ArrayList<>();
            for (String url : urls) {
                names.add(UrlDownload.fetch(url, downloads, add.checksum(), line, materials));
            }
            Transfer downloaded = t.withSources(names, downloads);
            return transfer(sb, add.chmod().isPresent() ? downloaded : downloaded.withChmod("600"));
        } finally {
            Trees.delete(downloads);
        }
    }

    /**
     * ADD of a git repository: its files at the ref (SUBDIR's, with #REF:SUBDIR) into the destination
     * directory, .git only with --keep-git-dir; --checksum is the commit it must be. The step's key is
     * the checkout's content, as for any ADD.
     */
    private boolean addGit(StageBuild sb, Transfer t, GitSource source, Add add, int line) throws IOException {
        Path dir = store.temp().createDirectory("add-git");
        try {
            GitClone.Checkout checkout = GitClone.fetch(source, dir.resolve("repository"), add.keepGitDir());
            if (add.checksum().isPresent() && !(add.checksum().get().length() >= 7 && checkout.commit().startsWith(add.checksum().get()))) {
                throw new DockerfileException(line, "ADD " + add.sources().get(0) + ": checksum mismatch: expected " + add.checksum().get()
                        + ", got " + checkout.commit());
            }
            materials.add(add.sources().get(0), "sha1:" + checkout.commit());
            return transfer(sb, t.withSources(List.of("."), checkout.root()));
        } catch (IOException e) {
            throw new DockerfileException(line, "ADD " + add.sources().get(0) + ": " + e.getMessage());
        } finally {
            Trees.delete(dir);
        }
    }

    private boolean transfer(StageBuild sb, Transfer t) throws IOException {
        IgnoreMatcher excluded = IgnoreMatcher.of(t.excludes()); // --exclude: patterns as in .dockerignore
        ImageState state = sb.state();
        try (MountedRoots mounted = new MountedRoots(sb, t.line())) {
            SourceFiles sources;
            String where;
            if (t.from().isPresent()) {
                sources = new SourceFiles(mounted.rootOf(t.from().get(), t.kind() + " --from=" + t.from().get()), excluded);
                where = "stage or image " + t.from().get();
            } else if (t.sourceDir() != null) {
                sources = new SourceFiles(t.sourceDir(), IgnoreMatcher.of(List.of()));
                where = "its heredocs or downloads";
            } else {
                Path context = sb.request().context().orElseThrow(() -> new DockerfileException(t.line(),
                        t.kind() + " needs a build context: the Dockerfile came from standard input without one"));
                sources = new SourceFiles(context, sb.request().ignore(), excluded, contextHashes(context));
                where = "the build context";
            }
            // A wildcard that matches nothing is no error while another source matched (as BuildKit).
            List<CopySource> matched = new ArrayList<>();
            for (String name : t.sources()) {
                List<Path> m = sources.match(name);
                if (m.isEmpty() && !SourceFiles.isWildcard(name)) {
                    throw notFound(t, name, where);
                }
                for (Path p : m) {
                    Path content = sources.followed(p);
                    if (!Files.exists(content, LinkOption.NOFOLLOW_LINKS)) {
                        throw notFound(t, name, where);
                    }
                    matched.add(new CopySource(p.getFileName() == null ? "" : p.getFileName().toString(), content));
                }
            }
            if (matched.isEmpty()) {
                throw notFound(t, t.sources().get(0), where);
            }
            StepKey key = new StepKey().add("parent", state.digest().toString()).add("instruction", t.original())
                    .add("exclude", String.join(" ", t.excludes())).add("destination", t.destination())
                    .add("chown", t.chown().orElse("")).add("chmod", t.chmod().orElse(""))
                    .add("unpack", String.valueOf(t.unpack())).add("parents", String.valueOf(t.parents()));
            sources.digestInto(matched.stream().map(CopySource::content).toList(), key);
            // Only several sources in the instruction make the destination a directory; a wildcard's matches
            // are each copied to it (Docker's BuildKit: COPY *.txt /dst leaves the last as the file /dst).
            boolean many = t.sources().size() > 1;
            ImageConfig.History history = new ImageConfig.History(sb.request().created(), t.original(), null, null, false);
            return cached(sb, key, () -> copyStep(sb, t, sources, matched, many, history));
        }
    }

    /** A source as COPY takes it: the name it had, and what it is copied from (a link's target, inside its root). */
    private record CopySource(String name, Path content) {
    }

    private static DockerfileException notFound(Transfer t, String name, String where) {
        return new DockerfileException(t.line(), t.kind() + " failed: " + name + ": not found in " + where
                + (t.from().isEmpty() ? " (or excluded by .dockerignore)" : ""));
    }

    /**
     * Read-only views of stages and images (COPY --from, RUN --mount=from=) and scratch copies, for one
     * step of a stage; unmounted and deleted on close.
     */
    final class MountedRoots implements AutoCloseable, RunMounts.Roots {
        private final List<ScratchRoot> scratchRoots = new ArrayList<>();
        private final List<Path> dirs = new ArrayList<>();
        private final StageBuild sb;
        private final int line;

        MountedRoots(StageBuild sb, int line) {
            this.sb = sb;
            this.line = line;
        }

        @Override
        public Path rootOf(String from) throws IOException {
            return rootOf(from, "RUN --mount from=" + from);
        }

        /** @param what the instruction's words, for the error when {@code from} names nothing */
        Path rootOf(String from, String what) throws IOException {
            NamedContext named = sb.request().namedContexts().get(from);
            if (named instanceof NamedContext.Directory dir) {
                return dir.path();
            }
            ImageState other = named == null ? sb.stageOrNull(from) : null;
            if (other == null) {
                try {
                    String reference = named instanceof NamedContext.Image i ? i.reference() : from;
                    var image = sb.baseImages().get(reference, sb.platform());
                    materials.addImage(reference, sb.platform(), image.manifestDigest());
                    other = new ImageState(image.config(), image.manifest().layers());
                } catch (dev.jbuild.store.StoreException e) {
                    throw new DockerfileException(line, what + ": no stage or image of that name: " + e.getMessage());
                }
            }
            return scratchRoot("from", lowers(other));
        }

        /** An inline script as a file for the step to run (mode 0755, removed with the step). */
        Path scriptFile(InlineScript script) throws IOException {
            Path dir = store.temp().createDirectory("script");
            dirs.add(dir);
            Path file = dir.resolve("script");
            Files.writeString(file, script.content());
            Posix.chmod(file, 0755);
            return file;
        }

        /** A directory as a scratch root of its own (writes land in a throw-away upper), a file copied. */
        @Override
        public Path scratchCopyOf(Path source) throws IOException {
            if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                return scratchRoot("bind", List.of(source));
            }
            Path dir = store.temp().createDirectory("bind");
            dirs.add(dir);
            Path copy = dir.resolve("merged");
            Files.copy(source, copy, StandardCopyOption.COPY_ATTRIBUTES);
            return copy;
        }

        private Path scratchRoot(String purpose, List<Path> lowers) throws IOException {
            ScratchRoot root = ScratchRoot.view(store.temp(), purpose, lowers, mode); // read, or written and thrown away
            scratchRoots.add(root);
            return root.merged();
        }

        @Override
        public void close() throws IOException {
            for (ScratchRoot root : scratchRoots) {
                root.close();
            }
            for (Path dir : dirs) {
                Trees.delete(dir);
            }
        }
    }

    private ImageState copyStep(StageBuild sb, Transfer t, SourceFiles sources, List<CopySource> matched, boolean many,
                                ImageConfig.History history) throws IOException {
        String destination = t.destination();
        String kind = t.kind();
        int line = t.line();
        ImageState state = sb.state();
        // ADD's archives may hold hard links to the image's files, whose owner they then set: no linked root for them.
        try (ScratchRoot root = keptRoots.open("copy", lowers(state), mode, !t.unpack())) {
            Path merged = root.merged();
            try {
                String workdir = state.run().workingDir() == null || state.run().workingDir().isEmpty() ? "/" : state.run().workingDir();
                // Cleaned as a path before any link is followed: /link/.. is /, whatever /link points at (as docker).
                String dest = RootPaths.clean(destination.startsWith("/") ? destination : workdir + "/" + destination);
                boolean intoDir = many || destination.equals(".") || destination.endsWith("/") || destination.endsWith("/.");
                Path target = RootPaths.resolve(merged, dest);
                long[] owner = owner(merged, t.chown(), line, kind);
                Integer mode = t.chmod().map(m -> parseMode(m, line, kind)).orElse(null);
                // From a stage or image without --chown, files keep their owners; from the context they are root's.
                boolean keepOwners = t.from().isPresent() && t.chown().isEmpty();
                FileCopier copier = new FileCopier(sources, merged, owner[0], owner[1], mode, keepOwners);
                for (CopySource copySource : matched) {
                    Path source = copySource.content();
                    boolean sourceIsDir = Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS);
                    if (t.unpack() && !sourceIsDir && Archives.isArchive(source)) {
                        copier.makeDirectories(target);
                        try (InputStream in = Archives.decompressed(Files.newInputStream(source))) {
                            TreeExtractor.followingLinksInside(UserNamespace.isRealRoot()).extract(in, target, kind + " " + source.getFileName());
                        } catch (IOException e) {
                            throw new DockerfileException(line, kind + " " + source.getFileName() + ": " + IoErrors.describe(e));
                        } catch (dev.jbuild.store.StoreException e) {
                            throw new DockerfileException(line, e.getMessage()); // names the archive and the entry
                        }
                        continue;
                    }
                    Path to;
                    // Every path below the destination is resolved inside the image's root, links included.
                    if (t.parents()) { // the source's own path below the context, under the destination
                        to = RootPaths.resolveParent(merged, dest + "/" + sources.root().relativize(source));
                    } else if (sourceIsDir) {
                        to = target;
                    } else if (intoDir || Files.isDirectory(target)) {
                        copier.makeDirectories(target);
                        to = RootPaths.resolveParent(merged, dest + "/" + copySource.name());
                    } else {
                        to = target;
                    }
                    if (to.getParent() != null) {
                        copier.makeDirectories(to.getParent());
                    }
                    try {
                        copier.copy(source, to);
                    } catch (IOException e) {
                        throw new DockerfileException(line, kind + " failed: " + IoErrors.describe(e));
                    }
                }
                copier.done();
            } finally {
                root.unmount();
            }
            ImageState next = state.withLayer(layerOf(root.upper(), state, sb), history);
            keptRoots.keep(root, lowers(next));
            return next;
        }
    }

    /**
     * WORKDIR: the directory and its missing parents made in the image (0755, owned by the current USER), as
     * BuildKit makes them; a layer only when something was made, else a change of the config alone.
     */
    ImageState workdir(StageBuild sb, ImageConfig.RunConfig run, String original) throws IOException {
        ImageState state = sb.state();
        try (ScratchRoot root = keptRoots.open("workdir", lowers(state), mode, true)) {
            boolean made = false;
            try {
                Path merged = root.merged();
                UserIds owner = UserIds.resolve(merged, run.user() == null ? "" : run.user());
                String path = "";
                for (String name : RootPaths.clean(run.workingDir()).substring(1).split("/")) {
                    path += "/" + name;
                    Path dir = RootPaths.resolve(merged, path);
                    if (!name.isEmpty() && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectory(dir);
                        Posix.chmod(dir, 0755);
                        Posix.lchown(dir, owner.uid(), owner.gid());
                        made = true;
                    }
                }
            } finally {
                root.unmount();
            }
            ImageConfig.History history = new ImageConfig.History(sb.request().created(), original, null, null, !made);
            ImageState next = made ? state.withLayer(layerOf(root.upper(), state, sb), history).withRun(run) : state.with(run, history);
            keptRoots.keep(root, lowers(next));
            return next;
        }
    }

    /** An instruction as an error quotes it: its first 100 characters. */
    private static String brief(String instruction) {
        String line = instruction.lines().findFirst().orElse("");
        return line.length() > 100 ? line.substring(0, 100) + " …" : line;
    }

    /** --chown USER[:GROUP] in the image's passwd and group; a user alone gives the same number as group (docker). */
    private static long[] owner(Path root, Optional<String> chown, int line, String kind) throws IOException {
        if (chown.isEmpty()) {
            return new long[] {0, 0};
        }
        String spec = chown.get();
        try {
            UserIds ids = UserIds.resolve(root, spec);
            if (!spec.contains(":")) {
                return new long[] {ids.uid(), spec.chars().allMatch(Character::isDigit) ? ids.uid() : ids.gid()};
            }
            return new long[] {ids.uid(), ids.gid()};
        } catch (SandboxException e) {
            throw new DockerfileException(line, kind + " --chown=" + spec + ": " + e.getMessage());
        }
    }

    private static int parseMode(String mode, int line, String kind) {
        try {
            return Integer.parseInt(mode, 8) & 07777;
        } catch (NumberFormatException e) {
            throw new DockerfileException(line, kind + " --chmod=" + mode + ": expected an octal mode such as 0755");
        }
    }

    /**
     * /dev, /proc and /sys, as empty root directories, in the layer of a RUN whose image had none of them:
     * the runtime of Docker's BuildKit makes them to mount onto and leaves them there (it removes only the
     * stubs of RUN --mount targets and of /etc/hosts and /etc/resolv.conf), so its images have them.
     */
    private static void addRuntimeDirectories(Path upper, List<Path> imageLayers) throws IOException {
        for (String name : List.of("dev", "proc", "sys")) {
            if (!inImage(imageLayers, name) && !Files.exists(upper.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                Path dir = Files.createDirectory(upper.resolve(name));
                Posix.chmod(dir, 0755);
                Posix.lchown(dir, 0, 0);
            }
        }
    }

    /** Whether the image's top-level {@code name} exists: the topmost layer that has an entry decides (a whiteout deletes). */
    private static boolean inImage(List<Path> imageLayers, String name) throws IOException {
        for (int i = imageLayers.size() - 1; i >= 0; i--) {
            Path p = imageLayers.get(i).resolve(name);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return !Posix.lstat(p).isOverlayWhiteout();
            }
        }
        return false;
    }

    private List<Path> lowers(ImageState state) throws IOException {
        return store.layerTrees().extract(state.layers(), state.diffIds());
    }

    /** The step's upper dir becomes the layer's tree as it is: hashed, renamed, never compressed here. */
    private Layer layerOf(Path upper, ImageState state, StageBuild sb) throws IOException {
        return store.layerTrees().adopt(upper, state.diffIds(), sb.request().sourceDateEpoch());
    }
}
