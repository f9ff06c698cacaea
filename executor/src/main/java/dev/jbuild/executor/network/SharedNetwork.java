package dev.jbuild.executor.network;

import dev.jbuild.executor.sandbox.Sandbox;
import dev.jbuild.executor.sandbox.SandboxException;
import dev.jbuild.store.blob.TempFiles;
import dev.jbuild.store.tree.Trees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One private network for all of a build's RUN steps: a network namespace with slirp4netns, held by the
 * sandbox program from the first step that asks for it to the end of the build, which each step joins.
 * Starting slirp4netns for every step would add ~50 ms to each; BuildKit likewise keeps its step
 * networks in a pool. The holder dies with jbuild (parent-death signal, and its stdin closes).
 */
public final class SharedNetwork implements AutoCloseable {
    private final TempFiles temp;
    private Process holder;
    private Path dir;
    private ContainerNetwork joined;

    public SharedNetwork(TempFiles temp) {
        this.temp = temp;
    }

    /** What a step runs in: {@code wanted}, or for the private network the shared namespace, started on first use. */
    public synchronized ContainerNetwork forStep(ContainerNetwork wanted) throws IOException {
        if (wanted.mode() != ContainerNetwork.Mode.PRIVATE || wanted.namespace() != null) {
            return wanted;
        }
        if (joined == null) {
            start();
        }
        return joined.withExtraHosts(wanted.extraHosts());
    }

    private void start() throws IOException {
        dir = temp.createDirectory("network");
        holder = Sandbox.networkHolder(dir).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            close();
            throw new SandboxException("the build's private network did not start (slirp4netns; see `jbuild info`)", 1);
        }
        joined = ContainerNetwork.joining("/proc/" + holder.pid() + "/ns/net");
    }

    @Override
    public synchronized void close() throws IOException {
        if (holder != null) {
            holder.getOutputStream().close(); // the holder's word to end slirp4netns and exit
            try {
                if (!holder.waitFor(5, TimeUnit.SECONDS)) {
                    holder.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                holder.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            holder = null;
            joined = null;
        }
        if (dir != null && Files.exists(dir)) {
            Trees.delete(dir);
            dir = null;
        }
    }
}
