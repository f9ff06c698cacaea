package dev.jbuild.cli.context;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.executor.git.GitClone;
import dev.jbuild.executor.git.GitSource;
import dev.jbuild.registry.http.Downloads;
import dev.jbuild.registry.http.Response;
import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.tar.Archives;
import dev.jbuild.store.tree.TreeExtractor;
import dev.jbuild.store.tree.Trees;
import dev.jbuild.store.fs.UserNamespace;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A build's context wherever it is, as `docker buildx build` takes it: a directory; {@code -}, standard
 * input holding a Dockerfile or a tar context (plain or compressed); an {@code http(s)://} tarball (or a
 * plain Dockerfile there, without a context); a git repository ({@link GitSource}), cloned shallowly at its
 * ref with the system's git, {@code .git} left out unless BUILDKIT_CONTEXT_KEEP_GIT_DIR=1. What is fetched
 * lives in a temp dir of the store until the build ends.
 */
public final class RemoteContext implements AutoCloseable {
    private static final int TAR_HEADER = 512;
    private final String context;
    private final InputStream stdin;
    private final Path fetched;

    private RemoteContext(String context, InputStream stdin, Path fetched) {
        this.context = context;
        this.stdin = stdin;
        this.fetched = fetched;
    }

    /** @param keepGitDir BUILDKIT_CONTEXT_KEEP_GIT_DIR was given */
    public static RemoteContext open(String context, InputStream stdin, Supplier<TempFiles> temp, boolean keepGitDir) throws IOException {
        Optional<GitSource> git = GitSource.parse(context);
        if (git.isPresent()) {
            Path dir = temp.get().createDirectory("context");
            try {
                Path root = GitClone.fetch(git.get(), dir.resolve("git"), keepGitDir).root();
                return new RemoteContext(root.toString(), stdin, dir);
            } catch (IOException | RuntimeException e) {
                Trees.delete(dir);
                throw new JbuildFailure("build: git context " + git.get().url() + "#" + git.get().ref() + ": " + e.getMessage());
            }
        }
        if (context.startsWith("https://") || context.startsWith("http://")) {
            return fromUrl(context, temp);
        }
        if (context.equals("-")) {
            return fromStdin(stdin, temp);
        }
        if (context.contains("://")) {
            throw new JbuildFailure("build: context " + context + ": unknown scheme (a directory, -, http(s):// or a git URL)");
        }
        return new RemoteContext(context, stdin, null);
    }

    /** Standard input: a tar context (extracted) or, otherwise, the Dockerfile itself (left to be read). */
    private static RemoteContext fromStdin(InputStream stdin, Supplier<TempFiles> temp) throws IOException {
        PushbackInputStream in = new PushbackInputStream(stdin, TAR_HEADER);
        byte[] head = in.readNBytes(TAR_HEADER);
        in.unread(head);
        if (!Archives.startsArchive(head)) {
            return new RemoteContext("-", in, null);
        }
        Path dir = temp.get().createDirectory("context");
        try {
            extract(in, dir.resolve("tar"), "the tar context on standard input");
            return new RemoteContext(dir.resolve("tar").toString(), InputStream.nullInputStream(), dir);
        } catch (IOException | RuntimeException e) {
            Trees.delete(dir);
            throw e;
        }
    }

    private static RemoteContext fromUrl(String url, Supplier<TempFiles> temp) throws IOException {
        Path dir = temp.get().createDirectory("context");
        try {
            Path download = dir.resolve("download");
            try (Response r = Downloads.get(URI.create(url))) {
                if (r.code() != 200) {
                    throw new JbuildFailure("build: context " + url + ": the server answered " + r.code());
                }
                try (InputStream body = r.body()) {
                    Files.copy(body, download);
                }
            }
            if (!Archives.isArchive(download)) { // a Dockerfile alone, as docker build URL takes one
                return new RemoteContext("-", new ByteArrayInputStream(Files.readAllBytes(download)), dir);
            }
            try (InputStream in = Files.newInputStream(download)) {
                extract(in, dir.resolve("tar"), url);
            }
            Files.delete(download);
            return new RemoteContext(dir.resolve("tar").toString(), InputStream.nullInputStream(), dir);
        } catch (IOException | RuntimeException e) {
            Trees.delete(dir);
            if (e instanceof JbuildFailure f) {
                throw f;
            }
            throw new JbuildFailure("build: context " + url + ": " + e.getMessage());
        }
    }

    /** Entries that would land outside {@code dir} are refused (TreeExtractor), owners are the caller's. */
    private static void extract(InputStream in, Path dir, String source) throws IOException {
        Files.createDirectories(dir);
        new TreeExtractor(UserNamespace.isRealRoot(), false).extract(Archives.decompressed(in), dir, source);
    }

    /** The context as BuildInputs takes it: a directory, or "-" for a Dockerfile read from {@link #stdin()}. */
    public String context() {
        return context;
    }

    /** Where "-" reads the Dockerfile. */
    public InputStream stdin() {
        return stdin;
    }

    /** -f as given; for a fetched context a relative path is inside it, as buildx resolves it. */
    public String dockerfile(String file) {
        if (file == null || fetched == null || file.equals("-") || Path.of(file).isAbsolute()) {
            return file;
        }
        return Path.of(context).resolve(file).toString();
    }

    @Override
    public void close() throws IOException {
        if (fetched != null) {
            Trees.delete(fetched);
        }
    }
}
