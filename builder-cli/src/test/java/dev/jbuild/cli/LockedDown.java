package dev.jbuild.cli;

import dev.jbuild.cli.JbuildProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * A CI pod without privileges, made on this machine without Docker. As a user: root of a user namespace with
 * 65536 ids (as a pod's root has them), where making another user namespace is refused (as seccomp
 * refuses it in a pod) and CAP_SYS_ADMIN is gone (so no mount), with a /proc of its own PID namespace (as a pod
 * has). As root (CI's second pass): the host's root without CAP_SYS_ADMIN, with a store of the test's own. Runs
 * the real launcher there with nothing of jbuild's in the environment but HOME (and, as root, JBUILD_ROOT).
 */
final class LockedDown {
    private LockedDown() {
    }

    static Result jbuild(Path home, Map<String, String> env, byte[] stdin, String... args) throws IOException, InterruptedException {
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        List<String> command = new ArrayList<>(asRoot ? asRoot() : asUser());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(JbuildProcess.PROJECT.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("JBUILD_") || k.equals("DOCKER_CONFIG") || k.startsWith("XDG_"));
        pb.environment().put("HOME", home.toString());
        if (asRoot) { // root's store is /var/lib/jbuild: the host's own, which a test neither reads nor fills
            pb.environment().put("JBUILD_ROOT", home.resolve(".local/share/jbuild").toString());
        }
        pb.environment().putAll(env);
        Path out = Files.createTempFile("locked-out", ".txt");
        Path err = Files.createTempFile("locked-err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) { // a hang guard, not a measure of speed
                p.destroyForcibly();
                throw new AssertionError("jbuild " + String.join(" ", args) + " did not finish in the pod in 120 s");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The test user: the pod made in a user namespace of the user's subordinate ids. */
    private static List<String> asUser() throws IOException {
        return List.of("unshare", "--user", "--map-user=0", "--map-group=0",
                "--map-users=" + subordinateStart("/etc/subuid") + ",1,65536",
                "--map-groups=" + subordinateStart("/etc/subgid") + ",1,65536", "--mount", "--pid", "--fork", "--mount-proc", "sh", "-c",
                "echo 0 > /proc/sys/user/max_user_namespaces && exec capsh --drop=cap_sys_admin -- -c 'exec \"$0\" \"$@\"' \"$@\"",
                "locked", JbuildProcess.LAUNCHER.toString());
    }

    /** Root (CI's second pass): the host's root without CAP_SYS_ADMIN, as a pod's root has it; the launcher finds it cannot mount. */
    private static List<String> asRoot() {
        return List.of("capsh", "--drop=cap_sys_admin", "--", "-c", "exec \"$0\" \"$@\"", JbuildProcess.LAUNCHER.toString());
    }

    /** The start of the caller's subordinate id range: the pod's 65536 ids. */
    private static long subordinateStart(String file) throws IOException {
        String user = System.getProperty("user.name");
        for (String line : Files.readAllLines(Path.of(file))) {
            String[] f = line.split(":");
            if (f.length == 3 && f[0].equals(user)) {
                return Long.parseLong(f[1]);
            }
        }
        Assumptions.abort(user + " has no range in " + file + " (CI's test user has one)");
        throw new IllegalStateException("not reached");
    }
}
