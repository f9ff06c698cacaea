package dev.jbuild.executor.imagebuild;

import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.instruction.MountOptions;
import dev.jbuild.store.fs.RootPaths;
import dev.jbuild.executor.sandbox.Volume;
import dev.jbuild.store.Store;
import dev.jbuild.store.fs.Posix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RUN --mount: type=cache (a directory in the store that outlives builds), type=secret (a file given
 * with --secret, never part of a layer, the history or a cache key), type=bind (from the context, a
 * stage or an image; read-only, or with rw writable with the writes thrown away) and type=tmpfs. Each becomes a mount of the step's sandbox.
 */
final class RunMounts {
    private RunMounts() {
    }

    /** Views the step needs, mounted for it and removed afterwards. */
    interface Roots {
        /** A stage's or image's root. */
        Path rootOf(String from) throws IOException;

        /** A writable view of {@code source} whose changes are thrown away after the step (bind's rw). */
        Path scratchCopyOf(Path source) throws IOException;
    }

    static List<Volume> volumes(List<String> specs, BuildRequest request, Store store, Roots roots, String workdir, int line)
            throws IOException {
        List<Volume> volumes = new ArrayList<>();
        int sshMounts = 0;
        for (String spec : specs) {
            Map<String, String> o = MountOptions.parse(spec, line);
            String type = o.getOrDefault("type", "bind");
            checkOptions(spec, type, o, line);
            String target = first(o, "target", "dst", "destination");
            if (type.equals("ssh")) {
                target = sshTarget(target, sshMounts++);
            }
            if (type.equals("secret") && target == null) {
                if (o.containsKey("env")) {
                    continue; // only the variable (environment), as BuildKit does without a target
                }
                target = "/run/secrets/" + o.getOrDefault("id", "");
            }
            if (target == null) {
                throw new DockerfileException(line, "RUN --mount=" + spec + ": the mount needs a target");
            }
            target = target.startsWith("/") ? target : workdir.replaceAll("/$", "") + "/" + target;
            switch (type) {
                case "cache" -> volumes.add(new Volume(cacheDir(store, o, target).toString(), target, false));
                case "tmpfs" -> volumes.add(Volume.tmpfs(target));
                case "ssh" -> {
                    Optional<Path> socket = sshSocket(o, request, line);
                    if (socket.isPresent()) {
                        volumes.add(new Volume(socket.get().toAbsolutePath().toString(), target, false));
                    }
                }
                case "secret" -> {
                    Optional<Path> file = secretFile(o, request, Path.of(target).getFileName().toString(), line);
                    if (file.isPresent()) {
                        volumes.add(new Volume(file.get().toAbsolutePath().toString(), target, true));
                    }
                }
                case "bind" -> {
                    String source = first(o, "source", "src");
                    Path root = o.containsKey("from") ? roots.rootOf(o.get("from"))
                            : request.context().orElseThrow(() -> new DockerfileException(line, "RUN --mount=type=bind needs a build context"));
                    String clean = SourceFiles.clean(source == null ? "." : source);
                    // Every link, the last one too (a mount follows it), resolved inside its root: never the host's.
                    Path host = clean == null ? null : RootPaths.resolve(root, clean);
                    if (host == null || !Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
                        throw new DockerfileException(line, "RUN --mount=" + spec + ": " + source + " not found");
                    }
                    boolean writable = isTrue(o, "rw") || isTrue(o, "readwrite");
                    // rw: writes are allowed, and discarded with the step, as docker does.
                    volumes.add(new Volume((writable ? roots.scratchCopyOf(host) : host).toString(), target, !writable));
                }
                default -> throw new DockerfileException(line, "RUN --mount=" + spec + ": unknown type " + type
                        + " (bind, cache, secret, ssh or tmpfs)");
            }
        }
        return volumes;
    }

    /**
     * The variables the step's mounts give it, for its process only (never part of the key, the history
     * or the image's config): each secret mount's value with {@code env=NAME} under NAME, and SSH_AUTH_SOCK
     * at the first SSH agent's socket.
     */
    static Map<String, String> environment(List<String> specs, BuildRequest request, int line) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        int sshMounts = 0;
        for (String spec : specs) {
            Map<String, String> o = MountOptions.parse(spec, line);
            String target = first(o, "target", "dst", "destination");
            if ("ssh".equals(o.get("type"))) {
                String socket = sshTarget(target, sshMounts++);
                if (sshSocket(o, request, line).isPresent() && !env.containsKey("SSH_AUTH_SOCK")) {
                    env.put("SSH_AUTH_SOCK", socket);
                }
            }
            if ("secret".equals(o.get("type")) && o.containsKey("env")) {
                Optional<Path> file = secretFile(o, request, o.get("env"), line);
                if (file.isPresent()) {
                    env.put(o.get("env"), Files.readString(file.get()));
                }
            }
        }
        return env;
    }

    /** Where the step's {@code n}th SSH mount goes: its target, else where BuildKit puts it, /run/buildkit/ssh_agent.N. */
    private static String sshTarget(String target, int n) {
        return target != null ? target : "/run/buildkit/ssh_agent." + n;
    }

    /** The agent socket of an SSH mount's id (default: "default"); empty for one not given and not required. */
    private static Optional<Path> sshSocket(Map<String, String> o, BuildRequest request, int line) {
        String id = o.getOrDefault("id", "default");
        Path socket = request.sshAgents().get(id);
        if (socket == null && "true".equals(o.get("required"))) {
            throw new DockerfileException(line, "RUN --mount=type=ssh,id=" + id + ": no --ssh " + id + " was given");
        }
        return Optional.ofNullable(socket);
    }

    /** The file of a secret mount's id (default: {@code defaultId}); empty for one not given and not required, as docker skips it. */
    private static Optional<Path> secretFile(Map<String, String> o, BuildRequest request, String defaultId, int line) {
        String id = o.getOrDefault("id", defaultId);
        Path file = request.secrets().get(id);
        if (file == null && "true".equals(o.get("required"))) {
            throw new DockerfileException(line, "RUN --mount=type=secret,id=" + id + ": no --secret id=" + id + " was given");
        }
        return Optional.ofNullable(file);
    }

    /**
     * The options jbuild carries out for each type (BuildKit's names); any other, or one of BuildKit's that
     * jbuild does not implement, is an error naming it, never ignored. A cache's sharing is accepted: a
     * cache is shared between the steps that use it at once, whatever it asks.
     */
    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "bind", Set.of("type", "target", "dst", "destination", "source", "src", "from", "rw", "readwrite", "ro", "readonly"),
            "cache", Set.of("type", "target", "dst", "destination", "id", "uid", "gid", "mode", "sharing"),
            "secret", Set.of("type", "target", "dst", "destination", "id", "required", "env"),
            "tmpfs", Set.of("type", "target", "dst", "destination"),
            "ssh", Set.of("type", "target", "dst", "destination", "id", "required"));

    private static void checkOptions(String spec, String type, Map<String, String> o, int line) {
        Set<String> known = OPTIONS.get(type);
        if (known == null) {
            return; // the type itself is refused below
        }
        for (String option : o.keySet()) {
            if (!known.contains(option)) {
                throw new DockerfileException(line, "RUN --mount=" + spec + ": option " + option + " is not supported for type="
                        + type + " (" + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }

    /**
     * store/cache-mounts/KEY: one directory per cache as BuildKit keys them: the id (default: the target) and,
     * when the mount gives any of uid, gid or mode, the directory those make (BuildKit seeds such a cache
     * from a state of its own, whose identity joins the key). sharing is no part of it.
     */
    private static Path cacheDir(Store store, Map<String, String> o, String target) throws IOException {
        StepKey key = new StepKey().add(o.getOrDefault("id", target));
        if (o.containsKey("uid") || o.containsKey("gid") || o.containsKey("mode")) {
            key.add("seed", o.getOrDefault("uid", "0") + ":" + o.getOrDefault("gid", "0") + ":" + o.getOrDefault("mode", "755"));
        }
        Path dir = store.root().resolve("cache-mounts").resolve(key.digest().hex().substring(0, 32));
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Posix.lchown(dir, Long.parseLong(o.getOrDefault("uid", "0")), Long.parseLong(o.getOrDefault("gid", "0")));
            Posix.chmod(dir, Integer.parseInt(o.getOrDefault("mode", "755"), 8));
        }
        return dir;
    }

    private static boolean isTrue(Map<String, String> o, String key) {
        return o.containsKey(key) && !o.get(key).equalsIgnoreCase("false");
    }

    private static String first(Map<String, String> o, String... keys) {
        for (String k : keys) {
            if (o.containsKey(k)) {
                return o.get(k);
            }
        }
        return null;
    }
}
