package dev.jbuild.executor.container;

import dev.jbuild.executor.sandbox.SandboxException;
import dev.jbuild.store.Timestamps;
import dev.jbuild.store.Store;
import dev.jbuild.store.tree.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The store's containers/: one directory per container id, and names/NAME symlinks that make a
 * name unique (a symlink is created atomically or not at all) and find it.
 */
public final class Containers {
    private final Store store;
    private final Path dir;
    private final Path names;

    public Containers(Store store) {
        this.store = store;
        this.dir = store.root().resolve("containers");
        this.names = dir.resolve("names");
    }

    /** Creates the container's directory and claims its name (a random one when null). */
    public Container create(ContainerConfig wanted) throws IOException {
        Files.createDirectories(names);
        String name = wanted.name();
        if (name == null) {
            name = ContainerNames.newName(takenNames());
        } else {
            ContainerNames.checkName(name);
        }
        ContainerConfig config = new ContainerConfig(wanted.id(), name, wanted.image(), wanted.imageId(), wanted.created(),
                wanted.command(), wanted.env(), wanted.workdir(), wanted.user(), wanted.hostname(), wanted.network(),
                wanted.volumes(), wanted.init(), wanted.tty(), wanted.autoRemove(), wanted.seccompUnconfined(), wanted.resources());
        try {
            Files.createSymbolicLink(names.resolve(name), Path.of("..", config.id()));
        } catch (FileAlreadyExistsException e) {
            throw new SandboxException("the container name \"/" + name + "\" is already in use; remove that container or choose another name");
        }
        Path tmp = store.temp().createDirectory("container");
        for (String sub : List.of("upper", "work", "merged", "mounts")) {
            Files.createDirectory(tmp.resolve(sub));
        }
        Files.writeString(tmp.resolve("config.json"), ContainerJson.write(config));
        Files.writeString(tmp.resolve("state.json"), ContainerJson.write(ContainerState.neverStarted()));
        store.temp().moveInto(tmp, dir.resolve(config.id()));
        return new Container(config, dir.resolve(config.id()));
    }

    /** A container that lives in tmp/ only for the caller's use (a build step): no name, not listed. */
    public Container createTransient(ContainerConfig config) throws IOException {
        Path tmp = store.temp().createDirectory("step");
        for (String sub : List.of("upper", "work", "merged", "mounts")) {
            Files.createDirectory(tmp.resolve(sub));
        }
        Files.writeString(tmp.resolve("state.json"), ContainerJson.write(ContainerState.neverStarted()));
        return new Container(config, tmp);
    }

    public List<Container> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Container> all = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) { // no stream: its lambdas cost a cold start
            for (Path p : entries) {
                try {
                    Container c = new Container(ContainerJson.config(Files.readAllBytes(p.resolve("config.json"))), p);
                    if (c.config().autoRemove() && state(c).abandoned()) {
                        remove(c); // its --rm never ran: the jbuild that ran it was killed
                        continue;
                    }
                    all.add(c);
                } catch (NoSuchFileException e) {
                    // names/, or a container removed while we looked
                }
            }
        }
        all.sort(new NewestFirst());
        return all;
    }

    /** A class, not a lambda: the first lambda of a JVM links its whole machinery (~10 ms cold). */
    private static final class NewestFirst implements java.util.Comparator<Container> {
        @Override
        public int compare(Container a, Container b) {
            return b.config().created().compareTo(a.config().created());
        }
    }

    /** By name, full id or unique id prefix, as docker resolves them. */
    public Container find(String ref) throws IOException {
        Path byName = names.resolve(ref);
        if (!ref.contains("/") && Files.isSymbolicLink(byName)) {
            String id = Files.readSymbolicLink(byName).getFileName().toString();
            for (Container c : list()) {
                if (c.id().equals(id)) {
                    return c;
                }
            }
        }
        List<Container> matches = list().stream().filter(c -> c.id().startsWith(ref.toLowerCase())).toList();
        if (matches.size() == 1 && !ref.isEmpty()) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new SandboxException("multiple containers match \"" + ref + "\"; use more of the id", 1);
        }
        throw new SandboxException("No such container: " + ref, 1);
    }

    public ContainerState state(Container c) throws IOException {
        return ContainerJson.state(Files.readAllBytes(c.dir().resolve("state.json")));
    }

    /** Records a new run: the exit file of the last one goes. */
    public void started(Container c, ContainerState state) throws IOException {
        Files.deleteIfExists(c.exitFile());
        Path tmp = store.temp().create("state");
        Files.writeString(tmp, ContainerJson.write(state));
        store.temp().moveInto(tmp, c.dir().resolve("state.json"));
    }

    /** Records how the run ended (foreground runs; detached ones have their monitor write it). */
    public void exited(Container c, int code) throws IOException {
        Path tmp = store.temp().create("exit");
        Files.writeString(tmp, code + "\n");
        store.temp().moveInto(tmp, c.exitFile());
    }

    /** The status, or empty when the container was removed meanwhile (a detached --rm one removes itself). */
    public java.util.Optional<Status> statusIfPresent(Container c) throws IOException {
        try {
            return java.util.Optional.of(status(c));
        } catch (NoSuchFileException e) {
            return java.util.Optional.empty();
        }
    }

    public Status status(Container c) throws IOException {
        ContainerState state = state(c);
        if (state.pid() == 0) {
            return new Status(Status.State.CREATED, 0, Timestamps.parse(c.config().created()));
        }
        // The exit file is written as the run ends (before a detached run's monitor removes an --rm container).
        if (state.process().isPresent() && !Files.exists(c.exitFile())) {
            return new Status(Status.State.RUNNING, 0, Timestamps.parse(state.startedAt()));
        }
        try {
            int code = Integer.parseInt(Files.readString(c.exitFile(), StandardCharsets.UTF_8).trim());
            return new Status(Status.State.EXITED, code, Files.getLastModifiedTime(c.exitFile()).toInstant());
        } catch (NoSuchFileException | NumberFormatException e) {
            return new Status(Status.State.EXITED, 255, Timestamps.parse(state.startedAt())); // killed along with jbuild
        }
    }

    /** Deletes the container's directory and frees its name; the caller made sure it is not running. */
    public void remove(Container c) throws IOException {
        Path doomed = store.temp().createDirectory("removed-container");
        Files.delete(doomed);
        store.temp().moveInto(c.dir(), doomed);
        Files.deleteIfExists(names.resolve(c.name()));
        Trees.delete(doomed);
    }

    private Set<String> takenNames() throws IOException {
        Set<String> taken = new HashSet<>();
        if (Files.isDirectory(names, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(names)) {
                for (Path p : entries) {
                    taken.add(p.getFileName().toString());
                }
            }
        }
        return taken;
    }
}
