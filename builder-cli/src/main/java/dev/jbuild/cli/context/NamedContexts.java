package dev.jbuild.cli.context;

import dev.jbuild.cli.JbuildFailure;
import dev.jbuild.executor.imagebuild.NamedContext;
import dev.jbuild.store.Store;
import dev.jbuild.store.copy.CopyOptions;
import dev.jbuild.store.copy.CopyProgress;
import dev.jbuild.store.copy.ImageCopy;
import dev.jbuild.store.place.OciLayoutSource;
import dev.jbuild.store.place.StoreSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * --build-context NAME=VALUE as buildx takes it: {@code docker-image://REF[@DIGEST]} (an image, pulled when
 * missing), {@code oci-layout://DIR[:TAG|@DIGEST]} (copied into the store, then used by its digest), or a
 * directory wherever RemoteContext finds one (a local path, an http(s) tarball, a git repository). What was
 * fetched is removed when the build ends.
 */
public final class NamedContexts implements AutoCloseable {
    private final Map<String, NamedContext> contexts;
    private final List<RemoteContext> fetched;

    private NamedContexts(Map<String, NamedContext> contexts, List<RemoteContext> fetched) {
        this.contexts = Map.copyOf(contexts);
        this.fetched = fetched;
    }

    public static NamedContexts open(List<String> specs, Supplier<Store> store, boolean keepGitDir) throws IOException {
        Map<String, NamedContext> contexts = new LinkedHashMap<>();
        List<RemoteContext> fetched = new ArrayList<>();
        NamedContexts opened = new NamedContexts(Map.of(), fetched);
        try {
            for (String spec : specs) {
                int eq = spec.indexOf('=');
                if (eq <= 0 || eq == spec.length() - 1) {
                    throw new JbuildFailure("build: --build-context " + spec + ": expected NAME=VALUE");
                }
                String name = spec.substring(0, eq);
                String value = spec.substring(eq + 1);
                if (value.startsWith("docker-image://")) {
                    contexts.put(name, new NamedContext.Image(value.substring("docker-image://".length())));
                } else if (value.startsWith("oci-layout://")) {
                    contexts.put(name, new NamedContext.Image(fromLayout(spec, value.substring("oci-layout://".length()), store.get())));
                } else {
                    RemoteContext remote = RemoteContext.open(value, InputStream.nullInputStream(), () -> store.get().temp(), keepGitDir);
                    fetched.add(remote);
                    if (remote.context().equals("-") || !java.nio.file.Files.isDirectory(Path.of(remote.context()))) {
                        throw new JbuildFailure("build: --build-context " + spec + ": not a directory, tarball or git repository");
                    }
                    contexts.put(name, new NamedContext.Directory(Path.of(remote.context()).toAbsolutePath()));
                }
            }
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        return new NamedContexts(contexts, fetched);
    }

    /** The image of an OCI layout (DIR, DIR:TAG or DIR@DIGEST) copied into the store, unnamed; its ID. */
    private static String fromLayout(String spec, String layout, Store store) throws IOException {
        int at = layout.indexOf('@');
        int colon = at < 0 ? layout.lastIndexOf(':') : -1;
        Path dir = Path.of(at >= 0 ? layout.substring(0, at) : colon > 0 ? layout.substring(0, colon) : layout);
        Optional<String> reference = Optional.ofNullable(at >= 0 ? layout.substring(at + 1) : colon > 0 ? layout.substring(colon + 1) : null);
        if (!java.nio.file.Files.isRegularFile(dir.resolve("index.json"))) {
            throw new JbuildFailure("build: --build-context " + spec + ": " + dir + " is not an OCI layout (no index.json)");
        }
        CopyOptions options = CopyOptions.platform(dev.jbuild.store.platform.Platform.host());
        List<ImageCopy.Copied> copied = new ImageCopy(store.temp(), options, CopyProgress.NONE)
                .copy(new OciLayoutSource(dir, reference, "oci-layout://" + layout), StoreSink.unnamed(store));
        // The image's ID (its config's digest): what the store finds it by without a name.
        return dev.jbuild.store.oci.Json.read(copied.get(0).written().bytes(), dev.jbuild.store.oci.Manifest.class).config().digest().toString();
    }

    public Map<String, NamedContext> contexts() {
        return contexts;
    }

    @Override
    public void close() throws IOException {
        for (RemoteContext r : fetched) {
            r.close();
        }
    }
}
