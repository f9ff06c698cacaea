package dev.jbuild.executor.container;

import dev.jbuild.executor.sandbox.SandboxException;
import dev.jbuild.store.Timestamps;
import dev.jbuild.store.image.StoredImage;
import dev.jbuild.store.oci.ImageConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Combines an image's config with a run request as docker does. */
public final class ContainerConfigs {
    public static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ContainerConfigs() {
    }

    public static ContainerConfig of(RunRequest request, StoredImage image, String imageName) {
        ImageConfig.RunConfig rc = image.config().config() == null ? ImageConfig.RunConfig.empty() : image.config().config();
        List<String> entrypoint = request.entrypoint() == null ? nonNull(rc.entrypoint())
                : request.entrypoint().isEmpty() ? List.of() : List.of(request.entrypoint());
        // A new entrypoint drops the image's CMD, as with docker.
        List<String> cmd = !request.command().isEmpty() ? request.command()
                : request.entrypoint() != null ? List.of() : nonNull(rc.cmd());
        List<String> command = new ArrayList<>(entrypoint);
        command.addAll(cmd);
        if (command.isEmpty()) {
            throw new SandboxException("no command specified: the image has no CMD or ENTRYPOINT; give one after the image name");
        }
        String id = ContainerNames.newId();
        String hostname = request.hostname() != null ? request.hostname() : id.substring(0, 12);
        Map<String, String> env = new LinkedHashMap<>();
        put(env, DEFAULT_PATH);
        for (String e : nonNull(rc.env())) {
            put(env, e);
        }
        put(env, "HOSTNAME=" + hostname);
        for (String e : request.env()) {
            put(env, e);
        }
        if (request.tty()) {
            env.putIfAbsent("TERM", "xterm");
        }
        List<String> envList = new ArrayList<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            envList.add(e.getKey() + "=" + e.getValue());
        }
        String workdir = request.workdir() != null ? request.workdir()
                : rc.workingDir() != null && !rc.workingDir().isEmpty() ? rc.workingDir() : "/";
        String user = request.user() != null ? request.user() : rc.user() == null ? "" : rc.user();
        return new ContainerConfig(id, request.name(), imageName, image.id().toString(), Timestamps.format(Instant.now()), command,
                envList, workdir, user, hostname, request.network(), request.volumes(), request.init(), request.tty(),
                request.autoRemove(), request.seccompUnconfined(), request.resources());
    }

    private static void put(Map<String, String> env, String entry) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
    }

    private static List<String> nonNull(List<String> list) {
        return list == null ? List.of() : list;
    }
}
